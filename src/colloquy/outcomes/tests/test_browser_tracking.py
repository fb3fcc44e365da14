"""Issue 19 part 4 in a real browser: a response with an indicator, progress against its target, clusters."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.testing import browser_login, click, phone_viewport, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits_a_phone(browser):
    with phone_viewport(browser):
        browser.get(browser.current_url)
        wait_for(browser, lambda d: d.find_elements(By.ID, "main"))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390


def _set_date(browser, element_id, value):
    # A date input's typing order follows the browser's locale; set the ISO value directly.
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, element_id), value)


def test_focal_point_records_ghanas_response_supported_with_an_indicator_then_reports_progress_against_its_target(
        browser, live_server, focal_point, ghana, make_recommendation):
    rec = make_recommendation(text="States should train border officials on the rights of migrants.", addressed=[ghana])
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + rec.get_absolute_url())
    click(browser, By.CSS_SELECTOR, f'a[href="/outcomes/recommendations/{rec.pk}/respond/"]')
    wait_for(browser, lambda d: d.find_element(By.ID, "id_responsible_institution"))
    _fits_a_phone(browser)
    browser.find_element(By.CSS_SELECTOR, 'input[name="position"][value="supported"]').click()
    _set_date(browser, "id_responded_on", "2024-05-02")
    browser.find_element(By.ID, "id_text").send_keys("Ghana supports this recommendation.")
    browser.find_element(By.ID, "id_responsible_institution").send_keys("Ghana Immigration Service")
    browser.find_element(By.ID, "id_indicator_label").send_keys("Border officials trained")
    browser.find_element(By.ID, "id_unit").send_keys("officials")
    browser.find_element(By.ID, "id_baseline").send_keys("0")
    browser.find_element(By.ID, "id_target").send_keys("200")
    _set_date(browser, "id_target_date", "2027-12-31")
    click(browser, By.CSS_SELECTOR, "main form button[type=submit]")

    response = wait_for(browser, lambda d: next(iter(d.find_elements(By.CSS_SELECTOR, "article.response")), None))
    assert "Supported" in response.text and "Ghana Immigration Service" in response.text
    bar = browser.find_element(By.CSS_SELECTOR, ".indicator progress")
    assert bar.get_attribute("value") == "0"
    assert "No progress reported yet." in browser.find_element(By.CSS_SELECTOR, ".indicator").text

    click(browser, By.PARTIAL_LINK_TEXT, "Report progress on")
    wait_for(browser, lambda d: d.find_element(By.ID, "id_indicator_value"))
    assert Select(browser.find_element(By.ID, "id_indicator")).first_selected_option.text == "Ghana: Border officials trained"
    browser.find_element(By.CSS_SELECTOR, 'input[name="status"][value="in_progress"]').click()
    browser.find_element(By.ID, "id_narrative").send_keys("Two training rounds were held.")
    browser.find_element(By.ID, "id_indicator_value").send_keys("120")
    click(browser, By.CSS_SELECTOR, 'button[name="submit"]')

    bar = wait_for(browser, lambda d: next((b for b in d.find_elements(By.CSS_SELECTOR, ".indicator progress")
                                            if b.get_attribute("value") == "60"), None))
    label = browser.find_element(By.ID, bar.get_attribute("aria-describedby")).text
    assert "120 officials of a target of 200 officials" in label and "60 %" in label
    _fits_a_phone(browser)


def test_secretariat_confirms_a_suggested_cluster_and_its_page_shows_every_members_status(
        browser, live_server, secretariat, ghana, make_recommendation):
    from colloquy.outcomes.services.tracking import response_record

    a = make_recommendation(text="States should ensure access to justice for migrant workers.", addressed=[ghana])
    b = make_recommendation(text="States should ensure access to justice for all migrant workers and their families.",
                            addressed=[ghana])
    response_record(recommendation=a, organization=ghana, position="noted", responded_on="2024-01-05", actor=secretariat)
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + "/outcomes/clusters/")
    form = wait_for(browser, lambda d: next(iter(d.find_elements(By.CSS_SELECTOR, "form.suggestion")), None))
    title = form.find_element(By.NAME, "title")
    title.clear()
    title.send_keys("Access to justice")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    heading = wait_for(browser, lambda d: next((h for h in d.find_elements(By.TAG_NAME, "h1")
                                                if h.text == "Access to justice"), None))
    assert heading
    assert len(browser.find_elements(By.CSS_SELECTOR, "main table")) == 2
    row_a = browser.find_element(By.XPATH, f'//section[@aria-labelledby="member-{a.pk}"]//tbody/tr').text
    row_b = browser.find_element(By.XPATH, f'//section[@aria-labelledby="member-{b.pk}"]//tbody/tr').text
    assert "Ghana" in row_a and "Noted" in row_a and "No report yet" in row_a
    assert "Ghana" in row_b and "Noted" not in row_b
    _fits_a_phone(browser)
