"""Decisions after the tally: adopt the winner (sets the cycle theme / creates workshop topics) or no decision."""

from io import StringIO

import pytest
from django.core.management import call_command

from colloquy.audit.models import AuditEntry
from colloquy.ballots import services
from colloquy.ballots.models import DecisionOutcome
from colloquy.ballots.tests.conftest import option_ids
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.dialogues.models import Cycle, Theme


@pytest.fixture
def closed(make_ballot, make_member, secretariat, ghana, focal_point):
    def make(votes, **kw):
        members = [(ghana, focal_point)] + [make_member(code) for code in ("KEN", "BRA", "FRA")]
        ballot = make_ballot(**kw)
        ids = option_ids(ballot)
        for (org, fp), choice in zip(members, votes, strict=False):
            services.ballot_cast(ballot=ballot, member=org, choices=[ids[i] for i in choice], actor=fp)
        return services.ballot_close(actor=secretariat, ballot=ballot)

    return make


def test_adopting_the_winner_sets_the_cycle_theme_and_links_back(closed, secretariat, cycle):
    ballot = closed([[1], [1], [0]])
    decision = services.ballot_decide(actor=secretariat, ballot=ballot, rationale="A clear majority of members.")
    cycle.refresh_from_db()
    assert decision.outcome == DecisionOutcome.ADOPTED
    assert cycle.overarching_theme == "Migrant integration"
    assert cycle.theme_rationale == "A clear majority of members."
    assert cycle.state == "active"
    theme = decision.themes.get()
    assert (theme.title, theme.level, theme.status) == ("Migrant integration", "overarching", "selected")
    assert theme.ballot_decisions.get().ballot == ballot
    ballot.refresh_from_db()
    assert ballot.state == "decided"
    assert AuditEntry.objects.filter(action="ballot.decide").exists()
    assert AuditEntry.objects.filter(action="cycle.set_theme").exists()


def test_adopting_is_refused_when_quorum_fails(closed, secretariat):
    ballot = closed([[0]], quorum_percent=50)  # 1 of 4
    with pytest.raises(DomainError, match=r"Quorum was not met \(1 of 4 eligible organizations voted; 2 needed\)"):
        services.ballot_decide(actor=secretariat, ballot=ballot, rationale="x")


def test_no_decision_is_recorded_with_its_rationale_when_quorum_fails(closed, secretariat, cycle):
    ballot = closed([[0]], quorum_percent=50)
    decision = services.ballot_decide(actor=secretariat, ballot=ballot, adopt=False,
                                      rationale="Quorum not reached; informal consultations will continue.")
    assert decision.outcome == DecisionOutcome.NO_DECISION
    assert decision.quorum_met is False
    cycle.refresh_from_db()
    assert cycle.overarching_theme == ""
    assert not Theme.objects.exists()


def test_workshop_topic_ballot_creates_the_top_topics(closed, secretariat, cycle):
    ballot = closed([[0, 2], [2], [0, 1], [2]], method="approval", max_choices=2, level="workshop_topic", seats=2,
                    title="Workshop topics 2027")
    decision = services.ballot_decide(actor=secretariat, ballot=ballot, rationale="The two most approved topics.")
    topics = Theme.objects.filter(cycle=cycle, level="workshop_topic", status="selected")
    assert sorted(topics.values_list("title", flat=True)) == ["Climate and mobility", "Migration and health"]
    assert set(decision.themes.all()) == set(topics)
    cycle.refresh_from_db()
    assert cycle.overarching_theme == ""


def test_a_decision_needs_a_rationale_and_a_closed_ballot(make_ballot, closed, secretariat):
    with pytest.raises(DomainError, match="rationale"):
        services.ballot_decide(actor=secretariat, ballot=closed([[0], [0]]), rationale=" ")
    with pytest.raises(DomainError, match="Cannot change status from Open to Decided"):
        services.ballot_decide(actor=secretariat, ballot=make_ballot(title="Still open"), rationale="Too early")


def test_focal_point_cannot_record_a_decision(closed, focal_point):
    with pytest.raises(PermissionDenied):
        services.ballot_decide(actor=focal_point, ballot=closed([[0], [0]]), rationale="Mine")


def test_cli_records_the_decision(closed, cycle):
    ballot = closed([[2], [2], [2]])
    out = StringIO()
    call_command("ballot_decide", str(ballot.pk), "--rationale", "Consensus", stdout=out)
    assert "Adopted (Climate and mobility)" in out.getvalue()
    cycle.refresh_from_db()
    assert cycle.overarching_theme == "Climate and mobility"


def test_the_cycle_page_shows_the_decision_and_links_back_to_the_ballot(client, closed, secretariat, cycle):
    ballot = closed([[1], [1], [0]])
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert "Overarching theme 2027" in page and "not yet decided" in page  # closed, nothing decided yet
    services.ballot_decide(actor=secretariat, ballot=ballot, rationale="A clear majority of members.")
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert "not yet decided" not in page
    assert f'href="/ballots/{ballot.pk}/results/"' in page
    assert "Adopted</strong>" in page and "<li>Migrant integration</li>" in page
    assert "A clear majority of members." in page


def test_a_decision_on_a_concluded_cycle_sets_its_theme_and_leaves_it_concluded(closed, secretariat, cycle):
    ballot = closed([[1], [1], [0]])
    Cycle.objects.filter(pk=cycle.pk).update(state="concluded")
    services.ballot_decide(actor=secretariat, ballot=ballot, rationale="Recorded late.")
    cycle.refresh_from_db()
    assert (cycle.overarching_theme, cycle.state) == ("Migrant integration", "concluded")
    assert AuditEntry.objects.filter(action="theme.create", target_id=str(Theme.objects.get(cycle=cycle).pk)).exists()
