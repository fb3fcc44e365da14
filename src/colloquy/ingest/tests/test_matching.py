"""Proposals are matched to the existing record before review; accepting a match links it (empty fields filled,
audited, cited) and never creates a duplicate (invented documents; the corpus test reads ../shared)."""

import datetime

import pytest
from django.urls import reverse

from colloquy.audit.models import AuditEntry
from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import Event, citations_for
from colloquy.ingest.matching import match_event, plain
from colloquy.ingest.models import MatchType, Proposal, ProposalKind, ProposalStatus
from colloquy.ingest.services import ingest_bytes, proposal_accept, proposals_bulk
from colloquy.outcomes.models import KeyMessage

pytestmark = pytest.mark.django_db

REPORT = """{title}

{city}, 3 May 2019

1. The {title} was held in {city} on 3 May 2019. Over 120 participants attended, representing 40 governments and 12 international organizations.

2. The workshop was opened by Ms. Ingrid Solberg, Director of Policy at the Migration Research Centre.

3. Participants agreed that fair recruitment protects migrant workers and their families.
"""


def _ingest(name="a.txt", title="Second Workshop on Labour Migration", city="Geneva", note=""):
    text = REPORT.format(title=title, city=city) + note
    return ingest_bytes(data=text.encode(), name=name, actor=SYSTEM).document.source_file


def _event_proposal(source):
    return Proposal.objects.get(source=source, kind=ProposalKind.EVENT)


def test_titles_are_compared_with_ordinals_as_numbers_and_without_accents():
    assert plain("Second Meeting of the Global Forum") == plain("2nd meeting of the global forum") == "2 meeting of the global forum"
    assert plain("Rencontre à Genève") == "rencontre a geneve"


def test_an_event_matches_by_title_overlapping_dates_and_city(make_event):
    record = make_event(title="2nd Workshop on Labour Migration", start_date=datetime.date(2019, 5, 2),
                        end_date=datetime.date(2019, 5, 4), city="Geneva")
    match, candidates = match_event(title="Second Workshop on Labour Migration", start="2019-05-03", city="Geneva")
    assert (match, candidates[0]["id"]) == (MatchType.EXACT, record.pk)
    assert candidates[0]["url"] == record.get_absolute_url()
    assert match_event(title="Second Workshop on Labour Migration", start="2019-05-03", city="Bern")[0] == MatchType.NEW
    assert match_event(title="Second Workshop on Labour Migration", start="2019-06-03", city="Geneva")[0] == MatchType.NEW
    assert match_event(title="Workshop on Diaspora Bonds", start="2019-05-03", city="Geneva")[0] == MatchType.NEW


def test_an_undated_record_of_the_same_year_matches_only_a_near_identical_title(make_event, make_cycle):
    record = make_event(title="Free Movement of Persons", start_date=None, end_date=None, city="",
                        cycle=make_cycle(year=2019))
    assert match_event(title="Free Movement of Persons", start="2019-05-03", city="Geneva")[1][0]["id"] == record.pk
    assert match_event(title="Free Movement of Persons", start="2019-05-03")[0] == MatchType.EXACT
    assert match_event(title="Free Movement of Persons", start="2020-05-03")[0] == MatchType.NEW
    # an undated proposal filed under another year is only a candidate: the reviewer decides
    assert match_event(title="Free Movement of Persons", year=2008)[0] == MatchType.AMBIGUOUS


def test_the_review_screen_shows_same_as_with_a_link_to_the_record(client, secretariat, make_event):
    record = make_event(title="2nd Workshop on Labour Migration", start_date=datetime.date(2019, 5, 3), city="Geneva")
    source = _ingest()
    assert _event_proposal(source).match == MatchType.EXACT
    client.force_login(secretariat)
    page = client.get(reverse("ingest:document", args=[source.pk]), {"kind": "event"}).content.decode()
    assert "Same as:" in page and f'href="{record.get_absolute_url()}"' in page


def test_accepting_a_matched_event_fills_only_empty_fields_audited_and_cites_it(secretariat, make_event):
    record = make_event(title="2nd Workshop on Labour Migration", start_date=datetime.date(2019, 5, 3), city="Geneva",
                        venue="", participants_total=None, description="Kept as it was.")
    source = _ingest()
    proposal_accept(proposal=_event_proposal(source), actor=secretariat)
    assert Event.objects.count() == 1
    record.refresh_from_db()
    assert (record.title, record.participants_total, record.description) == (
        "2nd Workshop on Labour Migration", 120, "Kept as it was.")
    update = AuditEntry.objects.get(action="event.update", target_id=str(record.pk))
    assert update.before["participants_total"] is None and update.after["participants_total"] == 120
    assert citations_for(record).get().document.source_file == source
    assert _event_proposal(source).target == record


def test_a_second_report_of_an_accepted_event_links_to_it_and_its_outcome_is_not_copied(secretariat):
    first, second = _ingest("a.txt"), _ingest("b.txt", note="\nIssued by the rapporteur.\n")  # one meeting, two reports
    for source in (first, second):
        done, problems = proposals_bulk(document=source.document, actor=secretariat, action="accept",
                                        ids=list(source.proposals.values_list("pk", flat=True)))
        assert (done, problems) == (source.proposals.count(), [])
    assert Event.objects.count() == 1 and KeyMessage.objects.count() == 1
    assert len(citations_for(Event.objects.get())) == 2
    message = Proposal.objects.get(source=second, kind=ProposalKind.KEY_MESSAGE)
    assert message.target == KeyMessage.objects.get()


def test_a_person_among_namesakes_matches_by_affiliation(make_person, make_organization):
    centre = make_organization(name="Migration Research Centre")
    make_person(name="Ingrid Solberg", organization=make_organization(name="Elsewhere Institute"))
    same = make_person(name="Ingrid Solberg", organization=centre)
    person = Proposal.objects.get(source=_ingest(), kind=ProposalKind.PERSON)
    assert (person.match, person.candidates[0]["id"]) == (MatchType.EXACT, same.pk)


@pytest.mark.slow
def test_ingesting_the_corpus_into_the_demo_archive_and_accepting_everything_copies_no_event(corpus_dir, secretariat):
    from rapidfuzz import fuzz

    from colloquy.demo.loader import load_demo

    load_demo()
    demo = {e.pk: e for e in Event.objects.all()}
    assert len(demo) >= 84
    for path in sorted(corpus_dir.glob("*.txt")):
        source = ingest_bytes(data=path.read_bytes(), name=path.name, actor=SYSTEM).document.source_file
        pending = list(source.proposals.pending().values_list("pk", flat=True))
        proposals_bulk(document=source.document, actor=secretariat, action="accept", ids=pending)
    new = Event.objects.exclude(pk__in=demo)
    # Meetings of the demo archive these documents report (facts: title, dates, city); each is still one record.
    for title, day, city in [("First Meeting of the Global Forum on Migration and Development", "2007-07-09", "Brussels"),
                             ("2nd Global Forum on Migration and Development", "2008-10-27", "Manila"),
                             ("Free Movement of Persons in Regional Integration Processes", None, ""),
                             ("Expert Seminar on Migration and the Environment", None, "Bangkok")]:
        record = Event.objects.get(title=title)
        assert record.pk in demo
        linked = Proposal.objects.filter(kind=ProposalKind.EVENT, status=ProposalStatus.ACCEPTED, target_id=record.pk)
        assert linked.exists(), title
        if day:
            assert not new.filter(start_date=day, city=city).exists(), title
    # No new event repeats a demo event: same known start date and a similar title, or the same title in its year.
    for event in new:
        for other in demo.values():
            same_day = event.start_date and event.start_date == other.start_date
            ratio = fuzz.token_set_ratio(plain(event.title), plain(other.title))
            assert not (same_day and ratio >= 80), (event.title, other.title)
            assert not (plain(event.title) == plain(other.title) and event.cycle.year == other.cycle.year), event.title


def test_an_undated_title_is_a_candidate_in_another_year_only_if_it_is_the_same_or_contained(make_event, make_cycle):
    series = make_event(title="Key Migration Issues: Labour Migration (with ILO)", start_date=datetime.date(2006, 3, 15))
    make_event(title="First High-level Dialogue on International Migration and Development",
               start_date=datetime.date(2006, 9, 14))
    match, candidates = match_event(title="Labour Migration", year=2008)
    assert (match, [c["id"] for c in candidates]) == (MatchType.AMBIGUOUS, [series.pk])
    assert match_event(title="International Migration Law", year=2008) == (MatchType.NEW, [])
