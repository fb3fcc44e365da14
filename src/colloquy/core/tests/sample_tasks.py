"""Tasks for the tests of the queue itself (test_tasks*.py): importable by a worker started as a separate process."""

import time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from colloquy.core import tasks
from colloquy.core.models import ScheduledRun


@tasks.task()
def write_twice(name: str, marker: str = "", pause: float = 0.0) -> int:
    """Two writes in one transaction with a pause between them, long enough to kill the worker in the middle. The
    first attempt creates `marker` after its first write (so a test knows the pause has begun) and pauses; an
    attempt that finds the marker already there does not pause."""
    with transaction.atomic():
        ScheduledRun.objects.create(name=f"{name}-1", due_at=timezone.now())
        if marker and not Path(marker).exists():
            Path(marker).write_text("first write done")
            time.sleep(pause)
        ScheduledRun.objects.create(name=f"{name}-2", due_at=timezone.now())
    return ScheduledRun.objects.filter(name__startswith=f"{name}-").count()
