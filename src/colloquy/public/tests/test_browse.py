"""The archive lists: events, organizations and people, their filters, bad filter values, the CSV export."""

import csv
import datetime
import io

import pytest

from colloquy.audit.models import AuditEntry
from colloquy.core.access import SYSTEM
from colloquy.dialogues.importing import events_import_csv
from colloquy.dialogues.models import CycleState, Event, EventStatus
from colloquy.directory.models import Membership, MembershipStatus


@pytest.fixture
def archive(forum, make_forum, make_cycle, make_event):
    gfmd = make_forum(name="Global Forum on Migration and Development", slug="gfmd", acronym="GFMD")
    idm_2006 = make_cycle(forum=forum, year=2006, overarching_theme="Partnerships in Migration")
    idm_2009 = make_cycle(forum=forum, year=2009)
    gfmd_2007 = make_cycle(forum=gfmd, year=2007)
    draft = make_cycle(forum=forum, year=2031, state=CycleState.DRAFT)
    return {
        "health": make_event(cycle=idm_2006, title="Workshop on Migration and Health", kind="workshop",
                             start_date=datetime.date(2006, 7, 12), end_date=datetime.date(2006, 7, 13),
                             participants_total=175, participants_reported="~175", source_url="https://example.org/a"),
        "seminar": make_event(cycle=idm_2009, title="Expert Seminar on Climate and Mobility", kind="seminar",
                              city="Bangkok", country="THA", start_date=datetime.date(2009, 2, 22)),
        "brussels": make_event(cycle=gfmd_2007, title="First Global Forum meeting", kind="conference",
                               city="Brussels", country="BEL", start_date=datetime.date(2007, 7, 9)),
        "proposed": make_event(cycle=idm_2009, title="Proposed training on data", status=EventStatus.PROPOSED),
        "draft": make_event(cycle=draft, title="Workshop in a draft cycle"),
    }


def titles(response):
    return [row.title for row in response.context["page"]]


def test_events_list_shows_published_events_newest_year_first(client, archive):
    response = client.get("/events/")
    assert response.status_code == 200
    assert titles(response) == ["Expert Seminar on Climate and Mobility", "First Global Forum meeting",
                                "Workshop on Migration and Health"]


def test_events_list_never_shows_proposed_events_or_draft_cycles_to_visitors(client, archive, secretariat):
    assert "Proposed training on data" not in client.get("/events/").content.decode()
    client.force_login(secretariat)
    shown = titles(client.get("/events/"))
    assert "Proposed training on data" in shown and "Workshop in a draft cycle" in shown


@pytest.mark.parametrize("query,expected", [
    ("forum=gfmd", ["First Global Forum meeting"]),
    ("kind=seminar", ["Expert Seminar on Climate and Mobility"]),
    ("country=tha", ["Expert Seminar on Climate and Mobility"]),
    ("year_from=2007&year_to=2009", ["Expert Seminar on Climate and Mobility", "First Global Forum meeting"]),
    ("q=health", ["Workshop on Migration and Health"]),
    ("forum=idm&year_to=2006", ["Workshop on Migration and Health"]),
])
def test_events_list_filters_combine(client, archive, query, expected):
    assert titles(client.get("/events/?" + query)) == expected


@pytest.mark.parametrize("query,message", [
    ("year_from=2010&year_to=2001", "The first year (2010) is after the last year (2001)."),
    ("country=XXX", "XXX is not an ISO 3166-1 alpha-3 country code"),
    ("kind=bogus", "Select a valid choice. bogus is not one of the available choices."),
    ("year_from=abc", "From year: Enter a whole number."),
    ("forum=no-such-forum", "Forum: Select a valid choice."),
])
def test_a_bad_filter_value_is_named_with_400_and_no_list(client, archive, query, message):
    response = client.get("/events/?" + query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["page"] is None


def test_htmx_request_gets_only_the_results(client, archive):
    response = client.get("/events/?kind=seminar", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="event-table"' in html and "<html" not in html
    assert "Expert Seminar on Climate and Mobility" in html


def test_events_csv_has_the_import_columns_and_re_imports_without_change(client, archive):
    response = client.get("/events/?forum=idm&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["event_title"] for r in rows] == ["Expert Seminar on Climate and Mobility", "Workshop on Migration and Health"]
    health = rows[1]
    assert (health["year"], health["forum"], health["kind"], health["participants_total"]) == ("2006", "IDM", "workshop", "~175")
    assert (health["start_date"], health["end_date"], health["overarching_theme"]) == ("2006-07-12", "2006-07-13", "Partnerships in Migration")
    events, entries = Event.objects.count(), AuditEntry.objects.count()
    result = events_import_csv(actor=SYSTEM, data=response.content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert (Event.objects.count(), AuditEntry.objects.count()) == (events, entries)


def test_the_csv_export_of_a_bad_filter_is_refused_too(client, archive):
    response = client.get("/events/?year_from=abc&format=csv")
    assert response.status_code == 400 and not response["Content-Type"].startswith("text/csv")


def test_events_list_pages_by_fifty_and_a_page_past_the_end_shows_the_last(client, make_cycle, make_event, forum):
    cycle = make_cycle(forum=forum, year=2010)
    for i in range(55):
        make_event(cycle=cycle, title=f"Workshop {i:02d}", start_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=i))
    first = client.get("/events/")
    assert len(first.context["page"].object_list) == 50 and "Page 1 of 2" in first.content.decode()
    last = client.get("/events/?page=99")
    assert last.context["page"].number == 2 and len(last.context["page"].object_list) == 5


def test_organizations_list_filters_by_category_membership_and_alias(client, forum, ghana, observer_org, make_organization):
    from colloquy.directory.models import OrganizationAlias

    iom = make_organization(name="International Organization for Migration", acronym="IOM")
    OrganizationAlias.objects.create(organization=iom, name="Organisation internationale pour les migrations")
    former = make_organization(name="Former Observer Institute")
    Membership.objects.create(organization=former, forum=forum, status=MembershipStatus.OBSERVER_ORGANIZATION,
                              start_date=datetime.date(2001, 1, 1), end_date=datetime.date(2005, 12, 31))
    names = lambda q: [o.name for o in client.get("/organizations/?" + q).context["page"]]  # noqa: E731
    assert names("category=governments") == ["Ghana"]
    assert names(f"forum={forum.slug}&membership=member_state") == ["Ghana"]
    assert "Former Observer Institute" not in names(f"forum={forum.slug}")  # membership ended
    assert names("q=internationale pour les") == ["International Organization for Migration"]
    assert names("q=iom") == ["International Organization for Migration"]
    assert client.get("/organizations/?country=ZZZ").status_code == 400


def test_people_list_leaves_out_people_who_did_not_consent(client, make_person, secretariat):
    make_person(name="Amina Diallo", honorific="Ms.")
    make_person(name="Hidden Name", consents_to_publication=False)
    html = client.get("/people/").content.decode()
    assert "Ms. Amina Diallo" in html and "Hidden Name" not in html
    assert [p.name for p in client.get("/people/?q=diallo").context["page"]] == ["Amina Diallo"]
    client.force_login(secretariat)
    assert "Hidden Name" in client.get("/people/").content.decode()
