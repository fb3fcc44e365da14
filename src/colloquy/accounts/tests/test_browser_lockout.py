"""End to end in headless Chromium: after too many wrong passwords the login form says so, even for the right
password, until the secretariat lifts the lockout."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from colloquy.testing import wait_for


def _submit(browser, live_server, username, password):
    browser.get(live_server.url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(password)
    form = browser.find_element(By.CSS_SELECTOR, "form.stacked")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # Wait for the answer to replace the form: a next `browser.get` issued while the POST is still in flight
    # can show that POST's answer instead (seen in CI: the third failure's lockout page where the login form
    # was expected).
    wait_for(browser, lambda d: _gone(form))


def _gone(element):
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    return False


@pytest.mark.e2e
@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_locked_out_focal_point_is_told_and_gets_back_in_once_lifted(browser, live_server, focal_point,
                                                                       secretariat):
    browser.delete_all_cookies()
    for _ in range(3):
        _submit(browser, live_server, focal_point.username, "not the password")
    _submit(browser, live_server, focal_point.username, focal_point.raw_password)
    heading = wait_for(browser, lambda d: d.find_elements(By.TAG_NAME, "h1"))[0]
    assert heading.text == "Too many failed sign-ins"
    assert "ask the secretariat" in browser.find_element(By.TAG_NAME, "main").text

    call_command("unlock", focal_point.username, "--as", secretariat.username)
    call_command("unlock", "127.0.0.1", "--as", secretariat.username)
    _submit(browser, live_server, focal_point.username, focal_point.raw_password)
    wait_for(browser, lambda d: "/accounts/login/" not in d.current_url)
