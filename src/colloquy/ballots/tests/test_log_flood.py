"""No one can flood a ballot's cast log (issue 15, finding 2)."""

import pytest

from colloquy.ballots import services
from colloquy.ballots.models import CastLog, RefusedAttempt
from colloquy.ballots.services.refusals import REFUSALS_PER_WINDOW, TooManyRefusals
from colloquy.ballots.tests.conftest import option_ids
from colloquy.core.errors import DomainError, PermissionDenied


def _stored_bytes(rows) -> int:
    """Bytes of every value of the given rows, as text (what the log grows by)."""
    return sum(len(str(getattr(row, f.attname)).encode()) for row in rows for f in row._meta.concrete_fields)


def test_a_million_choice_ids_grow_the_log_by_a_few_hundred_bytes(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    with pytest.raises(DomainError, match="1000000 choices were submitted; this ballot has 3 options"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=list(range(10**6, 2 * 10**6)), actor=focal_point)
    rows = list(CastLog.objects.filter(ballot=ballot)) + list(RefusedAttempt.objects.filter(ballot=ballot))
    assert len(rows) == 1
    assert _stored_bytes(rows) < 600


def test_a_refusal_says_how_many_ids_were_unknown_not_which(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    first = option_ids(ballot)[0]
    with pytest.raises(DomainError, match="1 of the submitted option ids do not belong to this ballot"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[first, 987654321], actor=focal_point)
    assert "987654321" not in CastLog.objects.get(ballot=ballot).reason


def test_no_choice_made_is_not_a_log_event(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    with pytest.raises(DomainError, match="Choose at least one option"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[], actor=focal_point)
    assert not CastLog.objects.filter(ballot=ballot).exists()


def test_refusals_of_an_ineligible_organization_are_kept_off_the_chain_and_rate_limited(make_ballot, observer_org,
                                                                                        observer):
    ballot = make_ballot(eligibility="member_states")
    choice = [option_ids(ballot)[0]]
    for _ in range(REFUSALS_PER_WINDOW):
        with pytest.raises(PermissionDenied):
            services.ballot_cast(ballot=ballot, member=observer_org, choices=choice, actor=observer)
    with pytest.raises(TooManyRefusals) as exc:
        services.ballot_cast(ballot=ballot, member=observer_org, choices=choice, actor=observer)
    assert exc.value.status == 429
    assert RefusedAttempt.objects.filter(ballot=ballot).count() == REFUSALS_PER_WINDOW
    assert not CastLog.objects.filter(ballot=ballot).exists()
    ballot.refresh_from_db()
    assert ballot.log_seq == 0
