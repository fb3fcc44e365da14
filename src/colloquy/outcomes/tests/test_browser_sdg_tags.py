import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.testing import browser_login, click, phone_viewport, wait_for


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_secretariat_accepts_a_suggested_sdg_target_and_corrects_with_another_on_a_phone(
        browser, live_server, secretariat, make_recommendation):
    rec = make_recommendation(text="Recruitment agencies must stop charging recruitment fees to migrant workers.")
    browser_login(browser, live_server, secretariat)
    with phone_viewport(browser):
        browser.get(live_server.url + f"/outcomes/tags/recommendation/{rec.pk}/")
        wait_for(browser, lambda d: d.find_elements(By.ID, "sdg-suggestions"))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        # 10.7 (orderly, safe, regular migration: recruitment costs) is suggested: accept it
        click(browser, By.XPATH, "//table[@id='sdg-suggestions']//tr[.//input[@name='sdg' and @value='10.7']]"
                                 "//button[@value='accept']")
        wait_for(browser, lambda d: "SDG 10.7" in d.find_element(By.ID, "tagged-sdg").text)
        # a correction: 8.7 (forced labour) chosen by hand
        Select(browser.find_element(By.ID, "sdg-select")).select_by_value("8.7")
        click(browser, By.XPATH, "//form[.//select[@id='sdg-select']]//button[@type='submit']")
        wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#tagged-sdg li")) == 2)
    rec.refresh_from_db()
    assert sorted(rec.sdg_targets.values_list("code", flat=True)) == ["10.7", "8.7"]
    assert not rec.gcm_objectives.exists()
    # the record's page shows the new SDG badges
    browser.get(live_server.url + rec.get_absolute_url())
    tags = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "p.tags"))[0]
    assert "SDG 10.7" in tags.text and "SDG 8.7" in tags.text
