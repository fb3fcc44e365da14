"""Per-organization rate limits for writes that cost more than a page view: casts and uploads.

A fixed one-minute window counted in the database (core/counters.py), so every web process and machine shares
one count. The limits are
settings (COLLOQUY_RATE_LIMITS, per minute); refusals are a DomainError with status 429 that names the limit.
"""

from django.conf import settings

from colloquy.core import counters
from colloquy.core.errors import DomainError

WINDOW = 60  # seconds


class RateLimited(DomainError):
    status = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, code="rate-limited")
        self.retry_after = retry_after


ACTIONS = {"cast": "ballots cast", "upload": "uploads"}


def count_in_window(action: str, key) -> tuple[int, int]:
    """Count one `action` for `key` in this minute; returns (the count so far, seconds left in the window)."""
    return counters.hit(f"rate:{action}:{key}", window=WINDOW)


def limit_per_organization(action: str, organization_id: int | None) -> None:
    """Count one `action` for the organization in this minute; raise RateLimited past the limit.

    An account without an organization (the secretariat) is counted under 0."""
    limit = settings.COLLOQUY_RATE_LIMITS[action]
    count, retry_after = count_in_window(action, organization_id or 0)
    if count > limit:
        raise RateLimited(f"Too many {ACTIONS.get(action, action)} for your organization: at most {limit} a "
                          f"minute. Try again in {retry_after} seconds.", retry_after=retry_after)


def over_limit(action: str, *keys) -> int | None:
    """Count one `action` under each key (a client address, an e-mail address...); the seconds to wait when
    any of them is past COLLOQUY_RATE_LIMITS[action] this minute, else None."""
    limit = settings.COLLOQUY_RATE_LIMITS[action]
    waits = [retry for count, retry in (count_in_window(action, key) for key in keys if key) if count > limit]
    return max(waits) if waits else None
