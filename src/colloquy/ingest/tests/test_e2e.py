import pytest

from colloquy.ingest.tests.conftest import FIXTURES
from colloquy.testing import browser_login, wait_for


@pytest.mark.e2e
def test_upload_accept_and_see_the_source_on_the_public_event_page(browser, live_server, secretariat):
    from selenium.webdriver.common.by import By

    from colloquy.dialogues.models import Event

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + "/ingest/")
    browser.find_element(By.ID, "upload-file").send_keys(str(FIXTURES / "report-synthetic.txt"))
    browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]").click()
    # every lookup after a click waits: the next page may still be loading when the URL has changed
    event_item = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, 'li.proposal[data-kind="event"]'))
    assert "/ingest/documents/" in browser.current_url
    assert "items proposed for review" in browser.page_source
    assert "Workshop on Labour Mobility and Skills" in event_item.text
    assert event_item.find_element(By.TAG_NAME, "mark").text.startswith("The Workshop on Labour Mobility")
    event_item.find_element(By.CSS_SELECTOR, "button.accept").click()
    wait_for(browser, lambda d: "Accepted: Workshop on Labour Mobility" in d.page_source)

    event = Event.objects.get(title="Workshop on Labour Mobility and Skills")
    browser.delete_all_cookies()  # the public, anonymous view
    browser.get(live_server.url + event.get_absolute_url())
    citation = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "p.citations"))
    assert "Source" in citation.text
    assert "para. 1" in citation.text
    assert "Workshop on Labour Mobility and Skills" in citation.text
    citation.find_element(By.TAG_NAME, "a").click()
    passage = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#cited-passage mark"))
    assert passage.text.startswith("The Workshop on Labour Mobility and Skills")
