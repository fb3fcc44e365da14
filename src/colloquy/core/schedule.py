"""The worker's schedule: jobs that used to need cron run from `colloquy worker` (docs/tasks.md).

Each app lists its jobs on its AppConfig as `schedule = [Scheduled(...)]` (a registry of core/hooks.py: core
never imports the apps). Once a minute the worker looks at the table: for each job whose latest cron
occurrence has not been queued yet, it claims the row (name, due time) in `ScheduledRun` and queues the job's
task. The unique row makes each occurrence run once, however many workers read the table; a worker that was
down catches up on the latest missed occurrence if it is at most `catch_up` old.
"""

from __future__ import annotations

import datetime

from cronsim import CronSim
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from colloquy.core import tasks
from colloquy.core.hooks import Scheduled
from colloquy.core.models import ScheduledRun


def jobs() -> list[Scheduled]:
    found = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "schedule", ()))
    return sorted(found, key=lambda job: job.name)


def latest_due(job: Scheduled, now: datetime.datetime) -> datetime.datetime:
    """The latest occurrence of the job's cron expression at or before `now` (UTC, to the minute)."""
    start = now.astimezone(datetime.UTC).replace(second=0, microsecond=0, tzinfo=None)
    return next(CronSim(job.cron, start + datetime.timedelta(minutes=1), reverse=True)).replace(tzinfo=datetime.UTC)


def next_due(job: Scheduled, now: datetime.datetime) -> datetime.datetime:
    start = now.astimezone(datetime.UTC).replace(tzinfo=None)
    return next(CronSim(job.cron, start)).replace(tzinfo=datetime.UTC)


def run_due(now: datetime.datetime | None = None) -> list[ScheduledRun]:
    """Queue every job whose latest occurrence is due and not queued yet; returns the runs this call claimed."""
    now = now or timezone.now()
    claimed = []
    for job in jobs():
        due = latest_due(job, now)
        if now - due > job.catch_up or ScheduledRun.objects.filter(name=job.name, due_at=due).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=job.name, due_at=due)
                queued = tasks.enqueue_now(import_string(job.task))
                run.task_id = str(queued.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:  # another worker claimed this occurrence first
            continue
        claimed.append(run)
    return claimed
