"""The core app's own records: the record version (core/records.py) and the worker's bookkeeping (docs/tasks.md)."""

from django.db import models


class RecordVersion(models.Model):
    counter = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"record version {self.counter}"


class TaskWorker(models.Model):
    """A running `colloquy worker` process. It beats every few seconds; a task whose worker stopped beating (or,
    on the same host, whose process is gone) was abandoned and is queued again (core/worker.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    def __str__(self):
        return self.worker_id


class ScheduledRun(models.Model):
    """One occurrence of a scheduled job, queued once: the unique (name, due_at) row is claimed by exactly one
    worker, however many run the schedule."""

    name = models.CharField(max_length=80)
    due_at = models.DateTimeField()
    queued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "due_at"], name="core_scheduledrun_once")]
        ordering = ["-due_at"]

    def __str__(self):
        return f"{self.name} @ {self.due_at:%Y-%m-%d %H:%M}"


class Counter(models.Model):
    """A count shared by every web process and machine (core/counters.py): rate limits and "once per period"
    marks. The local-memory cache is per process, so a limit counted there let N gunicorn workers through N
    times over."""

    key = models.CharField(max_length=255, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key} = {self.count}"
