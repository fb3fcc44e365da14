"""Per-organization rate limits for writes that cost more than a page view: casts and uploads.

A fixed one-minute window counted in the default cache: `cache.add` starts the window, `cache.incr` counts
in it (atomic in Redis and Memcached, and within one process for the local-memory cache). The limits are
settings (COLLOQUY_RATE_LIMITS, per minute); refusals are a DomainError with status 429 that names the limit.
"""

import time

from django.conf import settings
from django.core.cache import cache

from colloquy.core.errors import DomainError

WINDOW = 60  # seconds


class RateLimited(DomainError):
    status = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, code="rate-limited")
        self.retry_after = retry_after


ACTIONS = {"cast": "ballots cast", "upload": "uploads"}


def limit_per_organization(action: str, organization_id: int | None) -> None:
    """Count one `action` for the organization in this minute; raise RateLimited past the limit.

    An account without an organization (the secretariat) is counted under 0."""
    limit = settings.COLLOQUY_RATE_LIMITS[action]
    window = int(time.time()) // WINDOW
    key = f"colloquy:rate:{action}:{organization_id or 0}:{window}"
    if cache.add(key, 1, timeout=WINDOW + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.add(key, 1, timeout=WINDOW + 5)
            count = 1
    if count > limit:
        retry_after = WINDOW - int(time.time()) % WINDOW
        raise RateLimited(f"Too many {ACTIONS.get(action, action)} for your organization: at most {limit} a "
                          f"minute. Try again in {retry_after} seconds.", retry_after=retry_after)
