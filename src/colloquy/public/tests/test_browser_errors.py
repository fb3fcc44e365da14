"""Issue 17, problem 1: a filter the server refuses says why on screen (htmx swaps 4xx answers)."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.demo.loader import load_demo
from colloquy.testing import click, wait_for

pytestmark = pytest.mark.e2e


def test_events_filter_with_reversed_years_shows_the_reason_next_to_the_form(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/events/")
    wait_for(browser, lambda d: d.find_elements(By.ID, "event-count"))
    browser.find_element(By.ID, "id_year_from").send_keys("2015")
    browser.find_element(By.ID, "id_year_to").send_keys("2010")
    click(browser, By.CSS_SELECTOR, "#event-filters button[type=submit]")
    errors = wait_for(browser, lambda d: d.find_elements(By.ID, "filter-errors"))[0]
    assert "The first year (2015) is after the last year (2010)." in errors.text
    assert not browser.find_elements(By.ID, "event-table")  # the stale results are not left standing


def test_host_country_is_chosen_by_name_and_filters_the_events(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/events/")
    country = browser.find_element(By.ID, "id_country")
    assert country.tag_name == "select"
    everything = browser.find_element(By.ID, "event-count").text
    Select(country).select_by_visible_text("Switzerland")
    wait_for(browser, lambda d: "country=CHE" in d.current_url)
    wait_for(browser, lambda d: d.find_element(By.ID, "event-count").text != everything)
    rows = browser.find_elements(By.CSS_SELECTOR, "#event-table tbody tr")
    assert rows and all("Switzerland" in row.text for row in rows)
