import pytest
from selenium.webdriver.common.by import By

from colloquy.ballots.models import Proposal
from colloquy.testing import browser_login, click, phone_viewport, wait_for


@pytest.fixture(autouse=True)
def _no_model(settings):
    settings.THEME_MEMORY_SEMANTIC = False


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_member_proposes_south_south_migration_again_and_the_secretariat_carries_the_2009_proposal_over(
        browser, live_server, focal_point, secretariat, earlier, consultation_2010):
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + consultation_2010.get_absolute_url())
    with phone_viewport(browser):
        form = wait_for(browser, lambda d: d.find_element(By.ID, "suggest-form"))
        form.find_element(By.NAME, "title").send_keys("South-South migration")
        form.find_element(By.NAME, "text").send_keys("Corridors between developing countries.")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        memory = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions .theme-memory"))[0]
        assert "2009" in memory.text and "not selected" in memory.text and "1 vote of 3" in memory.text
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + consultation_2010.get_absolute_url())
    click(browser, By.XPATH, '//ul[@id="suggestions"]//button[contains(., "Carry over from 2009")]')
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".proposal .carried"))
    assert Proposal.objects.get(consultation=consultation_2010).carried_from == earlier

    browser.get(live_server.url + earlier.consultation.cycle.get_absolute_url())
    not_selected = wait_for(browser, lambda d: d.find_element(By.ID, "not-selected"))
    assert "South-South Migration" in not_selected.text and "carried over to" in not_selected.text
