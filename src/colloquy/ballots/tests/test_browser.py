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
    browser.find_element(By.LINK_TEXT, "See it in the log").click()
    head = wait_for(browser, lambda d: d.find_elements(By.ID, "chain-head"))[0]
    assert f"#1 {entry.entry_hash}" in head.text  # the head, published at each cast


@pytest.mark.e2e
def test_secretariat_opens_closes_and_decides_and_the_public_sees_the_result(browser, live_server, make_ballot,
                                                                              secretariat, ghana, focal_point, cycle):
    from colloquy.ballots import services

    ballot = make_ballot(open=False, quorum_percent=100)
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + ballot.get_absolute_url())
    browser.find_element(By.ID, "open-ballot").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "close-ballot"))
    option = ballot.options.get(label="Climate and mobility")
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option.pk], actor=focal_point)
    browser.find_element(By.ID, "close-confirm").click()
    browser.find_element(By.ID, "close-ballot").click()
    wait_for(browser, lambda d: d.find_elements(By.LINK_TEXT, "Record the decision")).pop().click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "decide-form"))
    browser.find_element(By.NAME, "rationale").send_keys("Every member State that voted chose it.")
    browser.find_element(By.ID, "decide-confirm").click()
    browser.find_element(By.CSS_SELECTOR, "#decide-form button[type=submit]").click()
    decision = wait_for(browser, lambda d: d.find_elements(By.ID, "decision"))[0]
    assert "Climate and mobility" in decision.text
    browser.delete_all_cookies()  # the public
    browser.get(live_server.url + f"/ballots/{ballot.pk}/results/")
    assert "Every member State that voted chose it." in browser.find_element(By.ID, "decision").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    ballot.refresh_from_db()
    assert f"#1 {ballot.log_head}" in browser.find_element(By.ID, "chain-head").text  # and at the close
    cycle.refresh_from_db()
    assert cycle.overarching_theme == "Climate and mobility"


@pytest.mark.e2e
def test_a_member_suggests_a_theme_and_the_secretariat_merges_it_into_a_new_proposal(
        browser, live_server, cycle, focal_point, secretariat):
    from colloquy.ballots.models import Consultation, Proposal, Suggestion
    from colloquy.testing import click

    consultation = Consultation.objects.create(cycle=cycle, title="Consultation on the 2027 theme")
    Proposal.objects.create(consultation=consultation, title="Migration and health")
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + "/accounts/desk/")
    click(browser, By.LINK_TEXT, "Consultation on the 2027 theme")  # the desk lists open consultations
    form = wait_for(browser, lambda d: d.find_elements(By.ID, "suggest-form"))[0]
    form.find_element(By.NAME, "title").send_keys("Youth and migration")
    form.find_element(By.NAME, "text").send_keys("Young people are a third of migrants; the dialogue rarely hears them.")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, lambda d: "Youth and migration" in d.find_element(By.ID, "suggestions").text)
    suggestion = Suggestion.objects.get(consultation=consultation)
    assert suggestion.organization == focal_point.organization and suggestion.status == "pending"

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + consultation.get_absolute_url())
    click(browser, By.CSS_SELECTOR, f"form[action$='/suggestions/{suggestion.pk}/merge/'] button[type=submit]")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "section.proposal h3")
             and "Youth and migration" in [h.text for h in d.find_elements(By.CSS_SELECTOR, "section.proposal h3")])
    assert "Merged" in browser.find_element(By.ID, "suggestions").text
    suggestion.refresh_from_db()
    assert suggestion.status == "merged" and suggestion.merged_into.title == "Youth and migration"
