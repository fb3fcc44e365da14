"""The worker's schedule: jobs that used to need cron run from `colloquy worker` (docs/tasks.md).

Each app lists its jobs on its AppConfig as `schedule = [Scheduled(...)]` (a registry of core/hooks.py: core
never imports the apps). Once a minute the worker looks at the table: for each job whose latest cron
occurrence has not been queued yet, it claims the row (name, due time) in `ScheduledRun` and queues the job's
task. The unique row makes each occurrence run once, however many workers read the table; a worker that was
down catches up on the latest missed occurrence if it is at most `catch_up` old.
"""

from __future__ import annotations

import dataclasses
import datetime

from cronsim import CronSim, CronSimError
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from colloquy.core import tasks
from colloquy.core.hooks import Scheduled
from colloquy.core.models import ScheduledRun


def jobs() -> list[Scheduled]:
    """Every app's jobs, at the times COLLOQUY_SCHEDULE gives instead of the app's own where it names them."""
    overrides = dict(getattr(settings, "COLLOQUY_SCHEDULE", {}))
    found = []
    for config in apps.get_app_configs():
        found.extend(dataclasses.replace(job, cron=overrides.pop(job.name)) if job.name in overrides else job
                     for job in getattr(config, "schedule", ()))
    if overrides:
        raise ImproperlyConfigured(f"COLLOQUY_SCHEDULE names no such job: {', '.join(sorted(overrides))} "
                                   f"(the jobs: colloquy worker --schedule)")
    for job in found:
        try:
            CronSim(job.cron, datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
        except CronSimError as exc:
            raise ImproperlyConfigured(f"The schedule of {job.name!r} is not a cron expression: {job.cron!r}") from exc
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
