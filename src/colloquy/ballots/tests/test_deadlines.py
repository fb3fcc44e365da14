"""The time window is enforced on the server clock (frozen with time_machine)."""

import datetime

import pytest
import time_machine

from colloquy.ballots import services
from colloquy.ballots.models import CastKind, CastLog
from colloquy.ballots.tests.conftest import option_ids
from colloquy.core.errors import DomainError

T0 = datetime.datetime(2027, 1, 10, 9, 0, tzinfo=datetime.UTC)
CLOSE = datetime.datetime(2027, 1, 24, 17, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def ballot(clock, secretariat, cycle, ghana):
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme", method="single",
                                    options=["A", "B"], closes_at=CLOSE)
    return services.ballot_open(actor=secretariat, ballot=ballot)


def test_a_cast_one_second_before_the_close_counts(clock, ballot, ghana, focal_point):
    clock.move_to(CLOSE - datetime.timedelta(seconds=1))
    entry = services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    assert entry.kind == CastKind.CAST


def test_a_cast_one_second_after_the_close_is_refused_and_logged(clock, ballot, ghana, focal_point):
    clock.move_to(CLOSE + datetime.timedelta(seconds=1))
    with pytest.raises(DomainError, match=r"Voting closed at 2027-01-24 17:00:00 UTC; casts after the close are refused"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    refusal = CastLog.objects.get(ballot=ballot)
    assert refusal.kind == CastKind.REFUSED
    assert refusal.user == focal_point
    assert refusal.at == CLOSE + datetime.timedelta(seconds=1)
    assert "after the close" in refusal.reason


def test_a_cast_at_the_exact_close_is_refused(clock, ballot, ghana, focal_point):
    clock.move_to(CLOSE)
    with pytest.raises(DomainError, match="Voting closed"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)


def test_a_cast_before_the_scheduled_opening_is_refused(clock, secretariat, cycle, ghana, focal_point):
    opens = T0 + datetime.timedelta(days=1)
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Later", method="single", options=["A", "B"],
                                    opens_at=opens, closes_at=CLOSE)
    ballot = services.ballot_open(actor=secretariat, ballot=ballot)
    with pytest.raises(DomainError, match="Voting opens at 2027-01-11 09:00:00 UTC"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    clock.move_to(opens)
    assert services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)


def test_a_ballot_closed_early_by_the_secretariat_refuses_casts(clock, ballot, secretariat, ghana, focal_point):
    services.ballot_close(actor=secretariat, ballot=ballot)
    with pytest.raises(DomainError, match="status: closed"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)


def test_due_ballots_are_closed_by_the_scheduled_step(clock, ballot, secretariat):
    assert services.ballot_close_due(actor=secretariat) == []
    clock.move_to(CLOSE)
    assert [b.pk for b in services.ballot_close_due(actor=secretariat)] == [ballot.pk]
    ballot.refresh_from_db()
    assert ballot.state == "closed"
