import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from colloquy.dialogues.models import (
    CycleState,
    Document,
    DocumentAccess,
    EventFunding,
    EventStatus,
    SessionParticipant,
)
from colloquy.testing import external_assets


@pytest.fixture
def programme(forum, make_cycle, make_event, make_session, make_person, make_organization, ghana):
    cycle = make_cycle(forum=forum, year=2007, overarching_theme="Making Global Labour Mobility a Catalyst for Development")
    event = make_event(cycle=cycle, title="Intersessional Workshop on Free Movement of Persons",
                       start_date=datetime.date(2007, 6, 18), end_date=datetime.date(2007, 6, 19),
                       participants_total=200, participants_reported=">200", interpretation_languages=["en", "fr", "es"])
    iom = make_organization(name="International Organization for Migration", acronym="IOM")
    day1 = make_session(event, title="Opening session", date=datetime.date(2007, 6, 18),
                        start_time=datetime.time(10, 0), end_time=datetime.time(11, 0))
    day2 = make_session(event, title="Regional integration panel", date=datetime.date(2007, 6, 19),
                        start_time=datetime.time(15, 0), end_time=datetime.time(16, 30))
    chair = make_person(name="Amina Diallo", honorific="Ms.", organization=iom, title="Director")
    speaker = make_person(name="Kwame Mensah", organization=ghana, title="Deputy Minister")
    migrant = make_person(name="Hidden Name", consents_to_publication=False)
    SessionParticipant.objects.create(session=day1, person=chair, role="chair", organization=iom, affiliation_title="Director")
    SessionParticipant.objects.create(session=day2, person=speaker, role="speaker", organization=ghana, affiliation_title="Deputy Minister")
    SessionParticipant.objects.create(session=day2, person=migrant, role="speaker")
    EventFunding.objects.create(event=event, donor=ghana)
    return {"cycle": cycle, "event": event, "iom": iom, "chair": chair, "speaker": speaker, "migrant": migrant}


def test_home_shows_forums_and_a_timeline_of_cycles(client, programme):
    html = client.get("/").content.decode()
    assert "International Dialogue on Migration" in html
    assert "2007" in html and "Making Global Labour Mobility a Catalyst for Development" in html


def test_cycle_page_shows_theme_and_events(client, programme):
    response = client.get(programme["cycle"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Intersessional Workshop on Free Movement of Persons" in html


def test_event_page_shows_programme_by_day_with_people_and_affiliations(client, programme):
    html = client.get(programme["event"].get_absolute_url()).content.decode()
    assert html.index("Monday 18 June 2007") < html.index("Opening session") < html.index("Tuesday 19 June 2007")
    assert html.index("Tuesday 19 June 2007") < html.index("Regional integration panel")
    assert "10:00–11:00" in html
    assert "Ms. Amina Diallo" in html and "Director, International Organization for Migration" in html
    assert "Kwame Mensah" in html and "Deputy Minister, Ghana" in html
    assert ">200" in html.replace("&gt;", ">") and "as reported" in html
    assert "EN, FR, ES" in html


def test_speaker_without_consent_appears_only_as_a_migrant_representative(client, programme):
    html = client.get(programme["event"].get_absolute_url()).content.decode()
    assert "Hidden Name" not in html
    assert "a migrant representative" in html
    assert client.get(programme["migrant"].get_absolute_url()).status_code == 404


def test_proposed_event_is_404_for_visitors_but_visible_to_the_secretariat(client, programme, secretariat):
    event = programme["event"]
    event.status = EventStatus.PROPOSED
    event.save()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("public:event-ical", args=[event.slug])).status_code == 404
    client.force_login(secretariat)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_draft_cycle_is_404_for_visitors(client, programme):
    cycle = programme["cycle"]
    cycle.state = CycleState.DRAFT
    cycle.save()
    assert client.get(cycle.get_absolute_url()).status_code == 404
    assert client.get(programme["event"].get_absolute_url()).status_code == 404


def test_organization_page_shows_roles_by_year(client, programme):
    html = client.get(programme["iom"].get_absolute_url()).content.decode()
    assert "Intersessional Workshop on Free Movement of Persons" in html
    assert "Chair" in html


def test_country_page_shows_government_roles_as_speaker_and_donor(client, programme):
    html = client.get("/countries/gha/").content.decode()
    assert "Ghana" in html
    assert "Donor" in html and "Speaker" in html


def test_unknown_country_is_404(client, db):
    assert client.get("/countries/XXX/").status_code == 404


def test_person_page_hides_contact_details_from_visitors(client, programme, secretariat):
    chair = programme["chair"]
    chair.email = "amina@example.org"
    chair.save()
    assert "amina@example.org" not in client.get(chair.get_absolute_url()).content.decode()
    client.force_login(secretariat)
    assert "amina@example.org" in client.get(chair.get_absolute_url()).content.decode()


def test_restricted_document_is_404_for_visitors_and_visible_to_members(client, programme, focal_point):
    doc = Document.objects.create(title="Discussion note", symbol="IC/2007/7", event=programme["event"],
                                  access=DocumentAccess.RESTRICTED)
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert "IC/2007/7" not in client.get(programme["event"].get_absolute_url()).content.decode()
    client.force_login(focal_point)
    assert client.get(doc.get_absolute_url()).status_code == 200
    assert "IC/2007/7" in client.get(programme["event"].get_absolute_url()).content.decode()


def test_title_search_finds_events_and_organizations_by_alias(client, programme):
    from colloquy.directory.models import OrganizationAlias

    OrganizationAlias.objects.create(organization=programme["iom"], name="OIM")
    text = strip_tags(client.get("/search/?q=free movement").content.decode())  # matches may be highlighted
    assert "Intersessional Workshop on Free Movement of Persons" in text
    assert "International Organization for Migration" in strip_tags(client.get("/search/?q=OIM").content.decode())


def test_search_escapes_the_query(client, db):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_pages_have_landmarks_skip_link_and_labelled_search(client, programme):
    html = client.get(programme["event"].get_absolute_url()).content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html and "<nav" in html
    assert '<label for="site-search"' in html
    assert external_assets(html) == [] and "https://" not in html.split("<main")[0]
