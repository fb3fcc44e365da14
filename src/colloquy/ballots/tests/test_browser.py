"""End to end in headless Chromium: a focal point casts a vote and sees the receipt."""

import pytest
from selenium.webdriver.common.by import By

from colloquy.ballots.models import CastLog
from colloquy.testing import browser_login, wait_for


@pytest.mark.e2e
def test_focal_point_casts_a_vote_and_sees_the_receipt(browser, live_server, make_ballot, focal_point):
    ballot = make_ballot()
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + "/ballots/")
    browser.find_element(By.LINK_TEXT, "Vote now").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "cast-form"))
    option = ballot.options.get(label="Migrant integration")
    browser.find_element(By.ID, f"option-{option.pk}").click()
    browser.find_element(By.CSS_SELECTOR, "#cast-form button[type=submit]").click()
    receipt = wait_for(browser, lambda d: d.find_elements(By.ID, "receipt-hash"))[0]
    entry = CastLog.objects.get(ballot=ballot)
    assert receipt.text == entry.entry_hash
    assert "Migrant integration" in browser.find_element(By.ID, "receipt").text
    assert entry.choices == [option.pk]
