"""Issue 17: the ballot page tells the voter and the secretariat what happens, in a real browser."""

import pytest
from selenium.webdriver.common.by import By

from colloquy.ballots.models import CurrentBallot
from colloquy.testing import browser_login, click, wait_for

pytestmark = pytest.mark.e2e


def test_a_cast_with_no_option_chosen_tells_the_voter_beside_the_form(browser, live_server, make_ballot, focal_point):
    ballot = make_ballot()
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + ballot.get_absolute_url())
    wait_for(browser, lambda d: d.find_elements(By.ID, "cast-form"))
    browser.execute_script("document.getElementById('cast-form').noValidate = true")  # what an old browser sends
    click(browser, By.CSS_SELECTOR, "#cast-form button[type=submit]")
    error = wait_for(browser, lambda d: [e for e in d.find_elements(By.ID, "cast-error") if e.text])[0]
    assert "Choose at least one option." in error.text
    assert error.is_displayed()
    assert browser.find_elements(By.ID, "cast-form")  # the form stays, to try again
    assert not CurrentBallot.objects.filter(ballot=ballot).exists()
