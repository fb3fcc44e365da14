"""In Chromium: a pledge confirms a "subject to funding" workshop (the issue's browser test), on plain forms
(no JavaScript needed), axe-checked on every page, and the funding page fits a 390 px phone."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.dialogues.models import Event, EventStatus, FundingStatus
from colloquy.testing import browser_login, click, phone_viewport, wait_for


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_pledge_confirms_a_subject_to_funding_workshop(browser, live_server, secretariat, workshop,
                                                         make_organization):
    make_organization(name="Switzerland")
    browser_login(browser, live_server, secretariat)
    browser.get(f"{live_server.url}/funding/events/{workshop.slug}/")
    coverage = wait_for(browser, lambda d: d.find_element(By.ID, "funding-coverage"))
    assert "0 %" in coverage.text

    form = browser.find_element(By.ID, "pledge-form")
    Select(form.find_element(By.NAME, "donor")).select_by_visible_text("Switzerland")
    form.find_element(By.NAME, "amount").send_keys("10000")
    form.find_element(By.NAME, "currency").clear()
    form.find_element(By.NAME, "currency").send_keys("chf")
    Select(form.find_element(By.NAME, "budget_line")).select_by_visible_text("Interpretation")
    form.find_element(By.NAME, "purpose").send_keys("Interpretation into English, French and Spanish")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    row = wait_for(browser, lambda d: next((r for r in d.find_elements(By.CSS_SELECTOR, "#event-pledges tbody tr")
                                            if "Switzerland" in r.text), None))
    assert "Pledged" in row.text and "10000.00 CHF" in row.text
    click(browser, By.CSS_SELECTOR, '#event-pledges button[value="confirmed"]')
    wait_for(browser, lambda d: "Confirmed" in d.find_element(By.CSS_SELECTOR, "#event-pledges .pledge-status").text)
    coverage = browser.find_element(By.ID, "funding-coverage")
    assert "100 %" in coverage.text and "10000.00 of 10000.00 CHF" in coverage.text
    assert browser.find_element(By.CSS_SELECTOR, "#funding-coverage progress").get_attribute("value") == "100"

    click(browser, By.CSS_SELECTOR, "#confirm-form button[type=submit]")
    wait_for(browser, lambda d: d.find_element(By.ID, "event-status").text == "Confirmed")
    assert browser.find_element(By.ID, "event-funding-status").text == "Funded"
    workshop.refresh_from_db()
    assert (workshop.status, workshop.funding_status) == (EventStatus.CONFIRMED, FundingStatus.FUNDED)

    browser.get(live_server.url + workshop.get_absolute_url())
    panel = wait_for(browser, lambda d: d.find_element(By.ID, "funding"))
    assert "Switzerland" in browser.find_element(By.TAG_NAME, "main").text and "10000.00" in panel.text
    with phone_viewport(browser):
        browser.get(f"{live_server.url}/funding/events/{workshop.slug}/")
        wait_for(browser, lambda d: d.find_element(By.ID, "pledge-form"))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_confirming_an_uncovered_workshop_says_what_is_missing(browser, live_server, secretariat, workshop):
    browser_login(browser, live_server, secretariat)
    browser.get(f"{live_server.url}/funding/events/{workshop.slug}/")
    click(browser, By.CSS_SELECTOR, "#confirm-form button[type=submit]")
    alert = wait_for(browser, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "[role=alert], .messages li, .alert")
                                              if "still missing" in a.text), None))
    assert "10000.00 CHF are still missing" in alert.text
    assert Event.objects.get(pk=workshop.pk).status == EventStatus.PLANNED
