"""End to end in headless Chromium, in French, on a 390 px phone: an English document's page offers its French
version, named "Français", and the link leads to it."""

import pytest
from selenium.webdriver.common.by import By

from colloquy.dialogues.models import Document
from colloquy.testing import phone_viewport, wait_for


@pytest.mark.e2e
def test_a_document_page_offers_its_french_version_on_a_phone_in_french(browser, live_server):
    english = Document.objects.create(symbol="MC/INF/301", language="en", title="Migration and the environment")
    french = Document.objects.create(symbol="MC/INF/301", language="fr", title="Migration et environnement")
    browser.delete_all_cookies()
    browser.get(live_server.url + "/")
    browser.add_cookie({"name": "django_language", "value": "fr"})
    with phone_viewport(browser):
        browser.get(live_server.url + english.get_absolute_url())
        versions = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "nav.language-versions"))[0]
        assert versions.find_element(By.TAG_NAME, "h2").text == "Également disponible en"
        link = versions.find_element(By.CSS_SELECTOR, "a[hreflang=fr]")
        assert link.text == "Français" and link.get_attribute("lang") == "fr" and link.is_displayed()
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        link.click()
        wait_for(browser, lambda d: d.current_url.endswith(french.get_absolute_url()))
        assert browser.find_element(By.TAG_NAME, "h1").text == "Migration et environnement"
        back = browser.find_element(By.CSS_SELECTOR, "nav.language-versions a[hreflang=en]")
        assert back.text == "English"
