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
