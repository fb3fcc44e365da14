import datetime

import pytest

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied, TransitionError
from colloquy.dialogues import services
from colloquy.dialogues.models import Event, EventStatus


def test_secretariat_creates_event_and_the_audit_log_records_it(secretariat, make_cycle):
    cycle = make_cycle()
    event = services.event_create(actor=secretariat, cycle=cycle, title="Migration and the Environment",
                                  start_date=datetime.date(2007, 2, 22), end_date=datetime.date(2007, 2, 23),
                                  city="Bangkok", timezone="Asia/Bangkok")
    entry = AuditEntry.objects.for_object(event).get()
    assert entry.action == "event.create"
    assert entry.actor == secretariat
    assert entry.after["city"] == "Bangkok"
    assert entry.before is None


@pytest.mark.parametrize("actor_name", ["focal_point", "observer", "outsider"])
def test_only_secretariat_can_create_events(request, actor_name, make_cycle):
    actor = request.getfixturevalue(actor_name)
    with pytest.raises(PermissionDenied):
        services.event_create(actor=actor, cycle=make_cycle(), title="Not allowed")
    assert not Event.objects.exists()


def test_anonymous_cannot_create_events(make_cycle):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.event_create(actor=AnonymousUser(), cycle=make_cycle(), title="Not allowed")


def test_event_ending_before_it_starts_is_refused_with_a_message(secretariat, make_cycle):
    with pytest.raises(DomainError, match="cannot end before it starts"):
        services.event_create(actor=secretariat, cycle=make_cycle(), title="Backwards",
                              start_date=datetime.date(2007, 3, 26), end_date=datetime.date(2007, 3, 25))
    assert not Event.objects.exists()


def test_unknown_time_zone_is_refused(secretariat, make_cycle):
    with pytest.raises(DomainError, match="IANA time zone"):
        services.event_create(actor=secretariat, cycle=make_cycle(), title="Somewhere", timezone="Mars/Olympus")


def test_event_update_records_before_and_after(secretariat, make_event):
    event = make_event(city="Geneva")
    services.event_update(actor=secretariat, event=event, city="New York")
    entry = AuditEntry.objects.for_object(event).get(action="event.update")
    assert entry.before["city"] == "Geneva"
    assert entry.after["city"] == "New York"


def test_event_update_without_changes_writes_nothing(secretariat, make_event):
    event = make_event(city="Geneva")
    services.event_update(actor=secretariat, event=event, city="Geneva")
    assert not AuditEntry.objects.for_object(event).exists()


def test_status_transitions_follow_the_table(secretariat, make_event):
    event = make_event(status=EventStatus.PROPOSED)
    services.event_set_status(actor=secretariat, event=event, status=EventStatus.PLANNED)
    services.event_set_status(actor=secretariat, event=event, status=EventStatus.CONFIRMED)
    services.event_set_status(actor=secretariat, event=event, status=EventStatus.HELD)
    with pytest.raises(TransitionError, match="from Held to Planned"):
        services.event_set_status(actor=secretariat, event=event, status=EventStatus.PLANNED)
    event.refresh_from_db()
    assert event.status == EventStatus.HELD


def test_duplicate_event_copies_programme_as_proposed_and_shifts_dates(secretariat, make_event, make_session, make_person):
    from colloquy.dialogues.models import SessionParticipant

    event = make_event(start_date=datetime.date(2007, 3, 25), end_date=datetime.date(2007, 3, 26))
    session = make_session(event, date=datetime.date(2007, 3, 26), title="Panel on data")
    SessionParticipant.objects.create(session=session, person=make_person(name="Ana Ruiz"), role="chair")
    copy = services.event_duplicate(actor=secretariat, event=event, start_date=datetime.date(2008, 4, 1))
    assert copy.pk != event.pk
    assert copy.status == EventStatus.PROPOSED
    assert (copy.start_date, copy.end_date) == (datetime.date(2008, 4, 1), datetime.date(2008, 4, 2))
    copied = copy.sessions.get()
    assert copied.title == "Panel on data"
    assert copied.date == datetime.date(2008, 4, 2)
    assert copied.participants.get().person.name == "Ana Ruiz"
    assert event.sessions.get().participants.count() == 1


def test_session_participant_takes_the_affiliation_held_at_the_time(secretariat, make_event, make_session, make_organization):
    from colloquy.directory.models import Affiliation, Person

    event = make_event(start_date=datetime.date(2010, 5, 1))
    session = make_session(event)
    old, new = make_organization(name="Old Ministry"), make_organization(name="New Agency")
    person = Person.objects.create(name="Tijani Example")
    Affiliation.objects.create(person=person, organization=old, title="Director", start_date=datetime.date(2005, 1, 1),
                               end_date=datetime.date(2011, 12, 31))
    Affiliation.objects.create(person=person, organization=new, title="Head", start_date=datetime.date(2012, 1, 1))
    participant = services.session_add_participant(actor=secretariat, session=session, person=person, role="speaker")
    assert participant.organization == old
    assert participant.affiliation_title == "Director"


def test_audit_snapshot_summarises_a_whole_document_text(secretariat):
    text = "Paragraph on labour migration. " * 500
    document = services.document_create(actor=secretariat, title="Series report", text=text)
    after = AuditEntry.objects.for_object(document).get(action="document.create").after
    assert after["title"] == "Series report"
    assert after["text"].startswith(f"<{len(text)} characters, sha256 ")
    assert len(after["text"]) < 100
