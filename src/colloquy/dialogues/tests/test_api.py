import datetime

from colloquy.accounts.models import ApiToken
from colloquy.dialogues.models import Document, DocumentAccess, EventStatus, SessionParticipant
from colloquy.testing import external_assets


def test_openapi_schema_lists_the_record_endpoints(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/events" in schema["paths"]
    assert "/api/events/{slug}" in schema["paths"]


def test_api_docs_use_local_static_files(client, db):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert external_assets(html) == [] and "cdn.jsdelivr.net" not in html  # ninja's default CDN, even in a script


def test_events_api_lists_published_events_only(client, make_event):
    make_event(title="Held")
    make_event(title="Proposed", status=EventStatus.PROPOSED)
    assert [e["title"] for e in client.get("/api/events").json()] == ["Held"]


def test_event_detail_api_has_programme_and_respects_consent(client, make_event, make_session, make_person):
    event = make_event(start_date=datetime.date(2007, 3, 25))
    session = make_session(event, title="Panel")
    SessionParticipant.objects.create(session=session, person=make_person(name="Visible Person"), role="chair")
    SessionParticipant.objects.create(session=session, person=make_person(name="Hidden Person", consents_to_publication=False), role="speaker")
    data = client.get(f"/api/events/{event.slug}").json()
    names = [p["name"] for p in data["sessions"][0]["people"]]
    assert names == ["Visible Person", "a migrant representative"]


def test_unknown_event_is_404_in_the_api(client, db):
    response = client.get("/api/events/nope")
    assert response.status_code == 404


def test_bearer_token_lets_a_member_see_restricted_documents(client, make_event, focal_point, forum, make_cycle):
    event = make_event(cycle=make_cycle(forum=forum))
    Document.objects.create(title="Member note", event=event, access=DocumentAccess.RESTRICTED)
    assert client.get("/api/documents").json() == []
    _token, key = ApiToken.issue(user=focal_point, name="script")
    docs = client.get("/api/documents", headers={"Authorization": f"Bearer {key}"}).json()
    assert [d["title"] for d in docs] == ["Member note"]
    assert client.get("/api/documents", headers={"Authorization": "Bearer wrong"}).json() == []


def test_people_api_never_exposes_contact_details_or_non_consenting_people(client, make_person):
    make_person(name="Public Person", email="x@example.org")
    make_person(name="Private Person", consents_to_publication=False)
    data = client.get("/api/people").json()
    assert [p["name"] for p in data] == ["Public Person"]
    assert "email" not in data[0]


def test_events_api_takes_the_page_filters_pages_and_counts(client, make_event, make_cycle, forum):
    cycle = make_cycle(forum=forum, year=2008)
    make_event(cycle=cycle, title="Seminar A", kind="seminar", country="THA")
    make_event(cycle=cycle, title="Workshop B", kind="workshop")
    make_event(title="Elsewhere")
    response = client.get(f"/api/events?forum={forum.slug}&year=2008")
    assert sorted(e["title"] for e in response.json()) == ["Seminar A", "Workshop B"]
    assert response["X-Total-Count"] == "2"
    assert [e["title"] for e in client.get("/api/events?kind=seminar&country=tha").json()] == ["Seminar A"]
    page = client.get(f"/api/events?forum={forum.slug}&limit=1&offset=1")
    assert len(page.json()) == 1 and page["X-Total-Count"] == "2"


def test_events_api_names_a_bad_filter_with_400(client, db):
    response = client.get("/api/events?kind=bogus&year_from=2010&year_to=2001")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "kind: Select a valid choice. bogus is not one of the available choices." in detail
    assert "The first year (2010) is after the last year (2001)." in detail
    assert client.get("/api/events?limit=5000").status_code == 400


def test_organizations_and_people_api_filter_like_the_pages(client, ghana, observer_org, make_person):
    assert [o["name"] for o in client.get("/api/organizations?category=governments").json()] == ["Ghana"]
    assert client.get("/api/organizations?country=ZZZ").status_code == 400
    make_person(name="Amina Diallo")
    make_person(name="Hidden Name", consents_to_publication=False)
    assert [p["name"] for p in client.get("/api/people").json()] == ["Amina Diallo"]
    assert client.get("/api/people?q=hidden").json() == []
