import pytest
from selenium.webdriver.common.by import By

from colloquy.testing import browser_login, click, wait_for


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_focal_point_files_a_report_that_appears_on_the_country_profile_and_dashboard(
        browser, live_server, focal_point, ghana, make_recommendation):
    rec = make_recommendation(text="States should train consular staff to assist nationals in distress.",
                              addressed=[ghana], objectives=[14])
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + "/outcomes/follow-up/")
    click(browser, By.CSS_SELECTOR, f'a[href="/outcomes/recommendations/{rec.pk}/report/"]')
    wait_for(browser, lambda d: d.find_element(By.ID, "id_narrative"))
    browser.find_element(By.CSS_SELECTOR, 'input[name="status"][value="implemented"]').click()
    browser.find_element(By.ID, "id_narrative").send_keys("Forty consular officers were trained in 2026.")
    browser.find_element(By.ID, "id_evidence_links").send_keys("https://example.org/training-report")
    click(browser, By.CSS_SELECTOR, 'button[name="submit"]')
    # The submit loads the recommendation's page: wait for the new report on its timeline, not just the URL.
    report = wait_for(browser, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "article.report")
                                               if "Forty consular officers" in a.text), None))
    assert browser.current_url.endswith(f"/outcomes/recommendations/{rec.pk}/")
    assert "version 1" in report.text and "Implemented" in report.text
    assert "Draft" not in report.text

    browser.get(live_server.url + "/countries/GHA/")
    table = wait_for(browser, lambda d: d.find_element(By.ID, "country-recommendations"))
    assert "Implemented" in table.text and "consular staff" in table.text
    years = browser.find_element(By.ID, "country-years")
    assert years.find_element(By.XPATH, ".//tbody/tr[last()]/td[last()]").text == "1"  # one report filed

    browser.get(live_server.url + "/outcomes/?country=GHA")
    implemented = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, '#totals [data-status="implemented"]'))
    assert implemented.text == "1"
    objective_table = browser.find_element(By.ID, "table-objective")
    assert "14. Enhance consular protection" in objective_table.text
    ghana_row = browser.find_element(By.XPATH, '//table[@id="table-country"]//tr[th="Ghana"]')
    assert [td.text for td in ghana_row.find_elements(By.TAG_NAME, "td")] == ["0", "0", "1", "0", "0", "1", "100%"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 4


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_secretariat_launches_a_round_the_member_is_e_mailed_and_the_response_rate_follows_its_report(
        browser, live_server, secretariat, focal_point, ghana, make_recommendation):
    from django.core import mail

    from colloquy.outcomes.models import FollowUpRound
    from colloquy.outcomes.services.reports import recommendation_report_progress

    rec = make_recommendation(text="States should lower the cost of sending remittances.", addressed=[ghana], objectives=[20])
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + "/outcomes/rounds/new/")
    form = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "main form"))[0]
    form.find_element(By.NAME, "title").send_keys("Remittances round")
    form.find_element(By.CSS_SELECTOR, f'input[name="recommendations"][value="{rec.pk}"]').click()
    form.find_element(By.CSS_SELECTOR, f'input[name="organizations"][value="{ghana.pk}"]').click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    rate = wait_for(browser, lambda d: d.find_elements(By.ID, "response-rate"))[0]
    assert rate.text.startswith("0%") and "0 of 1 addressed members" in rate.text
    followup_round = FollowUpRound.objects.get(title="Remittances round")
    assert [m.to for m in mail.outbox] == [[focal_point.email]] and "Remittances round" in mail.outbox[0].subject

    recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress",
                                   narrative="A bill caps transfer fees.", actor=focal_point)
    browser.get(live_server.url + followup_round.get_absolute_url())
    rate = wait_for(browser, lambda d: d.find_elements(By.ID, "response-rate"))[0]
    assert rate.text.startswith("100%") and "1 of 1 addressed members" in rate.text


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_secretariat_accepts_a_suggested_objective_and_corrects_with_another(
        browser, live_server, secretariat, make_recommendation):
    rec = make_recommendation(text="States should register every migrant child at birth and issue identity documents.")
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/outcomes/tags/recommendation/{rec.pk}/")
    wait_for(browser, lambda d: d.find_elements(By.ID, "suggestions"))
    # Objective 4 (legal identity) is suggested: accept it; then add objective 7 by hand (a correction).
    click(browser, By.XPATH, "//table[@id='suggestions']//tr[.//input[@name='objective' and @value='4']]//button[@value='accept']")
    wait_for(browser, lambda d: "4" in d.find_element(By.ID, "tagged").text and "No objective yet" not in d.find_element(By.ID, "tagged").text)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "objective-select")).select_by_value("7")
    click(browser, By.XPATH, "//form[.//select[@id='objective-select']]//button[@type='submit']")
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#tagged li")) == 2)
    rec.refresh_from_db()
    assert sorted(rec.gcm_objectives.values_list("number", flat=True)) == [4, 7]
