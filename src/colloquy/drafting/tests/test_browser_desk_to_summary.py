"""Issue 18, end to end in Chromium on the demo workshop: the rapporteur enters three key messages, a
recommendation and a good practice at the desk, approves and publishes them, drafts the summary of conclusions in
French from the event page and downloads the DOCX; read back with python-docx, it holds what was entered and the
French participation sentence."""

import io
import re

import pytest
from docx import Document as WordDocument
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.demo.loader import load_demo
from colloquy.dialogues.models import Event
from colloquy.drafting.tests.test_browser import _downloaded
from colloquy.outcomes.tests.test_browser_desk import _add, _items
from colloquy.testing import browser_login, click, wait_for

DEMO_WORKSHOP = "Key Migration Issues: Labour Migration (with ILO)"
MESSAGES = ["Fair recruitment starts with zero fees for workers.",
            "Skills partnerships need employers at the table from the start.",
            "Labour migration data should be comparable across corridors."]
RECOMMENDATION = "States should publish the recruitment agencies they license."
PRACTICE = "A public register of licensed recruiters"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_desk_entries_of_the_demo_workshop_reach_the_french_summary_docx(browser, live_server, secretariat,
                                                                          media, tmp_path):
    load_demo()
    event = Event.objects.get(title=DEMO_WORKSHOP)
    # The demo holds no figure for this 2006 workshop; its report's figure is what ingestion would record.
    Event.objects.filter(pk=event.pk).update(participants_total=60)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{event.slug}/outcomes/")
    wait_for(browser, lambda d: d.find_element(By.ID, "outcome-desk"))
    before = {kind: len(_items(browser, kind)) for kind in ("message", "recommendation", "practice")}

    for i, text in enumerate(MESSAGES):
        browser.find_element(By.ID, "message-text").send_keys(text)
        _add(browser, "message", before["message"] + i)
    browser.find_element(By.ID, "recommendation-text").send_keys(RECOMMENDATION)
    Select(browser.find_element(By.ID, "recommendation-addressee")).select_by_value("states")
    _add(browser, "recommendation", before["recommendation"])
    browser.find_element(By.ID, "practice-title").send_keys(PRACTICE)
    browser.find_element(By.ID, "practice-country").send_keys("PHL")
    _add(browser, "practice", before["practice"])

    for target in ("approved", "published"):
        for li in browser.find_elements(By.CSS_SELECTOR, "li.desk-item"):
            if li.get_attribute("data-state") != "published":
                li.find_element(By.CSS_SELECTOR, 'input[name="items"]').click()
        click(browser, By.CSS_SELECTOR, f'#desk-bulk button[value="{target}"]')
        wait_for(browser, lambda d, t=target: all(li.get_attribute("data-state") in (t, "published")
                                                  for li in d.find_elements(By.CSS_SELECTOR, "li.desk-item")))

    browser.get(live_server.url + event.get_absolute_url())
    wait_for(browser, lambda d: d.find_element(By.ID, "drafting-panel-heading"))
    Select(browser.find_element(By.ID, "drafting-language")).select_by_value("fr")
    click(browser, By.XPATH, '//button[normalize-space()="Draft from the record"]')
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "article.drafted-document"))
    click(browser, By.XPATH, '//a[normalize-space()="Download DOCX"]')
    docx = _downloaded(downloads, ".docx")
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(docx.read_bytes())).paragraphs)
    assert all(message in text for message in MESSAGES)
    assert RECOMMENDATION in text and PRACTICE in text
    assert re.search(r"L.atelier a réuni 60 participants", text), text[:1500]
