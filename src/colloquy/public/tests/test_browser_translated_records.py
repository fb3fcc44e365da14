"""In headless Chromium at a phone's width (390 px): an event page in French shows the event's French title,
and a session without a French title shows its English one marked "(en anglais)" (issue 16, item 4)."""

import pytest
from selenium.webdriver.common.by import By

from colloquy.testing import phone_viewport, wait_for

pytestmark = pytest.mark.e2e

FRENCH = "Atelier sur les données migratoires au service des politiques"


def test_an_event_page_in_french_shows_the_french_title_on_a_phone(browser, live_server, make_event, make_session):
    event = make_event(title="Workshop on migration data for policy", title_fr=FRENCH, slug="data-workshop")
    make_session(event, title="Opening remarks", title_fr="Allocutions d'ouverture")
    make_session(event, title="Panel on census data")
    browser.delete_all_cookies()
    browser.get(live_server.url + "/accounts/login/")
    browser.add_cookie({"name": "django_language", "value": "fr"})
    with phone_viewport(browser):
        browser.get(live_server.url + event.get_absolute_url())
        wait_for(browser, lambda d: d.find_elements(By.TAG_NAME, "h1"))
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        heading = browser.find_element(By.TAG_NAME, "h1")
        assert heading.text == FRENCH and heading.is_displayed()
        titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".session-title")]
        assert "Allocutions d'ouverture" in titles and "Panel on census data (en anglais)" in titles
        untranslated = browser.find_element(By.CSS_SELECTOR, '.session-title span[lang="en"]')
        assert untranslated.text == "Panel on census data"
        assert browser.find_element(By.CSS_SELECTOR, ".session-title .fallback").is_displayed()
        # the title fits the phone: no sideways scrolling
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390


def test_the_events_list_in_french_marks_an_english_title(browser, live_server, make_event):
    make_event(title="Workshop on migration data for policy", title_fr=FRENCH, slug="data-workshop")
    make_event(title="Seminar on census data", slug="census-seminar")
    browser.delete_all_cookies()
    browser.get(live_server.url + "/accounts/login/")
    browser.add_cookie({"name": "django_language", "value": "fr"})
    browser.get(live_server.url + "/events/")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, 'a span[lang="en"]'))
    links = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "table a")]
    assert FRENCH in links and "Seminar on census data (en anglais)" in links
    assert browser.find_element(By.CSS_SELECTOR, 'a span[lang="en"]').text == "Seminar on census data"
