"""Issue 17, problem 6, in headless Chromium: the secretariat desk opens on what waits; each item leads to its
screen; the desk fits a phone. axe-core checks every page the test opens (testing.axe_on_every_page)."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from colloquy.testing import browser_login, phone_viewport
from colloquy.testing import wait_for as _wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def wait_for(driver, condition):
    """The shared wait, with room for a loaded machine (see test_browser.py)."""
    return _wait_for(driver, condition, timeout=30)


@pytest.fixture
def waiting(make_event, make_cycle, forum, ghana, secretariat):
    """An event this month with a registration to decide, and a ballot closing in three days."""
    from colloquy.ballots import services as ballots
    from colloquy.registration.models import Registration

    event = make_event(title="Workshop on seasonal work", start_date=timezone.localdate(), status="confirmed")
    Registration.objects.create(event=event, organization=ghana, organization_name=ghana.name,
                                category=ghana.category, country=ghana.country, contact_email="fp@ghana.example")
    ballot = ballots.ballot_create(actor=secretariat, cycle=make_cycle(forum=forum, year=2031, state="theme_selection"),
                                   title="Overarching theme 2031", method="single", options=("Health", "Climate"),
                                   closes_at=timezone.now() + datetime.timedelta(days=3))
    return {"event": event, "ballot": ballots.ballot_open(actor=secretariat, ballot=ballot)}


def test_the_secretariat_sees_what_waits_on_the_desk_and_follows_a_registration_to_decide(
        browser, live_server, secretariat, waiting):
    event = waiting["event"]
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + "/desk/")
    panels = wait_for(browser, lambda d: d.find_elements(By.ID, "desk-waiting"))[0]
    registrations = panels.find_element(By.ID, "desk-registrations")
    assert "Workshop on seasonal work: 1 registration waits" in " ".join(registrations.text.split())
    ballots = panels.find_element(By.ID, "desk-ballots").text
    assert "Overarching theme 2031" in ballots and "0 of 1 voted" in ballots and "closes soon" in ballots
    assert "Workshop on seasonal work" in panels.find_element(By.ID, "desk-month").text
    for section in ("desk-followup", "desk-proposals"):  # nothing waits there: the section says so in words
        assert panels.find_element(By.ID, section).text.strip()

    registrations.find_element(By.LINK_TEXT, "Workshop on seasonal work").click()
    row = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#registrations tbody tr"))[0]
    assert browser.current_url.endswith(f"/desk/events/{event.slug}/registrations/")
    assert "Ghana" in row.text and "Pending" in row.text


def test_the_secretariat_desk_fits_a_phone(browser, live_server, secretariat, waiting):
    browser_login(browser, live_server, secretariat)
    with phone_viewport(browser):
        browser.get(live_server.url + "/desk/")
        wait_for(browser, lambda d: d.find_elements(By.ID, "desk-registrations"))
        # against the device width: a mobile layout viewport widens itself to fit content that overflows
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        link = browser.find_element(By.ID, "desk-ballots").find_element(By.LINK_TEXT, "Overarching theme 2031")
        assert link.is_displayed()
        link.click()
        wait_for(browser, lambda d: d.current_url.endswith(waiting["ballot"].get_absolute_url()))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
