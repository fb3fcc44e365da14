"""The review screen in a browser: a matched proposal says "Same as", bulk accept takes the ticked items only,
after a confirmation page, and no duplicate event appears (invented document)."""

import datetime

import pytest
from selenium.webdriver.common.by import By

from colloquy.testing import browser_login, click, wait_for


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_matched_event_shows_same_as_and_bulk_accept_confirms_and_takes_exactly_the_two_ticked_items(
        browser, live_server, secretariat, make_event):
    from colloquy.core.access import SYSTEM
    from colloquy.dialogues.models import Event
    from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus
    from colloquy.ingest.services import ingest_bytes
    from colloquy.ingest.tests.test_matching import REPORT

    record = make_event(title="2nd Workshop on Labour Migration", start_date=datetime.date(2019, 5, 3), city="Geneva")
    text = REPORT.format(title="Second Workshop on Labour Migration", city="Geneva")
    source = ingest_bytes(data=text.encode(), name="report.txt", actor=SYSTEM).document.source_file
    event = Proposal.objects.get(source=source, kind=ProposalKind.EVENT)
    message = Proposal.objects.get(source=source, kind=ProposalKind.KEY_MESSAGE)
    others = set(source.proposals.exclude(pk__in=[event.pk, message.pk]).values_list("pk", flat=True))
    assert others  # there is something left unticked

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/ingest/documents/{source.pk}/")
    item = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, 'li.proposal[data-kind="event"]'))
    same_as = item.find_element(By.CSS_SELECTOR, ".same-as")
    assert same_as.text.startswith("Same as: 2nd Workshop on Labour Migration")
    assert same_as.find_element(By.TAG_NAME, "a").get_attribute("href").endswith(record.get_absolute_url())

    browser.find_element(By.ID, f"sel-{event.pk}").click()
    browser.find_element(By.ID, f"sel-{message.pk}").click()
    click(browser, By.ID, "bulk-accept")
    heading = wait_for(browser, lambda d: d.find_element(By.ID, "confirm-h"))
    assert heading.text == "Accept 2 items?"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#confirm-items li")) == 2
    assert not Proposal.objects.filter(status=ProposalStatus.ACCEPTED).exists()  # asked first
    click(browser, By.ID, "confirm-bulk")
    wait_for(browser, lambda d: "2 of 2 ticked items accepted." in d.page_source)

    accepted = set(Proposal.objects.filter(status=ProposalStatus.ACCEPTED).values_list("pk", flat=True))
    assert accepted == {event.pk, message.pk}
    assert set(Proposal.objects.filter(status=ProposalStatus.PROPOSED).values_list("pk", flat=True)) == others
    assert list(Event.objects.values_list("pk", flat=True)) == [record.pk]  # linked, not copied
    assert Proposal.objects.get(pk=event.pk).target == record
