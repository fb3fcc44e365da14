"""End to end in headless Chromium: the secretariat duplicates an event in the admin; visitors cannot see the copy."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.dialogues.models import Event, EventStatus
from colloquy.testing import browser_login, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_secretariat_duplicates_an_event_with_its_programme_in_the_admin(
        browser, live_server, secretariat, make_event, make_session):
    event = make_event(title="Workshop on Migration and Health")
    make_session(event, title="Opening remarks")
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + "/admin/dialogues/event/?q=Health")
    browser.find_element(By.CSS_SELECTOR, f"input.action-select[value='{event.pk}']").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("duplicate_event")
    browser.find_element(By.CSS_SELECTOR, "button[name=index]").click()
    message = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "ul.messagelist li.success"))[0]
    assert "Workshop on Migration and Health (copy)" in message.text

    copy = Event.objects.get(title="Workshop on Migration and Health (copy)")
    assert copy.status == EventStatus.PROPOSED
    assert list(copy.sessions.values_list("title", flat=True)) == ["Opening remarks"]
    browser.find_element(By.LINK_TEXT, "Workshop on Migration and Health (copy)").click()
    wait_for(browser, lambda d: f"/admin/dialogues/event/{copy.pk}/change/" in d.current_url)
    assert "Opening remarks" in browser.find_element(By.ID, "content").text  # the programme inline

    browser.delete_all_cookies()  # a visitor: the proposed copy is not published
    browser.get(live_server.url + copy.get_absolute_url())
    assert "Workshop on Migration and Health (copy)" not in browser.find_element(By.TAG_NAME, "body").text
