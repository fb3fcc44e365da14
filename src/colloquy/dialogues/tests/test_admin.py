import datetime

import pytest
from django.urls import reverse

from colloquy.audit.models import AuditEntry
from colloquy.dialogues.models import Event, EventStatus


@pytest.fixture
def admin_client(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.mark.parametrize("model", [
    "dialogues/event", "dialogues/session", "dialogues/cycle", "dialogues/forum", "dialogues/document",
    "directory/organization", "directory/person", "directory/membership", "audit/auditentry", "reference/gcmobjective",
])
def test_secretariat_can_open_admin_lists_and_add_forms(admin_client, model, make_event):
    make_event()
    assert admin_client.get(f"/admin/{model}/").status_code == 200
    assert admin_client.get(f"/admin/{model}/?q=workshop").status_code == 200
    if model != "audit/auditentry":
        assert admin_client.get(f"/admin/{model}/add/").status_code == 200


def test_event_change_form_has_session_inline(admin_client, make_event, make_session):
    event = make_event()
    make_session(event, title="Inline session")
    html = admin_client.get(reverse("admin:dialogues_event_change", args=[event.pk])).content.decode()
    assert "Inline session" in html


def test_duplicate_event_action_creates_a_proposed_copy(admin_client, make_event, make_session):
    event = make_event(title="IDM workshop")
    make_session(event)
    response = admin_client.post(reverse("admin:dialogues_event_changelist"),
                                 {"action": "duplicate_event", "_selected_action": [event.pk]}, follow=True)
    assert response.status_code == 200
    copy = Event.objects.get(title="IDM workshop (copy)")
    assert copy.status == EventStatus.PROPOSED
    assert copy.sessions.count() == 1


def test_admin_edit_is_audited_with_before_and_after(admin_client, make_event, secretariat):
    event = make_event(city="Geneva")
    url = reverse("admin:dialogues_event_change", args=[event.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | dict)}
    data.update({"cycle": event.cycle_id, "title": event.title, "slug": event.slug, "kind": event.kind,
                 "status": event.status, "timezone": event.timezone, "city": "Vienna", "country": "AUT",
                 "start_date": "2007-03-25", "end_date": "2007-03-25", "interpretation_languages": "[]",
                 "sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0, "funding-TOTAL_FORMS": 0,
                 "funding-INITIAL_FORMS": 0, "documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    entry = AuditEntry.objects.get(action="event.update")
    assert entry.actor == secretariat
    assert (entry.before["city"], entry.after["city"]) == ("Geneva", "Vienna")


def test_focal_point_cannot_use_the_admin(client, focal_point):
    client.force_login(focal_point)
    response = client.get("/admin/dialogues/event/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_session_admin_lists_speakers_inline(admin_client, make_event, make_session, make_person):
    from colloquy.dialogues.models import SessionParticipant

    session = make_session(make_event(start_date=datetime.date(2007, 1, 1)))
    SessionParticipant.objects.create(session=session, person=make_person(name="Inline Speaker"), role="speaker")
    html = admin_client.get(reverse("admin:dialogues_session_change", args=[session.pk])).content.decode()
    assert "Inline Speaker" in html
