import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from colloquy.demo.loader import load_demo
from colloquy.testing import wait_for

pytestmark = pytest.mark.e2e


def test_visitor_follows_a_cycle_to_an_event_and_sees_its_programme(browser, live_server):
    load_demo()
    browser.get(live_server.url + "/")
    assert "The record of migration policy dialogues" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.PARTIAL_LINK_TEXT, "UNITAR Migration and Development Series 2006").click()
    wait_for(browser, lambda d: "/forums/unitar-migration-and-development-series/2006/" in d.current_url)
    browser.find_element(By.LINK_TEXT, "Key Migration Issues: Labour Migration (with ILO)").click()
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
    assert "Key Migration Issues: Labour Migration (with ILO)" in browser.find_element(By.ID, "main").text
