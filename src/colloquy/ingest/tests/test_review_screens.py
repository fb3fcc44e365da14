"""Review screens for non-technical staff: typed fields, readable errors, bulk accept of the ticked items only
after a confirmation, and one date that makes the items waiting for a year acceptable (invented documents)."""

import pytest
from django.urls import reverse

from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import Event
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus
from colloquy.ingest.services import ingest_bytes, proposals_bulk
from colloquy.outcomes.models import KeyMessage, Recommendation

pytestmark = pytest.mark.django_db

UNDATED = """Workshop on Labour Migration

1. The Workshop on Labour Migration was held in Geneva. It was opened by Ms. Ingrid Solberg, Director of Policy at the Migration Research Centre.

2. Participants agreed that fair recruitment protects migrant workers and their families.

3. States should ensure that recruitment fees are never charged to workers.
"""


@pytest.fixture
def undated():
    return ingest_bytes(data=UNDATED.encode(), name="undated.txt", actor=SYSTEM).document.source_file


@pytest.fixture
def event_item(undated):
    return Proposal.objects.get(source=undated, kind=ProposalKind.EVENT)


def _form(proposal, **changes):
    form = {"title": proposal.data["title"], "kind": proposal.data["kind"], "start": "", "end": "",
            "city": proposal.data.get("city") or "", "venue": "", "status": proposal.data.get("status") or "",
            "participants_total": "", "participants_qualifier": ""}
    return {**form, **changes}


def test_the_edit_form_has_a_date_input_choices_and_participant_rows_not_json(client, secretariat, event_item):
    client.force_login(secretariat)
    page = client.get(reverse("ingest:edit", args=[event_item.pk])).content.decode()
    assert 'type="date" name="start"' in page
    assert '<select name="kind"' in page and '<select name="status"' in page
    assert '<select name="category_0"' in page and 'name="count_0"' in page
    assert "(JSON)" not in page and "by_category" not in page


def test_a_date_that_cannot_be_read_gets_a_plain_message_and_a_written_date_is_understood(client, secretariat, event_item):
    client.force_login(secretariat)
    url = reverse("ingest:edit", args=[event_item.pk])
    bad = client.post(url, _form(event_item, start="sometime in July", save="1"))
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "Enter a date such as 2007-07-06 or 6 July 2007" in text
    assert "isoformat" not in text and "Traceback" not in text
    assert Proposal.objects.get(pk=event_item.pk).data["start"] is None
    client.post(url, _form(event_item, start="6 July 2007", end="7 July 2007", save="1"))
    assert Proposal.objects.get(pk=event_item.pk).data["start"] == "2007-07-06"


def test_participants_are_edited_as_rows_and_stored_as_reported(client, secretariat, event_item):
    client.force_login(secretariat)
    response = client.post(reverse("ingest:edit", args=[event_item.pk]), _form(
        event_item, start="2019-05-03", participants_total="200", participants_qualifier="over",
        category_0="governments", count_0="40", category_1="ngos", count_1="7", accept="1"))
    assert response.status_code == 302
    participants = Proposal.objects.get(pk=event_item.pk).data["participants"]
    assert participants == {"total": 200, "qualifier": "over", "by_category": {"governments": 40, "ngos": 7}}
    assert Event.objects.get().participants_total == 200


def test_an_api_date_that_cannot_be_read_is_refused_in_words(secretariat, event_item):
    from colloquy.core.errors import DomainError
    from colloquy.ingest.services import proposal_accept

    with pytest.raises(DomainError) as refused:
        proposal_accept(proposal=event_item, actor=secretariat, data={"start": "soon"})
    assert refused.value.message == "Enter a date such as 2007-07-06 or 6 July 2007 (not “soon”)."
    assert not Event.objects.exists()


def test_bulk_accept_asks_first_names_how_many_and_accepts_only_the_ticked_items(client, secretariat, undated):
    client.force_login(secretariat)
    client.post(reverse("ingest:document_date", args=[undated.pk]), {"date": "2019-05-03"})
    event = Proposal.objects.get(source=undated, kind=ProposalKind.EVENT)
    message = Proposal.objects.get(source=undated, kind=ProposalKind.KEY_MESSAGE)
    url = reverse("ingest:bulk", args=[undated.pk])
    confirm = client.post(url, {"action": "accept", "ids": [event.pk, message.pk]})
    assert confirm.status_code == 200 and "Accept 2 items?" in confirm.content.decode()
    assert not Proposal.objects.filter(status=ProposalStatus.ACCEPTED).exists()  # nothing yet
    client.post(url, {"action": "accept", "ids": [event.pk, message.pk], "confirm": "1"})
    assert set(Proposal.objects.filter(status=ProposalStatus.ACCEPTED).values_list("pk", flat=True)) == {event.pk, message.pk}
    assert not Recommendation.objects.exists()
    nothing = client.post(url, {"action": "accept"}, follow=True)
    assert "Tick the items to accept first." in nothing.content.decode()


def test_one_document_date_makes_the_items_waiting_for_a_year_acceptable(client, secretariat, undated):
    pending = list(Proposal.objects.filter(source=undated).values_list("pk", flat=True))
    _, problems = proposals_bulk(document=undated.document, actor=secretariat, action="accept", ids=pending)
    assert any("No year is known" in p for p in problems)
    assert not Event.objects.exists()
    client.force_login(secretariat)
    bad = client.post(reverse("ingest:document_date", args=[undated.pk]), {"date": "the third of May"}, follow=True)
    assert "Enter a date such as 2007-07-06 or 6 July 2007" in bad.content.decode()
    client.post(reverse("ingest:document_date", args=[undated.pk]), {"date": "3 May 2019"})
    undated.document.refresh_from_db()
    assert str(undated.document.date) == "2019-05-03"
    done, problems = proposals_bulk(document=undated.document, actor=secretariat, action="accept", ids=pending)
    assert done > 0 and not [p for p in problems if "No year is known" in p]
    event = Event.objects.get()
    assert event.cycle.year == 2019 and event.start_date is None  # the year is derived, no date is invented
    assert KeyMessage.objects.get().cycle.year == 2019
    assert all(p.data.get("year") is None for p in Proposal.objects.filter(source=undated))  # nothing was copied


def test_setting_an_event_items_date_gives_its_outcomes_their_year(secretariat, undated):
    from colloquy.ingest.services import proposal_accept, proposal_update

    event = Proposal.objects.get(source=undated, kind=ProposalKind.EVENT)
    proposal_update(proposal=event, data={"start": "2018-11-27"}, actor=secretariat)
    proposal_accept(proposal=Proposal.objects.get(source=undated, kind=ProposalKind.RECOMMENDATION), actor=secretariat)
    assert Recommendation.objects.get().cycle.year == 2018


def test_reported_participation_is_stored_on_the_event_and_printed_as_reported_with_its_qualifier(secretariat, event_item):
    from colloquy.ingest.services import proposal_accept
    from colloquy.registration.stats import event_statistics

    participants = {"total": 200, "qualifier": "over", "by_category": {"governments": 40, "ngos": 7}}
    proposal_accept(proposal=event_item, actor=secretariat, data={"start": "2019-05-03", "participants": participants})
    event = Event.objects.get()
    assert (event.participants_total, event.participants_qualifier, event.participants_by_category) == (
        200, "over", {"governments": 40, "ngos": 7})
    assert event_statistics(event).sentence == ("The workshop was attended by over 200 participants representing "
                                                "40 governments and 7 non-governmental organizations (as reported).")


def test_an_undated_item_takes_its_year_from_the_record_its_event_was_linked_to(secretariat, make_event, make_cycle):
    from colloquy.ingest.models import MatchType
    from colloquy.ingest.services import proposal_accept

    make_event(title="Workshop on Labour Migration", start_date=None, end_date=None, city="Geneva",
               cycle=make_cycle(year=2016))
    source = ingest_bytes(data=UNDATED.encode(), name="undated.txt", actor=SYSTEM).document.source_file
    event = Proposal.objects.get(source=source, kind=ProposalKind.EVENT)
    assert event.match == MatchType.AMBIGUOUS  # with no year at all, the same title is only a candidate
    proposal_accept(proposal=event, actor=secretariat, link_to=Event.objects.get().pk)
    proposal_accept(proposal=Proposal.objects.get(source=source, kind=ProposalKind.KEY_MESSAGE), actor=secretariat)
    assert KeyMessage.objects.get().cycle.year == 2016
