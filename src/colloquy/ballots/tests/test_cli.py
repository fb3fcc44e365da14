"""The secretariat's scripted steps: create, open, close (and --due), decide, verify."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from colloquy.audit.models import AuditEntry
from colloquy.ballots.models import Ballot


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_scripted_ballot_from_creation_to_decision(cycle, ghana, focal_point):
    from colloquy.ballots import services

    out = run("ballot_create", "--forum", "idm", "--year", "2027", "--title", "Theme 2027", "--method", "irv",
              "--option", "Health", "--option", "Integration", "--closes", "2099-03-01T17:00+01:00", "--open")
    ballot = Ballot.objects.get()
    assert f"Created ballot {ballot.pk} (open)" in out
    assert ballot.closes_at.isoformat() == "2099-03-01T16:00:00+00:00"
    assert ballot.eligible.get().organization == ghana
    option = ballot.options.get(label="Integration")
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option.pk], actor=focal_point)
    assert "Closed ballot" in run("ballot_close", str(ballot.pk))
    assert "Adopted (Integration)" in run("ballot_decide", str(ballot.pk), "--rationale", "Unanimous")
    assert "OK" in run("ballot_verify", str(ballot.pk))
    assert AuditEntry.objects.filter(action="ballot.open", actor_label="system").exists()


def test_cli_acts_as_a_named_user_and_refuses_non_secretariat(make_ballot, secretariat, focal_point):
    ballot = make_ballot(open=False)
    with pytest.raises(CommandError, match="Only secretariat staff"):
        run("ballot_open", str(ballot.pk), "--as", focal_point.username)
    run("ballot_open", str(ballot.pk), "--as", secretariat.username)
    assert AuditEntry.objects.filter(action="ballot.open", actor=secretariat).exists()


@pytest.mark.parametrize(("args", "message"), [
    (["ballot_open", "999"], "No ballot with id '999'"),
    (["ballot_create", "--forum", "idm", "--year", "1900", "--title", "T", "--closes", "2099-01-01T00:00Z"], "No 1900 cycle"),
    (["ballot_create", "--forum", "idm", "--year", "2027", "--title", "T", "--option", "A", "--option", "B",
      "--closes", "2099-01-01T00:00"], "no time zone offset"),
    (["ballot_close"], "Give a ballot id, or --due"),
])
def test_cli_errors_name_the_problem(cycle, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
