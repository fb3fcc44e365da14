"""Counts shared by every process that serves Colloquy: rate-limit windows and "once per period" marks.

They used to live in the default cache, which is the local-memory cache: one per process, so with the
documented two gunicorn workers (and any number of machines) every limit was multiplied by the number of
processes. They are rows of `core.Counter` now, incremented with one `UPDATE … SET count = count + 1`, atomic on
SQLite and PostgreSQL alike; the row stays locked until the transaction ends, so the count read back is exact.
Expired rows are removed when a new one is written.
"""

import time
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from colloquy.core.models import Counter


def _at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def _purge(now: float) -> None:
    Counter.objects.filter(expires_at__lt=_at(now)).delete()


def hit(name: str, *, window: int) -> tuple[int, int]:
    """Count one event under `name` in the current fixed window of `window` seconds.

    Returns (the count in this window so far, including this one; the seconds left in the window)."""
    now = time.time()
    start = int(now) // window * window
    key = f"{name}:{start}"[:255]
    with transaction.atomic():
        if not Counter.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    Counter.objects.create(key=key, count=1, expires_at=_at(start + window))
                _purge(now)
            except IntegrityError:  # another process created it first
                Counter.objects.filter(key=key).update(count=F("count") + 1)
        count = Counter.objects.filter(key=key).values_list("count", flat=True).get()
    return count, start + window - int(now)


def first(name: str, *, seconds: int) -> bool:
    """True for the first call under `name` in `seconds` (from that call), False for the others meanwhile."""
    now = time.time()
    key = name[:255]
    with transaction.atomic():
        try:
            with transaction.atomic():
                Counter.objects.create(key=key, count=1, expires_at=_at(now + seconds))
            return True
        except IntegrityError:
            return bool(Counter.objects.filter(key=key, expires_at__lt=_at(now))
                        .update(count=1, expires_at=_at(now + seconds)))
