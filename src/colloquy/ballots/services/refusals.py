"""Refusals kept off the hash chain: casts by organizations outside a ballot's electorate, or by someone who
is not the organization's focal point. They are recorded in RefusedAttempt, at most REFUSALS_PER_WINDOW per
organization and ballot every WINDOW_SECONDS (counted in the database, core/counters.py, shared by every process); past that they are refused with 429 and
not recorded, so no one can grow any table by hammering a ballot they may not vote on (issue 15)."""

from django.utils import timezone

from colloquy.ballots.models import RefusedAttempt
from colloquy.core import counters
from colloquy.core.access import acting_user
from colloquy.core.errors import DomainError

OFF_CHAIN_CODES = {"forbidden", "ineligible"}
REFUSALS_PER_WINDOW = 5
WINDOW_SECONDS = 600


class TooManyRefusals(DomainError):
    status = 429

    def __init__(self, message: str):
        super().__init__(message, code="rate_limited")


def record_off_chain(*, ballot, member, actor, refusal: DomainError) -> None:
    """Record `refusal` apart from the chain, or raise TooManyRefusals when this organization is over its quota."""
    count, _ = counters.hit(f"ballots:refused:{ballot.pk}:{member.pk}", window=WINDOW_SECONDS)
    if count > REFUSALS_PER_WINDOW:
        raise TooManyRefusals(f"Too many refused casts for {member} on this ballot; try again in "
                              f"{WINDOW_SECONDS // 60} minutes.")
    user = acting_user(actor)
    RefusedAttempt.objects.create(ballot=ballot, organization=member, user=user,
                                  user_label=(actor.get_username() if user else str(actor))[:150],
                                  at=timezone.now(), code=refusal.code, reason=refusal.message[:300])
