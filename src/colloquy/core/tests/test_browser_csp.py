"""Pages under the Content-Security-Policy in a real browser: no violation in the console, and what used to be
inline script (the language menu) still works."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.testing import wait_for

pytestmark = pytest.mark.e2e


def csp_violations(browser) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]


def test_public_pages_and_the_api_docs_report_no_csp_violation(browser, live_server, make_event):
    make_event(title="Diaspora bonds workshop")
    browser.get_log("browser")  # what earlier tests left in the log
    for path in ("/", "/events/", "/organizations/", "/search/?q=diaspora", "/api/docs"):
        browser.get(live_server.url + path)
        wait_for(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    assert csp_violations(browser) == []


def test_the_language_menu_switches_the_language_without_an_inline_handler(browser, live_server, db):
    browser.delete_all_cookies()
    browser.get(live_server.url + "/events/")
    browser.get_log("browser")
    Select(browser.find_element(By.ID, "lang-select")).select_by_value("fr")
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
    Select(browser.find_element(By.ID, "lang-select")).select_by_value("en")  # leave English for later tests
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert csp_violations(browser) == []
