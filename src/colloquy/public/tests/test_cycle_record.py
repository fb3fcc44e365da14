"""The cycle page is the linked record: theme selection (consultations, ballots, decisions) before the events,
then what the events concluded and how far members implemented it."""

import datetime

import pytest
from django.utils import timezone

from colloquy.ballots.models import Ballot, BallotState, Consultation, Decision, DecisionOutcome, Proposal
from colloquy.dialogues.models import Theme
from colloquy.outcomes.models import KeyMessage, Recommendation
from colloquy.outcomes.services.reports import recommendation_report_progress


@pytest.fixture
def record(forum, make_cycle, make_event, ghana, make_government):
    cycle = make_cycle(forum=forum, year=2019, overarching_theme="Youth and migration")
    consultation = Consultation.objects.create(cycle=cycle, title="Consultation on the 2019 theme")
    Proposal.objects.create(consultation=consultation, title="Youth and migration")
    closes = timezone.now() - datetime.timedelta(days=3)
    decided = Ballot.objects.create(cycle=cycle, consultation=consultation, title="Overarching theme 2019",
                                    closes_at=closes, opened_at=closes - datetime.timedelta(days=14), state=BallotState.DECIDED)
    theme = Theme.objects.create(cycle=cycle, title="Youth and migration")
    decision = Decision.objects.create(ballot=decided, outcome=DecisionOutcome.ADOPTED, quorum_met=True,
                                       rationale="A clear majority on a quorate ballot.")
    decision.themes.add(theme)
    Ballot.objects.create(cycle=cycle, title="Draft ballot on workshop topics", closes_at=timezone.now(), state=BallotState.DRAFT)
    event = make_event(cycle=cycle, title="Workshop on youth mobility")
    KeyMessage.objects.create(event=event, cycle=cycle, text="Young migrants need recognised skills.", order=1)
    rec = Recommendation.objects.create(event=event, cycle=cycle, text="Recognise the skills of young migrants.", addressee="states")
    rec.addressed_organizations.add(ghana, make_government("SEN"))
    Recommendation.objects.create(event=event, cycle=cycle, text="A draft recommendation.", addressee="states", published=False)
    return {"cycle": cycle, "rec": rec}


def test_cycle_page_shows_the_ballot_and_its_decision_before_the_events(client, record):
    html = client.get(record["cycle"].get_absolute_url()).content.decode()
    assert html.index('id="theme-selection"') < html.index("Workshop on youth mobility") < html.index('id="cycle-outcomes"')
    assert "Overarching theme 2019" in html and "A clear majority on a quorate ballot." in html
    assert "Adopted</strong>" in html and "<li>Youth and migration</li>" in html
    assert "Draft ballot on workshop topics" not in html  # never opened: not published


def test_consultations_on_the_cycle_page_are_for_members_only(client, record, focal_point):
    assert "Consultation on the 2019 theme" not in client.get(record["cycle"].get_absolute_url()).content.decode()
    client.force_login(focal_point)
    html = client.get(record["cycle"].get_absolute_url()).content.decode()
    assert "Consultation on the 2019 theme" in html and "1 proposal" in html


def test_cycle_page_counts_published_outcomes_and_the_follow_up_status(client, record, focal_point, ghana):
    recommendation_report_progress(recommendation=record["rec"], organization=ghana, status="implemented",
                                   narrative="Skills recognised by decree.", actor=focal_point)
    html = client.get(record["cycle"].get_absolute_url()).content.decode()
    assert "1 key message" in html and "1 recommendation<" in html  # the draft one is not counted
    followup = html[html.index('id="cycle-followup"'):]
    followup = followup[:followup.index("</table>")]
    assert "latest status of 2 tracked items" in followup  # one recommendation, two addressed States
    cells = [c.split("</td>")[0] for c in followup.split("<td>")[1:]]
    assert cells == ["0", "0", "1", "0", "1", "50 %"]  # not started, in progress, implemented, n/a, no report, share


def test_a_cycle_with_no_ballots_and_no_outcomes_shows_neither_section(client, forum, make_cycle, make_event):
    cycle = make_cycle(forum=forum, year=2003)
    make_event(cycle=cycle)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert 'id="theme-selection"' not in html and 'id="cycle-outcomes"' not in html
