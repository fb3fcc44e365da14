"""Two focal points of the same State cast at the same moment: one current ballot, two log entries.

Runs on whichever database the suite uses (SQLite WAL + IMMEDIATE, or PostgreSQL with row locks).
"""

import threading

import pytest
from django.db import connection

from colloquy.ballots import services
from colloquy.ballots.models import CastLog, CurrentBallot
from colloquy.ballots.tests.conftest import option_ids
from colloquy.ballots.verify import verify_ballot


def cast_together(jobs):
    barrier = threading.Barrier(len(jobs))
    errors, receipts = [], []

    def run(kwargs):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            receipts.append(services.ballot_cast(**kwargs))
        except Exception as exc:  # reported below; the test fails on any
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return receipts, errors


@pytest.mark.django_db(transaction=True)
def test_two_focal_points_of_one_state_casting_at_once_leave_one_current_ballot(make_member, make_ballot):
    kenya, first_fp, second_fp = make_member("KEN", focal_points=2)
    ballot = make_ballot()
    a, b, _ = option_ids(ballot)
    _receipts, errors = cast_together([
        {"ballot": ballot, "member": kenya, "choices": [a], "actor": first_fp},
        {"ballot": ballot, "member": kenya, "choices": [b], "actor": second_fp},
    ])
    assert errors == []
    assert CurrentBallot.objects.filter(ballot=ballot, organization=kenya).count() == 1
    log = list(CastLog.objects.filter(ballot=ballot).order_by("seq"))
    assert [e.seq for e in log] == [1, 2]
    current = CurrentBallot.objects.get(ballot=ballot, organization=kenya)
    assert current.log_entry_id == log[-1].pk  # the last cast counts
    assert CastLog.objects.filter(ballot=ballot, organization=kenya, kind="cast").count() == 2
    assert verify_ballot(ballot).ok
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_many_organizations_casting_at_once_keep_the_chain_intact(make_member, make_ballot):
    members = [make_member(code) for code in ("KEN", "BRA", "FRA", "IND", "MEX", "NGA")]
    ballot = make_ballot()
    a = option_ids(ballot)[0]
    _receipts, errors = cast_together([{"ballot": ballot, "member": org, "choices": [a], "actor": fp} for org, fp in members])
    assert errors == []
    assert CurrentBallot.objects.filter(ballot=ballot).count() == len(members)
    assert CastLog.objects.filter(ballot=ballot).count() == len(members)
    assert verify_ballot(ballot).ok


@pytest.mark.django_db(transaction=True)
def test_refusals_and_casts_at_once_share_one_intact_chain(make_member, make_ballot):
    members = [make_member(code) for code in ("KEN", "BRA", "FRA", "IND")]
    ballot = make_ballot(method="approval", max_choices=1)
    a, b, _ = option_ids(ballot)
    jobs = [{"ballot": ballot, "member": org, "choices": [a] if i % 2 else [a, b], "actor": fp}  # even: too many
            for i, (org, fp) in enumerate(members)]
    _receipts, errors = cast_together(jobs)
    assert sorted(type(e).__name__ for e in errors) == ["DomainError", "DomainError"]
    log = list(CastLog.objects.filter(ballot=ballot).order_by("seq"))
    assert sorted(e.kind for e in log) == ["cast", "cast", "refused", "refused"]
    assert [e.seq for e in log] == [1, 2, 3, 4]
    assert CurrentBallot.objects.filter(ballot=ballot).count() == 2
    assert verify_ballot(ballot).ok


@pytest.mark.django_db
def test_the_database_itself_refuses_a_second_current_ballot_for_an_organization(make_ballot, ghana, focal_point):
    from django.db import IntegrityError, transaction

    ballot = make_ballot()
    entry = services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    with pytest.raises(IntegrityError), transaction.atomic():
        CurrentBallot.objects.create(ballot=ballot, organization=ghana, choices=[option_ids(ballot)[1]],
                                     cast_at=entry.at, log_entry=entry)
    assert CurrentBallot.objects.filter(ballot=ballot, organization=ghana).count() == 1
