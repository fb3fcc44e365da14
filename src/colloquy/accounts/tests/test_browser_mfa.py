"""End to end in headless Chromium, in French: a secretariat officer turns on the second factor with the key the
page shows (as an authenticator app would read it), keeps the recovery codes, signs out, and signs in again with
password and code; on a 390 px phone the setup page fits."""

import base64

import pytest
from django.test import override_settings
from django_otp.oath import totp
from selenium.webdriver.common.by import By

from colloquy.testing import browser_login, phone_viewport, wait_for


def app_code(secret: str, *, next_step: bool = False) -> str:
    """What an authenticator app shows for the setup key typed by hand (or 30 seconds later: the code used at
    setup cannot be used again)."""
    raw = secret.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=1 if next_step else 0):06d}"


@pytest.mark.e2e
@override_settings(COLLOQUY_MFA_SECRETARIAT="required")
def test_an_officer_turns_on_the_second_factor_and_signs_in_with_a_code_in_french(browser, live_server,
                                                                                  secretariat):
    browser_login(browser, live_server, secretariat)
    browser.add_cookie({"name": "django_language", "value": "fr"})
    browser.get(live_server.url + "/")
    wait_for(browser, lambda d: "/accounts/two-factor/setup/" in d.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Activer un second facteur"
    with phone_viewport(browser):
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    secret = browser.find_element(By.ID, "mfa-secret").text
    browser.find_element(By.ID, "id_code").send_keys(app_code(secret))
    browser.find_element(By.CSS_SELECTOR, "#mfa-setup-form button[type=submit]").click()
    codes = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#recovery-codes code"))
    assert len(codes) == 10
    browser.find_element(By.LINK_TEXT, "Continuer").click()  # back to the page that asked for the setup
    wait_for(browser, lambda d: d.current_url == live_server.url + "/")
    browser.get(live_server.url + "/accounts/security/")
    assert "Activé" in browser.find_element(By.ID, "mfa-status").text

    # a new sign-in: the password leads to the code page, the next step's code opens the site
    browser_login(browser, live_server, secretariat)
    browser.add_cookie({"name": "django_language", "value": "fr"})
    browser.get(live_server.url + "/accounts/two-factor/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Second facteur"
    browser.find_element(By.ID, "id_code").send_keys(app_code(secret, next_step=True))
    browser.find_element(By.CSS_SELECTOR, "#mfa-verify-form button[type=submit]").click()
    wait_for(browser, lambda d: "/accounts/two-factor/" not in d.current_url)
    browser.get(live_server.url + "/accounts/security/")
    assert "/accounts/security/" in browser.current_url
