"""ballot-verify recomputes the chain and the tally from the log and reports any mismatch."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from colloquy.ballots import services
from colloquy.ballots.models import CastLog, CurrentBallot
from colloquy.ballots.tests.conftest import option_ids
from colloquy.ballots.verify import verify_ballot


def test_an_untouched_log_verifies(voted):
    report = verify_ballot(voted)
    assert report.ok, report.problems
    assert report.entries == 3
    assert report.casts == 3


def test_an_edited_choice_in_the_log_is_detected(voted):
    entry = CastLog.objects.get(ballot=voted, seq=2)
    CastLog.objects.filter(pk=entry.pk).update(choices=[option_ids(voted)[0]])
    report = verify_ballot(voted)
    assert not report.ok
    assert any("entry #2" in p and "choice digest" in p for p in report.problems)


def test_an_edited_timestamp_breaks_the_entry_hash(voted):
    entry = CastLog.objects.get(ballot=voted, seq=1)
    CastLog.objects.filter(pk=entry.pk).update(user_label="someone-else")
    report = verify_ballot(voted)
    assert any("entry #1" in p and "the row was edited" in p for p in report.problems)


def test_a_deleted_entry_breaks_the_chain(voted):
    CurrentBallot.objects.filter(ballot=voted).delete()
    CastLog.objects.filter(ballot=voted, seq=1).delete()
    report = verify_ballot(voted)
    assert any("previous hash does not match" in p for p in report.problems)


def test_an_edited_current_ballot_is_detected(voted, ghana):
    CurrentBallot.objects.filter(ballot=voted, organization=ghana).update(choices=[option_ids(voted)[0]])
    report = verify_ballot(voted)
    assert any("differs from its last cast" in p for p in report.problems)


def test_cli_reports_ok_and_the_recomputed_tally(voted):
    out = StringIO()
    call_command("ballot_verify", str(voted.pk), stdout=out)
    assert "OK" in out.getvalue()
    assert "3 entries" in out.getvalue()


def test_cli_fails_with_the_mismatches_on_an_edited_row(voted):
    CastLog.objects.filter(ballot=voted, seq=3).update(choices=[option_ids(voted)[1]])
    out = StringIO()
    with pytest.raises(CommandError, match=r"3 problems found in ballot"):
        call_command("ballot_verify", str(voted.pk), stdout=out)
    assert "entry #3" in out.getvalue()


def test_the_log_refuses_changes_through_the_orm(voted):
    from colloquy.core.errors import DomainError

    entry = CastLog.objects.get(ballot=voted, seq=1)
    entry.choices = []
    with pytest.raises(DomainError, match="append-only"):
        entry.save()
    with pytest.raises(DomainError, match="append-only"):
        entry.delete()


def test_choices_smuggled_into_a_refusal_are_detected(make_ballot, ghana, focal_point):
    from colloquy.core.errors import DomainError

    ballot = make_ballot()
    with pytest.raises(DomainError, match="do not belong to this ballot"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[max(option_ids(ballot)) + 1000], actor=focal_point)
    CastLog.objects.filter(ballot=ballot).update(choices=[option_ids(ballot)[0]])
    assert any("refusal carries choices" in p for p in verify_ballot(ballot).problems)
