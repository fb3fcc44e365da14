"""End to end in headless Chromium: search from the header box, filter by year, open a passage."""

import pytest
from selenium.webdriver.common.by import By

from colloquy.testing import wait_for


@pytest.mark.e2e
def test_visitor_searches_filters_by_year_and_opens_the_passage(archive, live_server, browser):
    browser.delete_all_cookies()
    browser.get(live_server.url + "/")
    box = browser.find_element(By.ID, "site-search")
    box.send_keys("workers")
    box.submit()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .hit"))
    years_before = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#search-results .hit .year")}
    assert len(years_before) > 1

    browser.find_element(By.CSS_SELECTOR, '[data-facet="year"] a[data-value="2007"]').click()
    wait_for(browser, lambda d: "year_from=2007" in d.current_url)  # htmx pushed a bookmarkable URL
    wait_for(browser, lambda d: {e.text for e in d.find_elements(By.CSS_SELECTOR, "#search-results .hit .year")} == {"2007"})
    assert browser.find_element(By.ID, "year-from").get_attribute("value") == "2007"

    browser.find_element(By.CSS_SELECTOR, '[data-facet="kind"] input[value="passage"]').click()
    wait_for(browser, lambda d: "kind=passage" in d.current_url)

    def only_passages(d):
        kinds = [e.get_attribute("textContent").strip() for e in d.find_elements(By.CSS_SELECTOR, ".hit .kind")]
        return kinds and set(kinds) == {"Document passage"} and d.find_elements(By.CSS_SELECTOR, ".hit-passage a.hit-link")

    link = wait_for(browser, only_passages)[0]
    href = link.get_attribute("href")
    assert "#p-" in href
    link.click()
    wait_for(browser, lambda d: "/documents/" in d.current_url)
    anchor = href.split("#", 1)[1]
    target = wait_for(browser, lambda d: d.execute_script(
        "return document.querySelector(':target') && document.querySelector(':target').id"))
    assert target == anchor
    assert "workers" in browser.find_element(By.ID, anchor).text.lower()
