"""Creating outcome records: key_message_create, recommendation_create, good_practice_create, and the admin's
add form, which saves through them."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from colloquy.audit.models import AuditEntry
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.models import GoodPractice, KeyMessage, Recommendation
from colloquy.outcomes.services import good_practice_create, key_message_create, recommendation_create

# (service, the fields it needs, the model it writes, the audit action)
CREATORS = [
    (key_message_create, {"text": "Data must follow people across borders."}, KeyMessage, "key_message.create"),
    (recommendation_create, {"text": "States should publish migration data every year."}, Recommendation,
     "recommendation.create"),
    (good_practice_create, {"title": "A one-stop centre for returning migrants"}, GoodPractice,
     "good_practice.create"),
]
IDS = ["key_message", "recommendation", "good_practice"]


@pytest.mark.parametrize(("create", "fields", "model", "action"), CREATORS, ids=IDS)
def test_secretariat_creates_a_record_with_an_audit_entry(secretariat, make_event, create, fields, model, action):
    event = make_event()
    record = create(actor=secretariat, event=event, **fields)
    record.refresh_from_db()
    assert (record.event, record.cycle) == (event, event.cycle)  # the cycle comes from the event
    entry = AuditEntry.objects.get(action=action)
    assert (entry.actor, entry.target_id) == (secretariat, str(record.pk))
    assert entry.after["event_id"] == event.pk


@pytest.mark.parametrize(("create", "fields", "model", "action"), CREATORS, ids=IDS)
def test_scripted_steps_create_records_as_the_system(make_event, create, fields, model, action):
    record = create(actor=SYSTEM, event=make_event(), **fields)
    entry = AuditEntry.objects.get(action=action)
    assert (entry.actor, entry.actor_label, entry.target_id) == (None, "system", str(record.pk))


@pytest.mark.parametrize("who", ["focal_point", "observer", "anonymous"])
@pytest.mark.parametrize(("create", "fields", "model", "action"), CREATORS, ids=IDS)
def test_only_the_secretariat_creates_records(request, make_event, who, create, fields, model, action):
    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        create(actor=actor, event=make_event(), **fields)
    assert not model.objects.exists()
    assert not AuditEntry.objects.filter(action=action).exists()


@pytest.mark.parametrize(("create", "fields", "field"), [
    (key_message_create, {"text": ""}, "text"),
    (recommendation_create, {"text": "States should act.", "addressee": "everyone"}, "addressee"),
    (good_practice_create, {"title": "Diaspora bonds", "country": "Ghana"}, "country"),
], ids=IDS)
def test_an_invalid_record_is_refused_with_a_message_naming_the_field(secretariat, make_event, create, fields, field):
    with pytest.raises(DomainError) as caught:
        create(actor=secretariat, event=make_event(), **fields)
    assert caught.value.message.startswith(f"{field}: ")
    assert not AuditEntry.objects.exists()


def test_a_good_practice_keeps_who_runs_it_apart_from_who_recorded_it(secretariat, make_event):
    practice = good_practice_create(actor=secretariat, title="Diaspora bonds", practice_actor="Ministry of Finance",
                                    country="GHA", event=make_event())
    assert (practice.actor, practice.country) == ("Ministry of Finance", "GHA")
    assert AuditEntry.objects.get(action="good_practice.create").actor == secretariat


# --- The admin's add form saves through the services --------------------------------------------
# (the words are in three languages there, `text_en`, `text_fr`, `text_es`: docs/translation.md)

ADMIN_ADDS = [
    ("keymessage", {"text_en": "Data must follow people across borders.", "order": 0}, KeyMessage,
     "key_message.create"),
    ("recommendation", {"text_en": "States should publish migration data every year.", "addressee": "states",
                        "addressee_detail": "", "category": "", "order": 0}, Recommendation, "recommendation.create"),
    ("goodpractice", {"title_en": "A one-stop centre for returning migrants", "description": "", "country": "GHA",
                      "actor": "Ministry of the Interior", "order": 0}, GoodPractice, "good_practice.create"),
]


@pytest.mark.parametrize(("name", "data", "model", "action"), ADMIN_ADDS, ids=IDS)
def test_adding_a_record_in_the_admin_goes_through_its_service(client, secretariat, make_event, name, data, model,
                                                               action):
    secretariat.is_superuser = True
    secretariat.save()
    client.force_login(secretariat)
    event = make_event()
    response = client.post(f"/admin/outcomes/{name}/add/", {**data, "state": "published", "event": event.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    record = model.objects.get()
    assert record.cycle == event.cycle  # filled in by the service, not by the form
    entry = AuditEntry.objects.get(target_id=str(record.pk), action__endswith=".create")
    assert (entry.action, entry.actor) == (action, secretariat)


def test_the_admin_sets_addressed_members_through_the_service_when_adding(client, secretariat, make_event, ghana):
    secretariat.is_superuser = True
    secretariat.save()
    client.force_login(secretariat)
    response = client.post("/admin/outcomes/recommendation/add/", {
        "text_en": "States should publish migration data every year.", "addressee": "states", "addressee_detail": "",
        "category": "", "order": 0, "state": "published", "event": make_event().pk, "addressed_organizations": [ghana.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    rec = Recommendation.objects.get()
    assert list(rec.addressed_organizations.all()) == [ghana]
    entry = AuditEntry.objects.get(action="recommendation.address")
    assert (entry.before, entry.after) == ({"addressed_organizations": []}, {"addressed_organizations": [ghana.pk]})


def test_staff_outside_the_secretariat_cannot_add_records_in_the_admin(client, make_user):
    clerk = make_user("clerk", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="outcomes",
                                                         codename__in=["add_recommendation", "view_recommendation"]))
    client.force_login(clerk)
    assert client.get("/admin/outcomes/recommendation/").status_code == 200
    assert client.get("/admin/outcomes/recommendation/add/").status_code == 403
