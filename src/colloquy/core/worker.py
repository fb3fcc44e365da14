"""What `colloquy worker` adds to the backend's own worker loop (docs/tasks.md).

- Liveness: each worker process has a `TaskWorker` row it refreshes every `BEAT` seconds.
- Recovery: a task left RUNNING by a worker that died (`kill -9`, a lost machine) is queued again, up to
  `COLLOQUY_TASK_MAX_ATTEMPTS` attempts, then marked failed. A worker is dead when its process is gone (same
  host) or it has not beaten for `COLLOQUY_TASK_WORKER_TIMEOUT` seconds. Tasks write in one transaction, so
  the dead attempt left nothing behind and the next one starts clean.
- The schedule (core/schedule.py), checked once a minute.
- `status()` for a health check: live workers, due tasks, the age of the oldest.

Recovery and status read django-tasks-db's table, whose app is installed whichever backend runs.

The heartbeat, recovery and schedule run in one small thread of the worker process: it only writes its own
bookkeeping rows and queues tasks; the tasks themselves run in the worker's main loop.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult

from colloquy.core import schedule, tasks
from colloquy.core.models import TaskWorker

log = logging.getLogger("colloquy.worker")
BEAT = 5.0
HOST = socket.gethostname()[:40]


class WorkerLost(Exception):
    """The worker running a task died before finishing it, too many times."""


def new_worker_id() -> str:
    return f"{HOST}:{os.getpid()}:{get_random_string(8)}"


def _timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "COLLOQUY_TASK_WORKER_TIMEOUT", 60))


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: alive
        return False
    return False


def is_dead(row: TaskWorker, *, now, me: str = "") -> bool:
    if row.worker_id == me:
        return False
    if row.host == HOST and (row.pid == os.getpid() or _process_gone(row.pid)):
        return True
    return now - row.last_seen > _timeout()


def beat(worker_id: str) -> None:
    now = timezone.now()
    TaskWorker.objects.update_or_create(worker_id=worker_id,
                                        defaults={"host": HOST, "pid": os.getpid(), "last_seen": now})


def recover_abandoned(*, me: str = "", now=None) -> dict:
    """Queue again (or fail) the database backend's tasks whose worker is dead. Returns {task id: new status}."""
    if not tasks.in_database():
        return {}  # RQ finds its own abandoned jobs (its started-job registry)
    now = now or timezone.now()
    workers = {row.worker_id: row for row in TaskWorker.objects.all()}
    dead = {wid for wid, row in workers.items() if is_dead(row, now=now, me=me)}
    limit = getattr(settings, "COLLOQUY_TASK_MAX_ATTEMPTS", 3)
    changed = {}
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=tasks.TaskResultStatus.RUNNING)
        for result in running:
            last = result.worker_ids[-1] if result.worker_ids else None
            known = workers.get(last)
            abandoned = last in dead or (known is None and last != me and result.started_at is not None
                                         and now - result.started_at > _timeout())
            if not abandoned:
                continue
            if len(result.worker_ids) >= limit:
                result.status = tasks.TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                result.traceback = f"WorkerLost: the worker died during each of {len(result.worker_ids)} attempts"
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            else:
                result.status = tasks.TaskResultStatus.READY
                result.save(update_fields=["status"])
            changed[str(result.id)] = result.status
            log.warning("task %s (%s) abandoned by worker %s: now %s", result.id, result.task_path, last,
                        result.status)
        TaskWorker.objects.filter(worker_id__in=dead).delete()
    return changed


class Supervisor(threading.Thread):
    """Heartbeat every BEAT seconds; recovery and the schedule every minute."""

    def __init__(self, worker_id: str, *, run_schedule: bool = True):
        super().__init__(name="colloquy-worker-supervisor", daemon=True)
        self.worker_id = worker_id
        self.run_schedule = run_schedule
        self.stopping = threading.Event()

    def start_up(self) -> None:
        """In the main thread, before the first task: register, recover what dead workers left, catch up."""
        beat(self.worker_id)
        recover_abandoned(me=self.worker_id)
        if self.run_schedule:
            schedule.run_due()

    def run(self) -> None:
        next_minute = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
        while not self.stopping.wait(BEAT):
            try:
                close_old_connections()
                beat(self.worker_id)
                if timezone.now() >= next_minute:
                    next_minute += datetime.timedelta(minutes=1)
                    recover_abandoned(me=self.worker_id)
                    if self.run_schedule:
                        schedule.run_due()
            except Exception:  # the database is briefly unreachable or locked: try again at the next beat
                log.exception("worker %s: heartbeat or schedule failed", self.worker_id)
            finally:
                connection.close()

    def stop(self) -> None:
        self.stopping.set()
        TaskWorker.objects.filter(worker_id=self.worker_id).delete()


def status(now=None) -> dict:
    """For a health check: live workers, and queued tasks that are due (with the age of the oldest, in seconds).
    Queue figures are known for the database backend only (None with RQ, whose own tools show its queue)."""
    now = now or timezone.now()
    live = [row for row in TaskWorker.objects.all() if not is_dead(row, now=now)]
    queued = oldest = None
    if tasks.in_database():
        ready = DBTaskResult.objects.ready()
        queued = ready.count()
        first = ready.order_by("run_after", "enqueued_at").values_list("enqueued_at", flat=True).first()
        oldest = round((now - first).total_seconds()) if first else 0
    return {"backend": type(tasks.backend()).__name__, "workers": len(live), "queued": queued,
            "oldest_queued_seconds": oldest}


def queue_check() -> dict:
    """/healthz: failing when a due task has waited longer than COLLOQUY_TASK_MAX_WAIT seconds (default 900): no
    worker runs, or they cannot keep up. With RQ the check reports the live workers only."""
    found = status()
    limit = getattr(settings, "COLLOQUY_TASK_MAX_WAIT", 900)
    return {"ok": (found["oldest_queued_seconds"] or 0) <= limit, **found}
