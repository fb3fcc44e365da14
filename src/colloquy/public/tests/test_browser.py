import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from colloquy.demo.loader import load_demo
from colloquy.testing import click, wait_for

pytestmark = pytest.mark.e2e


def test_visitor_follows_a_cycle_to_an_event_and_sees_its_programme(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/")
    assert "The record of migration policy dialogues" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.PARTIAL_LINK_TEXT, "UNITAR Migration and Development Series 2006").click()
    wait_for(browser, lambda d: "/forums/unitar-migration-and-development-series/2006/" in d.current_url)
    outcomes = wait_for(browser, lambda d: d.find_elements(By.ID, "cycle-outcomes"))[0].text  # the cycle's record
    assert "recommendations" in outcomes and "tracked items" in outcomes
    click(browser, By.LINK_TEXT, "Key Migration Issues: Labour Migration (with ILO)")
    wait_for(browser, lambda d: d.find_elements(By.ID, "programme-h"))
    programme = browser.find_element(By.CSS_SELECTOR, "section.programme").text
    assert "Wednesday 15 March 2006" in programme
    assert "Session 1: Labour Migration Arrangements" in programme
    assert "Chair: Mr. Nilim Baruah, International Organization for Migration" in programme
    assert "09:30–09:45" in programme
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Add to calendar")
    assert link.get_attribute("href").endswith("/calendar.ics")


def test_keyboard_user_can_skip_to_main_content_and_search(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to main content"
    skip.send_keys(Keys.ENTER)
    search = browser.find_element(By.ID, "site-search")
    search.send_keys("Labour Migration", Keys.ENTER)
    wait_for(browser, lambda d: "/search/" in d.current_url)
    wait_for(browser, lambda d: "Key Migration Issues: Labour Migration (with ILO)" in d.find_element(By.ID, "main").text)


def test_visitor_filters_the_events_list_bookmarks_it_and_opens_an_event(browser, live_server):
    from selenium.webdriver.support.ui import Select

    load_demo()
    browser.get(live_server.url + "/")
    browser.find_element(By.LINK_TEXT, "Events").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "event-filters"))
    everything = browser.find_element(By.ID, "event-count").text
    Select(browser.find_element(By.ID, "id_forum")).select_by_visible_text("UNITAR Migration and Development Series")
    wait_for(browser, lambda d: d.find_element(By.ID, "event-count").text != everything)  # htmx swapped the results
    wait_for(browser, lambda d: "forum=unitar-migration-and-development-series" in d.current_url)  # bookmarkable
    rows = browser.find_elements(By.CSS_SELECTOR, "#event-table tbody tr")
    assert rows and all("UNITAR" in row.text for row in rows)
    browser.get(browser.current_url)  # the bookmarked URL shows the same filtered list
    assert browser.find_element(By.ID, "id_forum").get_attribute("value") == "unitar-migration-and-development-series"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#event-table tbody tr")) == len(rows)
    browser.find_element(By.LINK_TEXT, "Key Migration Issues: Labour Migration (with ILO)").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "programme-h"))
    assert "Session 1: Labour Migration Arrangements" in browser.find_element(By.CSS_SELECTOR, "section.programme").text


def test_visitor_finds_an_organization_by_its_french_name_and_sees_its_roles(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/organizations/")
    box = browser.find_element(By.ID, "id_q")
    box.send_keys("OIM", Keys.ENTER)
    wait_for(browser, lambda d: "q=OIM" in d.current_url)
    wait_for(browser, lambda d: d.find_element(By.ID, "organization-count").text == "1 organization")
    click(browser, By.PARTIAL_LINK_TEXT, "International Organization for Migration")
    wait_for(browser, lambda d: "/organizations/" in d.current_url and d.find_elements(By.TAG_NAME, "h1"))
    assert "International Organization for Migration" in browser.find_element(By.TAG_NAME, "h1").text
    assert "Chair" in browser.find_element(By.ID, "main").text
