import io
import time

import pytest
from docx import Document as WordDocument
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.drafting.tests.conftest import KEY_MESSAGES
from colloquy.testing import browser_login, click, phone_viewport, wait_for


def _downloaded(folder, suffix, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_secretariat_drafts_the_french_summary_from_the_event_page_and_downloads_the_docx(
        browser, live_server, secretariat, recorded_event, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + recorded_event.get_absolute_url())
    panel = wait_for(browser, lambda d: d.find_element(By.ID, "drafting-panel-heading"))
    assert panel.text == "Summary of conclusions"
    Select(browser.find_element(By.ID, "drafting-language")).select_by_value("fr")
    click(browser, By.XPATH, '//button[normalize-space()="Draft from the record"]')
    preview = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "article.drafted-document"))
    assert "Résumé des conclusions" in preview.text and KEY_MESSAGES[0] in preview.text
    with phone_viewport(browser):
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    click(browser, By.XPATH, '//a[normalize-space()="Download DOCX"]')
    docx = _downloaded(downloads, ".docx")
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(docx.read_bytes())).paragraphs)
    assert all(message in text for message in KEY_MESSAGES)
    assert "L'atelier a réuni 5 participants" in text
    assert "Philippines" in text and "States should cap recruitment fees." in text
