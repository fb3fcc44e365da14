"""The rapporteur's desk: the workflow of desk records, their order and speakers, and the desk's screens."""

import pytest

from colloquy.accounts.models import ApiToken
from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied, TransitionError
from colloquy.dialogues.models import SessionParticipant
from colloquy.outcomes import services
from colloquy.outcomes.models import GoodPractice, KeyMessage, OutcomeState, Recommendation


@pytest.fixture
def held(make_event):
    return make_event(title="Workshop on labour mobility", slug="labour-mobility")


@pytest.fixture
def speaker(held, make_session, make_person):
    session = make_session(held, title="Panel on recruitment")
    return SessionParticipant.objects.create(session=session, person=make_person(name="Amina Diallo"), role="speaker")


def desk_messages(event):
    return list(KeyMessage.objects.filter(event=event).in_desk_order().values_list("text", flat=True))


def test_a_desk_draft_is_not_public_until_it_is_approved_then_published(held, secretariat):
    km = services.key_message_create(actor=secretariat, event=held, text="Recruitment must be fee-free.",
                                     state=OutcomeState.DRAFT)
    assert not km.is_public and km not in KeyMessage.objects.published()
    assert km in KeyMessage.objects.visible_to(secretariat)
    assert km not in KeyMessage.objects.visible_to(None)
    km = services.key_message_transition(key_message=km, target=OutcomeState.APPROVED, actor=secretariat)
    assert km in KeyMessage.objects.approved_or_published() and km not in KeyMessage.objects.published()
    km = services.key_message_transition(key_message=km, target=OutcomeState.PUBLISHED, actor=secretariat)
    assert km.is_public and km in KeyMessage.objects.published()
    actions = list(AuditEntry.objects.for_object(km).order_by("id").values_list("action", flat=True))
    assert actions == ["key_message.create", "key_message.approved", "key_message.published"]


def test_a_draft_cannot_be_published_without_approval(held, secretariat):
    rec = services.recommendation_create(actor=secretariat, event=held, text="Share data.", state=OutcomeState.DRAFT)
    with pytest.raises(TransitionError, match="Approved"):
        services.recommendation_transition(recommendation=rec, target=OutcomeState.PUBLISHED, actor=secretariat)
    rec.refresh_from_db()
    assert rec.state == OutcomeState.DRAFT


def test_a_published_item_goes_back_to_draft_and_leaves_the_public_record(held, secretariat):
    practice = services.good_practice_create(actor=secretariat, event=held, title="One-stop centre", country="GHA")
    assert practice.state == OutcomeState.PUBLISHED  # ingestion and the admin keep creating published records
    services.good_practice_transition(good_practice=practice, target=OutcomeState.DRAFT, actor=secretariat)
    assert not GoodPractice.objects.published().filter(pk=practice.pk).exists()


def test_focal_points_and_anonymous_visitors_cannot_write_or_move_desk_items(held, secretariat, focal_point):
    km = services.key_message_create(actor=secretariat, event=held, text="A message.", state=OutcomeState.DRAFT)
    for actor in (focal_point, None):
        with pytest.raises(PermissionDenied):
            services.key_message_create(actor=actor, event=held, text="Mine.")
        with pytest.raises(PermissionDenied):
            services.key_message_transition(key_message=km, target=OutcomeState.APPROVED, actor=actor)
        with pytest.raises(PermissionDenied):
            services.key_message_move(key_message=km, direction=1, actor=actor)
    km.refresh_from_db()
    assert km.state == OutcomeState.DRAFT


def test_new_items_go_to_the_end_and_move_up_and_down(held, secretariat):
    for text in ("First", "Second", "Third"):
        services.key_message_create(actor=secretariat, event=held, text=text, state=OutcomeState.DRAFT)
    third = KeyMessage.objects.get(text="Third")
    services.key_message_move(key_message=third, direction=-1, actor=secretariat)
    assert desk_messages(held) == ["First", "Third", "Second"]
    first = KeyMessage.objects.get(text="First")
    services.key_message_move(key_message=first, direction=-1, actor=secretariat)  # already at the top: stays
    assert desk_messages(held) == ["First", "Third", "Second"]
    services.key_message_move(key_message=first, direction=1, actor=secretariat)
    assert desk_messages(held) == ["Third", "First", "Second"]
    assert list(KeyMessage.objects.filter(event=held).in_desk_order().values_list("order", flat=True)) == [0, 1, 2]


def test_an_item_keeps_the_speaker_it_came_from_and_that_speakers_session(held, secretariat, speaker):
    rec = services.recommendation_create(actor=secretariat, event=held, text="Abolish recruitment fees.",
                                         speaker=speaker, state=OutcomeState.DRAFT)
    assert rec.speaker == speaker and rec.session == speaker.session


def test_a_speaker_of_another_event_is_refused(held, secretariat, speaker, make_event):
    other = make_event()
    with pytest.raises(DomainError, match="another event"):
        services.key_message_create(actor=secretariat, event=other, text="Misplaced.", speaker=speaker)


def test_bulk_transition_moves_what_may_move_and_reports_the_rest(held, secretariat):
    draft = services.key_message_create(actor=secretariat, event=held, text="Draft", state=OutcomeState.DRAFT)
    approved = services.recommendation_create(actor=secretariat, event=held, text="Approved",
                                              state=OutcomeState.APPROVED)
    moved, skipped = services.outcomes_bulk_transition(records=[draft, approved], target=OutcomeState.PUBLISHED,
                                                       actor=secretariat)
    assert [r.pk for r in moved] == [approved.pk] and [r.pk for r in skipped] == [draft.pk]
    assert Recommendation.objects.get(pk=approved.pk).state == OutcomeState.PUBLISHED


def test_the_older_published_flag_still_reads_and_builds_a_record(held):
    km = KeyMessage.objects.create(event=held, text="Old style", published=False)
    assert km.state == OutcomeState.DRAFT and km.published is False


# --- screens ----------------------------------------------------------------------------------------------------

def test_focal_points_get_403_and_anonymous_visitors_go_to_login(client, held, focal_point):
    url = f"/desk/events/{held.slug}/outcomes/"
    assert client.get(url).status_code == 302
    assert client.post(f"{url}message/new/", {"text": "Sneaky"}).status_code == 302
    client.force_login(focal_point)
    assert client.get(url).status_code == 403
    assert client.post(f"{url}message/new/", {"text": "Sneaky"}).status_code == 403
    assert not KeyMessage.objects.exists()


def test_the_desk_adds_a_key_message_without_javascript(client, held, secretariat, speaker):
    client.force_login(secretariat)
    page = client.get(f"/desk/events/{held.slug}/outcomes/")
    assert page.status_code == 200 and "Amina Diallo" in page.content.decode()
    response = client.post(f"/desk/events/{held.slug}/outcomes/message/new/",
                           {"text": "Fair recruitment protects workers.", "speaker": speaker.pk, "objectives": ["6"]})
    assert response.status_code == 302 and response["Location"].endswith("#desk-message")
    km = KeyMessage.objects.get()
    assert (km.state, km.speaker, km.session) == (OutcomeState.DRAFT, speaker, speaker.session)
    assert [o.number for o in km.gcm_objectives.all()] == [6]
    page = client.get(response["Location"]).content.decode()
    assert "Fair recruitment protects workers." in page and "Key message added." in page


def test_the_desk_shows_a_bad_form_again_with_its_problem(client, held, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/desk/events/{held.slug}/outcomes/practice/new/", {"title": "", "country": "GHANA"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_the_desk_suggests_objectives_without_javascript_and_keeps_the_text(client, held, secretariat):
    client.force_login(secretariat)
    text = "Lower the cost of remittance transfers."
    response = client.post(f"/desk/events/{held.slug}/outcomes/recommendation/new/",
                           {"text": text, "addressee": "states", "suggest": "1"})
    body = response.content.decode()
    assert response.status_code == 200 and text in body
    assert 'name="objectives" value="20"' in body
    assert not Recommendation.objects.exists()


def test_the_suggestion_endpoint_answers_as_the_text_is_typed(client, secretariat):
    client.force_login(secretariat)
    body = client.get("/desk/outcomes/suggest/", {"text": "Fight human trafficking and smuggling"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert 'value="10"' in body and 'value="9"' in body


def test_htmx_add_answers_the_desk_with_the_cursor_back_in_the_form(client, held, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/desk/events/{held.slug}/outcomes/message/new/", {"text": "One"},
                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<div id="outcome-desk"')
    assert 'id="message-text"' in body and "autofocus" in body


def test_per_item_and_bulk_actions_by_plain_post(client, held, secretariat):
    client.force_login(secretariat)
    a = services.key_message_create(actor=secretariat, event=held, text="A", state=OutcomeState.DRAFT)
    b = services.key_message_create(actor=secretariat, event=held, text="B", state=OutcomeState.DRAFT)
    assert client.post(f"/desk/outcomes/message/{b.pk}/up/").status_code == 302
    assert desk_messages(held) == ["B", "A"]
    client.post(f"/desk/events/{held.slug}/outcomes/bulk/", {"items": [f"message:{a.pk}", f"message:{b.pk}"],
                                                            "target": "approved"})
    client.post(f"/desk/outcomes/message/{a.pk}/published/")
    assert list(KeyMessage.objects.published().values_list("text", flat=True)) == ["A"]
    response = client.post(f"/desk/outcomes/message/{a.pk}/published/", HTTP_REFERER="http://testserver/desk/")
    assert response.status_code == 302  # not allowed again: the message says why
    assert KeyMessage.objects.get(pk=b.pk).state == OutcomeState.APPROVED


def test_the_event_desk_tabs_link_to_the_outcomes_desk(client, held, secretariat):
    client.force_login(secretariat)
    page = client.get(f"/desk/events/{held.slug}/programme/").content.decode()
    assert f"/desk/events/{held.slug}/outcomes/" in page


# --- API --------------------------------------------------------------------------------------------------------

def _bearer(user):
    _token, key = ApiToken.issue(user=user, name="desk")
    return {"Authorization": f"Bearer {key}"}


def test_the_secretariat_writes_orders_and_publishes_through_the_api(client, held, secretariat, speaker):
    auth = _bearer(secretariat)
    made = []
    for text in ("Data first.", "Rights always."):
        response = client.post("/api/outcomes/desk/items", {"kind": "message", "event": held.slug, "text": text,
                                                            "speaker_id": speaker.pk, "gcm_objectives": [1]},
                               content_type="application/json", headers=auth)
        assert response.status_code == 201, response.content
        made.append(response.json())
    assert [m["state"] for m in made] == ["draft", "draft"] and made[0]["session_id"] == speaker.session_id
    second = made[1]["id"]
    response = client.post(f"/api/outcomes/desk/items/message/{second}/move", {"direction": "up"},
                           content_type="application/json", headers=auth)
    assert response.json()["order"] == 0
    for target in ("approved", "published"):
        response = client.post(f"/api/outcomes/desk/items/message/{second}/transition", {"target": target},
                               content_type="application/json", headers=auth)
        assert response.status_code == 200 and response.json()["state"] == target
    listed = client.get(f"/api/outcomes/desk/events/{held.slug}", headers=auth).json()
    assert [(i["text"], i["state"]) for i in listed] == [("Rights always.", "published"), ("Data first.", "draft")]


def test_the_api_refuses_the_desk_to_a_focal_point_and_a_bad_move(client, held, secretariat, focal_point):
    response = client.post("/api/outcomes/desk/items", {"kind": "message", "event": held.slug, "text": "Mine"},
                           content_type="application/json", headers=_bearer(focal_point))
    assert response.status_code == 403 and response.json()["code"]
    km = services.key_message_create(actor=secretariat, event=held, text="Draft", state=OutcomeState.DRAFT)
    response = client.post(f"/api/outcomes/desk/items/message/{km.pk}/transition", {"target": "published"},
                           content_type="application/json", headers=_bearer(secretariat))
    assert response.status_code == 400 and "Approved" in response.json()["detail"]
    assert not KeyMessage.objects.filter(text="Mine").exists()


def test_the_desk_corrects_an_item_without_javascript_and_keeps_its_state_and_place(client, held, secretariat, speaker):
    client.force_login(secretariat)
    rec = services.recommendation_create(actor=secretariat, event=held, text="Sates should shrae data.",
                                         state=OutcomeState.APPROVED)
    response = client.post(f"/desk/outcomes/recommendation/{rec.pk}/edit/",
                           {"text": "States should share data.", "addressee": "un_agencies", "category": "Data",
                            "speaker": speaker.pk})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.text, rec.addressee, rec.category, rec.speaker, rec.state) == (
        "States should share data.", "un_agencies", "Data", speaker, OutcomeState.APPROVED)
    assert AuditEntry.objects.for_object(rec).filter(action="recommendation.update").exists()
    response = client.post(f"/desk/outcomes/recommendation/{rec.pk}/edit/", {"text": "", "addressee": "states"})
    assert response.status_code == 400
    rec.refresh_from_db()
    assert rec.text == "States should share data."
