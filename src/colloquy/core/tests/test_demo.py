import re

import pytest
from django.core.management import call_command

from colloquy.accounts.models import User
from colloquy.audit.models import AuditEntry
from colloquy.dialogues.models import Cycle, Event, Forum, Session, SessionParticipant
from colloquy.directory.models import Membership, Organization, Person

# Each test loads the whole demo archive (84 events and their programmes), 1.5-2.5 s apiece.
pytestmark = pytest.mark.slow


def counts():
    return {m.__name__: m.objects.count() for m in (Forum, Cycle, Event, Session, SessionParticipant, Organization, Person, Membership, User, AuditEntry)}


def test_demo_loads_real_facts_once_and_is_idempotent(db, capsys):
    call_command("demo", no_migrate=True)
    out = capsys.readouterr().out
    password = re.search(r"password '([^']+)'", out).group(1)
    assert len(password) >= 12
    first = counts()
    assert Event.objects.exclude(title__startswith="Demonstration").count() == 84  # rows of the shipped idm-events.csv
    assert Event.objects.filter(title__startswith="Demonstration", registration_settings__isnull=False).count() == 1
    assert Forum.objects.get(slug="idm").secretariat.acronym == "IOM"
    user = User.objects.get(username="secretariat")
    assert user.check_password(password)
    assert user.groups.filter(name="Secretariat").exists()
    event = Event.objects.get(title="Key Migration Issues: Labour Migration (with ILO)")
    assert event.sessions.count() == 11
    assert event.timezone == "America/New_York"
    assert Event.objects.get(title__startswith="Migrants and the Host Society").participants_reported == "~175"

    focal = User.objects.get(username="focal-ghana")
    assert focal.organization.country == "GHA"

    call_command("demo", no_migrate=True)
    again = capsys.readouterr().out
    assert "password '" not in again
    assert counts() == first
    assert user.__class__.objects.get(pk=user.pk).check_password(password)


def test_demo_passwords_differ_between_installations(db, capsys):
    call_command("demo", no_migrate=True, username="one")
    call_command("demo", no_migrate=True, username="two")
    passwords = re.findall(r"password '([^']+)'", capsys.readouterr().out)
    # two secretariat accounts, and the focal point account once (it exists on the second run)
    assert len(passwords) == 3 and len(set(passwords)) == 3


def test_demo_has_follow_up_that_shows_on_the_country_profile(db, client, capsys):
    from colloquy.outcomes.models import ProgressReport, Recommendation

    call_command("demo", no_migrate=True)
    assert Recommendation.objects.filter(addressed_organizations__country="GHA").exists()
    assert ProgressReport.objects.filter(organization__country="GHA").exists()
    html = client.get("/countries/GHA/").content.decode()
    assert "Spell out the conditions of entry, stay, work and return" in html
    from colloquy.outcomes.models import FollowUpRound
    from colloquy.outcomes.rounds_status import round_progress

    progress = round_progress(FollowUpRound.objects.get())
    assert (progress.responded, progress.partial) == (1, 1)  # the Philippines answered both, Ghana one of two


def test_demo_has_an_open_theme_ballot_the_focal_point_can_vote_in(db, client, capsys):
    from colloquy.ballots.models import Ballot

    call_command("demo", no_migrate=True)
    ballot = Ballot.objects.get(title__contains="overarching theme")
    assert ballot.state == "open"
    assert ballot.options.count() == 3
    assert ballot.eligible.filter(organization__country="GHA").exists()
