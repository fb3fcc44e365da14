import pytest
from selenium.webdriver.common.by import By

from colloquy.testing import browser_login, wait_for


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_focal_point_files_a_report_that_appears_on_the_country_profile_and_dashboard(
        browser, live_server, focal_point, ghana, make_recommendation):
    rec = make_recommendation(text="States should train consular staff to assist nationals in distress.",
                              addressed=[ghana], objectives=[14])
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + "/outcomes/follow-up/")
    link = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, f'a[href="/outcomes/recommendations/{rec.pk}/report/"]'))
    link.click()
    wait_for(browser, lambda d: d.find_element(By.ID, "id_narrative"))
    browser.find_element(By.CSS_SELECTOR, 'input[name="status"][value="implemented"]').click()
    browser.find_element(By.ID, "id_narrative").send_keys("Forty consular officers were trained in 2026.")
    browser.find_element(By.ID, "id_evidence_links").send_keys("https://example.org/training-report")
    browser.find_element(By.CSS_SELECTOR, 'button[name="submit"]').click()
    wait_for(browser, lambda d: d.current_url.endswith(f"/outcomes/recommendations/{rec.pk}/"))
    assert "Forty consular officers were trained in 2026." in browser.page_source
    assert "version 1" in browser.page_source

    browser.get(live_server.url + "/countries/GHA/")
    table = wait_for(browser, lambda d: d.find_element(By.ID, "country-recommendations"))
    assert "Implemented" in table.text and "consular staff" in table.text

    browser.get(live_server.url + "/outcomes/?country=GHA")
    implemented = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, '#totals [data-status="implemented"]'))
    assert implemented.text == "1"
    objective_table = browser.find_element(By.ID, "table-objective")
    assert "14. Enhance consular protection" in objective_table.text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
