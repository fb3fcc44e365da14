"""Issue 17, problem 7: at 390×844 (a phone) no page of this list is wider than the viewport."""

import pytest
from selenium.webdriver.common.by import By

from colloquy.demo.loader import load_demo
from colloquy.testing import browser_login, phone_viewport, wait_for

pytestmark = pytest.mark.e2e


def _pages():
    from colloquy.ballots.models import Ballot
    from colloquy.dialogues.models import Event, Forum
    from colloquy.directory.models import Organization
    from colloquy.outcomes.models import Recommendation

    ballot = Ballot.objects.exclude(state="draft").first()
    event = Event.objects.filter(sessions__isnull=False).distinct().first()
    forum_url = f"/forums/{Forum.objects.get(slug='idm').slug}/"
    return ["/", "/events/", "/organizations/", "/people/", "/outcomes/", "/search/?q=labour+migration",
            "/ballots/", ballot.get_absolute_url(), f"/ballots/{ballot.pk}/results/", f"/ballots/{ballot.pk}/log/",
            event.get_absolute_url(), event.cycle.get_absolute_url(), forum_url,
            Organization.objects.filter(acronym="IOM").first().get_absolute_url(),
            Recommendation.objects.first().get_absolute_url()]


def test_no_page_of_the_list_is_wider_than_a_phone(browser, live_server, secretariat):
    load_demo()
    pages = _pages()
    assert len(pages) == 15
    browser_login(browser, live_server, secretariat)  # signed in: the header carries the most
    too_wide = {}
    with phone_viewport(browser):
        for url in pages:
            browser.get(live_server.url + url)
            wait_for(browser, lambda d: d.find_elements(By.ID, "main"))
            # against the device width: a mobile layout viewport widens itself to fit content that overflows
            width = browser.execute_script("return document.documentElement.scrollWidth")
            if width > 390:
                too_wide[url] = width
        assert too_wide == {}, too_wide
        header = browser.find_element(By.CSS_SELECTOR, ".site-header").size["height"]
        assert header <= 120  # the compact header (it took 265 of 844 px)
        menu = browser.find_element(By.ID, "menu-button")
        assert menu.is_displayed() and not browser.find_element(By.ID, "site-menu").is_displayed()
        menu.click()
        wait_for(browser, lambda d: d.find_element(By.ID, "site-menu").is_displayed())
        assert menu.get_attribute("aria-expanded") == "true"
