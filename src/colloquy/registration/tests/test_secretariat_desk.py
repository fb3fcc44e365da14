"""Issue 17, problem 6: the secretariat desk opens on what waits, each item linking to its screen."""

import datetime

import pytest
from django.utils import timezone

from colloquy.demo.loader import load_demo
from colloquy.registration.models import Registration

pytestmark = pytest.mark.django_db


def test_the_desk_shows_what_waits_and_links_to_each_screen(client, secretariat, make_event, ghana):
    load_demo()
    today = timezone.localdate()
    event = make_event(title="Workshop this month", start_date=today, status="confirmed")
    Registration.objects.create(event=event, organization=ghana, organization_name=ghana.name,
                                category=ghana.category, country=ghana.country, contact_email="x@example.org")
    client.force_login(secretariat)
    html = client.get("/desk/").content.decode()
    assert 'id="desk-registrations"' in html and f"/desk/events/{event.slug}/registrations/" in html
    assert "1 registration waits" in html
    assert 'id="desk-month"' in html and "Workshop this month" in html
    assert 'id="desk-ballots"' in html and "voted" in html  # the demo's open theme ballot, with its turnout
    assert 'id="desk-followup"' in html and 'id="desk-proposals"' in html


def test_the_desk_event_table_is_filtered(client, secretariat, make_event):
    make_event(title="Seminar in Accra", country="GHA", start_date=datetime.date(2010, 5, 1))
    make_event(title="Workshop in Geneva", country="CHE")
    client.force_login(secretariat)
    html = client.get("/desk/", {"country": "GHA"}).content.decode()
    assert "Seminar in Accra" in html and "Workshop in Geneva" not in html
    bad = client.get("/desk/", {"year_from": "2015", "year_to": "2010"})
    assert bad.status_code == 400 and "The first year (2015) is after the last year (2010)." in bad.content.decode()
