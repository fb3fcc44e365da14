"""The rapporteur's desk in a real browser: write, reorder, approve and publish; the public page follows."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.dialogues.models import SessionParticipant
from colloquy.testing import browser_login, click, phone_viewport, wait_for

MESSAGES = ["Recruitment fees must never be charged to workers.",
            "Migration data should be shared across borders.",
            "Remittances should cost less to send."]


def _items(browser, kind):
    return browser.find_elements(By.CSS_SELECTOR, f"#desk-{kind} li.desk-item")


def _add(browser, kind, count_before):
    click(browser, By.CSS_SELECTOR, f"#desk-{kind}-form button[type=submit]:not([name])")
    wait_for(browser, lambda d: len(_items(d, kind)) == count_before + 1)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_rapporteur_writes_reorders_approves_and_publishes_and_the_event_page_shows_them_in_order(
        browser, live_server, secretariat, make_event, make_session, make_person):
    event = make_event(title="Workshop on fair recruitment", slug="fair-recruitment")
    session = make_session(event, title="Panel on recruitment")
    SessionParticipant.objects.create(session=session, person=make_person(name="Amina Diallo"), role="speaker")
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{event.slug}/programme/")
    click(browser, By.CSS_SELECTOR, f'nav.crumbs a[href="/desk/events/{event.slug}/outcomes/"]')
    wait_for(browser, lambda d: d.find_element(By.ID, "outcome-desk"))

    # Three key messages, one after the other, the cursor back in the text box each time.
    for i, text in enumerate(MESSAGES):
        box = browser.find_element(By.ID, "message-text")
        box.send_keys(text)
        if i == 0:  # suggestions as the text is typed
            wait_for(browser, lambda d: 'value="6"' in d.find_element(By.ID, "message-suggestions").get_attribute("innerHTML"))
            browser.find_element(By.CSS_SELECTOR, '#message-suggestions input[value="6"]').click()
        _add(browser, "message", i)
        wait_for(browser, lambda d: d.execute_script("return document.activeElement.id") == "message-text")
    assert "GCM 6" in _items(browser, "message")[0].text

    browser.find_element(By.ID, "recommendation-text").send_keys("States should abolish recruitment fees.")
    Select(browser.find_element(By.ID, "recommendation-addressee")).select_by_value("states")
    browser.find_element(By.ID, "recommendation-category").send_keys("State responsibility")
    Select(browser.find_element(By.ID, "recommendation-speaker")).select_by_visible_text("Amina Diallo (Speaker)")
    _add(browser, "recommendation", 0)
    assert "Amina Diallo" in _items(browser, "recommendation")[0].text

    browser.find_element(By.ID, "practice-title").send_keys("A licensing scheme for recruitment agencies")
    browser.find_element(By.ID, "practice-country").send_keys("phl")
    browser.find_element(By.ID, "practice-practice_actor").send_keys("Department of Migrant Workers")
    _add(browser, "practice", 0)
    assert "(PHL)" in _items(browser, "practice")[0].text

    # The third message goes up to second place.
    click(browser, By.CSS_SELECTOR, '#desk-message button[aria-label="Move item 3 up"]')
    expected = [MESSAGES[0], MESSAGES[2], MESSAGES[1]]
    wait_for(browser, lambda d: [li.text.split("\n")[0] for li in _items(d, "message")] == expected)

    # Approve everything in one go, then publish it.
    for target in ("approved", "published"):
        for box in browser.find_elements(By.CSS_SELECTOR, 'input[name="items"]'):
            box.click()
        click(browser, By.CSS_SELECTOR, f'#desk-bulk button[value="{target}"]')
        wait_for(browser, lambda d, t=target: all(li.get_attribute("data-state") == t
                                                  for li in d.find_elements(By.CSS_SELECTOR, "li.desk-item")))
    assert "0 draft, 0 approved, 5 published." in browser.find_element(By.ID, "desk-counts").text

    with phone_viewport(browser):
        browser.get(live_server.url + f"/desk/events/{event.slug}/outcomes/")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390

    browser.delete_all_cookies()  # an anonymous visitor
    browser.get(live_server.url + event.get_absolute_url())
    panel = wait_for(browser, lambda d: d.find_element(By.ID, "outcomes-event"))
    shown = [li.text for li in panel.find_elements(By.XPATH, ".//h3[.='Key messages']/following-sibling::ol[1]/li")]
    assert shown == expected
    assert "States should abolish recruitment fees." in panel.text
    assert "A licensing scheme for recruitment agencies" in panel.text
