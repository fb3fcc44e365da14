"""Theme memory: consultation deadlines, themes proposed and not selected, earlier proposals and carrying over."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from colloquy.audit.models import AuditEntry
from colloquy.ballots import memory, services
from colloquy.ballots.models import Proposal, SuggestionStatus
from colloquy.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_model(monkeypatch, settings):
    """Fuzzy titles only: the language model takes seconds to load (its path is tested where it is installed)."""
    settings.THEME_MEMORY_SEMANTIC = False


def test_a_consultation_takes_no_suggestion_after_its_deadline(focal_point, consultation_2010):
    with time_machine.travel(consultation_2010.deadline + datetime.timedelta(seconds=1)):
        assert not consultation_2010.accepts_suggestions_from(focal_point)
        with pytest.raises(DomainError, match="closed"):
            services.suggestion_submit(actor=focal_point, consultation=consultation_2010, text="Too late")


def test_a_consultation_deadline_must_be_aware_and_ahead(secretariat, make_cycle, forum):
    cycle = make_cycle(forum=forum, year=2011)
    with pytest.raises(DomainError, match="past"):
        services.consultation_create(actor=secretariat, cycle=cycle, title="T",
                                     deadline=timezone.now() - datetime.timedelta(hours=1))


def test_the_cycle_shows_the_theme_that_was_not_selected_with_its_votes(client, focal_point, earlier):
    [lost] = memory.not_selected(earlier.consultation.cycle, focal_point)
    assert lost.proposal == earlier and lost.total_votes == 1 and lost.votes[0].ballots_cast == 3
    client.force_login(focal_point)
    page = client.get(earlier.consultation.cycle.get_absolute_url()).content.decode()
    section = page[page.index('id="not-selected"'):]
    assert "South-South Migration" in section and "1 vote of 3" in section
    assert "Migration and health" not in section[:section.index("</ul>")]


def test_proposing_south_south_migration_again_shows_the_earlier_proposal_and_carries_it_over(
        client, focal_point, secretariat, earlier, consultation_2010):
    client.force_login(focal_point)
    client.post(f"/consultations/{consultation_2010.pk}/suggest/",
                {"title": "South-South migration", "text": "Corridors between developing countries."})
    page = client.get(consultation_2010.get_absolute_url()).content.decode()
    assert "Proposed before" in page and "IDM 2009" in page.replace("International Dialogue on Migration", "IDM")
    assert "not selected" in page and "1 vote of 3" in page

    client.force_login(secretariat)
    suggestion = consultation_2010.suggestions.get()
    page = client.get(consultation_2010.get_absolute_url()).content.decode()
    assert "Carry over from 2009" in page
    client.post(f"/consultations/{consultation_2010.pk}/carry-over/",
                {"source": earlier.pk, "suggestion": suggestion.pk})
    carried = Proposal.objects.get(consultation=consultation_2010)
    assert carried.carried_from == earlier and carried.title == "South-South Migration"
    assert carried.questions == ["What do South-South corridors need?"]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.MERGED and suggestion.merged_into == carried
    assert AuditEntry.objects.filter(action="proposal.carry_over").count() == 1
    assert "Carried over from" in client.get(consultation_2010.get_absolute_url()).content.decode()


def test_carrying_over_into_a_proposal_fills_it_from_the_earlier_one(secretariat, earlier, consultation_2010):
    here = services.proposal_create(actor=secretariat, consultation=consultation_2010, title="South south migration")
    [found] = memory.earlier_proposals(consultation_2010, here.title, secretariat)
    assert found.proposal == earlier and found.how == "title" and not found.selected
    services.proposal_carry_over(actor=secretariat, source=earlier, consultation=consultation_2010, into=here)
    here.refresh_from_db()
    assert here.carried_from == earlier and here.rationale == earlier.rationale
    with pytest.raises(DomainError, match="already carried over"):
        services.proposal_carry_over(actor=secretariat, source=earlier, consultation=consultation_2010)


def test_an_unrelated_title_has_no_history(secretariat, earlier, consultation_2010):
    assert memory.earlier_proposals(consultation_2010, "Labour mobility and skills", secretariat) == []


def test_a_later_proposal_cannot_be_carried_back(secretariat, earlier, consultation_2010):
    later = services.proposal_create(actor=secretariat, consultation=consultation_2010, title="Diaspora bonds")
    with pytest.raises(DomainError, match="earlier cycle"):
        services.proposal_carry_over(actor=secretariat, source=later, consultation=earlier.consultation)


def test_only_the_secretariat_carries_over(client, focal_point, earlier, consultation_2010):
    client.force_login(focal_point)
    answer = client.post(f"/consultations/{consultation_2010.pk}/carry-over/", {"source": earlier.pk})
    assert answer.status_code == 403 and not Proposal.objects.filter(consultation=consultation_2010).exists()


@pytest.mark.semantic
@pytest.mark.slow  # loads torch and MiniLM: 2–10 s, once per process
def test_a_theme_worded_differently_is_found_by_meaning(secretariat, earlier, consultation_2010, settings):
    from colloquy.core import embeddings

    if not embeddings.usable():
        pytest.skip("the [semantic] extra is not installed")
    settings.THEME_MEMORY_SEMANTIC = True
    found = memory.earlier_proposals(consultation_2010, "Migration among countries of the global South", secretariat)
    assert [m.proposal for m in found] == [earlier] and found[0].how == "meaning"


def _bearer(user):
    from colloquy.accounts.models import ApiToken

    return {"Authorization": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


def test_the_api_finds_the_earlier_proposal_lists_the_not_selected_and_carries_over(
        client, focal_point, secretariat, earlier, consultation_2010):
    found = client.get(f"/api/ballots/consultations/{consultation_2010.pk}/proposed-before",
                       {"title": "south-south migration"}, headers=_bearer(focal_point))
    assert found.status_code == 200
    [row] = found.json()
    assert row["proposal_id"] == earlier.pk and row["cycle_year"] == 2009
    assert row["selected"] is False and row["total_votes"] == 1 and row["matched_on"] == "title"

    lost = client.get(f"/api/ballots/cycles/{earlier.consultation.cycle.pk}/not-selected",
                      headers=_bearer(focal_point)).json()
    assert [r["title"] for r in lost] == ["South-South Migration"]

    path = f"/api/ballots/consultations/{consultation_2010.pk}/carry-over"
    refused = client.post(path, {"source_proposal_id": earlier.pk}, content_type="application/json",
                          headers=_bearer(focal_point))
    assert refused.status_code == 403
    made = client.post(path, {"source_proposal_id": earlier.pk}, content_type="application/json",
                       headers=_bearer(secretariat))
    assert made.status_code == 201 and made.json()["carried_from_id"] == earlier.pk
    again = client.post(path, {"source_proposal_id": earlier.pk}, content_type="application/json",
                        headers=_bearer(secretariat))
    assert again.status_code == 400 and "already carried over" in again.json()["detail"]
    assert AuditEntry.objects.filter(action="proposal.carry_over").count() == 1
