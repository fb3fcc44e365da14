import re

from django.core.management import call_command

from colloquy.accounts.models import User
from colloquy.audit.models import AuditEntry
from colloquy.dialogues.models import Cycle, Event, Forum, Session, SessionParticipant
from colloquy.directory.models import Membership, Organization, Person


def counts():
    return {m.__name__: m.objects.count() for m in (Forum, Cycle, Event, Session, SessionParticipant, Organization, Person, Membership, User, AuditEntry)}


def test_demo_loads_real_facts_once_and_is_idempotent(db, capsys):
    call_command("demo", no_migrate=True)
    out = capsys.readouterr().out
    password = re.search(r"password '([^']+)'", out).group(1)
    assert len(password) >= 12
    first = counts()
    assert first["Event"] == 84  # the rows of the shipped idm-events.csv
    assert Forum.objects.get(slug="idm").secretariat.acronym == "IOM"
    user = User.objects.get(username="secretariat")
    assert user.check_password(password)
    assert user.groups.filter(name="Secretariat").exists()
    event = Event.objects.get(title="Key Migration Issues: Labour Migration (with ILO)")
    assert event.sessions.count() == 11
    assert event.timezone == "America/New_York"
    assert Event.objects.get(title__startswith="Migrants and the Host Society").participants_reported == "~175"

    call_command("demo", no_migrate=True)
    again = capsys.readouterr().out
    assert "password '" not in again
    assert counts() == first
    assert user.__class__.objects.get(pk=user.pk).check_password(password)


def test_demo_passwords_differ_between_installations(db, capsys):
    call_command("demo", no_migrate=True, username="one")
    call_command("demo", no_migrate=True, username="two")
    passwords = re.findall(r"password '([^']+)'", capsys.readouterr().out)
    assert len(passwords) == 2 and passwords[0] != passwords[1]
