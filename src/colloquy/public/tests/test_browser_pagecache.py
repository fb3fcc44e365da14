"""A visitor whose page came from the anonymous page cache gets their own CSRF token: the language form and the
htmx filters work, and a write shows on the next page load."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.demo.loader import load_demo
from colloquy.dialogues.models import Event
from colloquy.testing import wait_for

pytestmark = pytest.mark.e2e


def test_a_visitor_served_from_the_cache_switches_language_filters_and_sees_a_new_title(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/events/")  # rendered, then stored
    first_token = browser.get_cookie("csrftoken")["value"]
    browser.delete_all_cookies()
    browser.get(live_server.url + "/events/")  # a new visitor, served from the cache
    assert browser.get_cookie("csrftoken")["value"] != first_token
    Select(browser.find_element(By.ID, "lang-select")).select_by_value("fr")  # a POST with this visitor's token
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
    everything = browser.find_element(By.ID, "event-count").text
    Select(browser.find_element(By.ID, "id_forum")).select_by_value("unitar-migration-and-development-series")  # its name is French here
    wait_for(browser, lambda d: d.find_element(By.ID, "event-count").text != everything)  # htmx, X-CSRFToken header
    event = Event.objects.filter(cycle__forum__slug="unitar-migration-and-development-series").first()
    Event.objects.filter(pk=event.pk).update(title="Renamed while you were reading")
    browser.get(browser.current_url)
    wait_for(browser, lambda d: "Renamed while you were reading" in d.find_element(By.ID, "event-table").text)
