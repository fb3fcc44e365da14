"""Issue 16: an adopted theme and the cycle's overarching theme keep the French and Spanish titles of the proposal
they came from (ballots/services/decisions.py)."""

import datetime

import pytest
from django.utils import timezone, translation

from colloquy.ballots import services
from colloquy.dialogues.models import Cycle


def decide_on(secretariat, cycle, ghana, focal_point, relabel=False, language="en"):
    consultation = services.consultation_create(actor=secretariat, cycle=cycle, title="Overarching theme")
    proposal = services.proposal_create(actor=secretariat, consultation=consultation, title="Migration and health",
                                        versions={"title_fr": "Migration et santé", "title_es": "Migración y salud"})
    services.proposal_create(actor=secretariat, consultation=consultation, title="South-South migration")
    with translation.override(language):
        ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme", method="single",
                                        consultation=consultation,
                                        closes_at=timezone.now() + datetime.timedelta(days=1), quorum_percent=0)
    option = ballot.options.get(proposal=proposal)
    if relabel:
        option.label = "Health of migrants"
        option.save()
    services.ballot_open(actor=secretariat, ballot=ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option.pk], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    return services.ballot_decide(actor=secretariat, ballot=ballot, rationale="Most votes.")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_adopting_a_proposal_keeps_its_three_versions(secretariat, cycle, ghana, focal_point, language):
    theme = decide_on(secretariat, cycle, ghana, focal_point, language=language).themes.get()
    assert (theme.title_en, theme.title_fr, theme.title_es) == ("Migration and health", "Migration et santé",
                                                                "Migración y salud")
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert (cycle.overarching_theme_en, cycle.overarching_theme_fr, cycle.overarching_theme_es) == (
        "Migration and health", "Migration et santé", "Migración y salud")


def test_a_relabelled_option_adopts_english_only(secretariat, cycle, ghana, focal_point):
    theme = decide_on(secretariat, cycle, ghana, focal_point, relabel=True).themes.get()
    assert (theme.title_en, theme.title_fr, theme.title_es) == ("Health of migrants", None, None)
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert (cycle.overarching_theme_en, cycle.overarching_theme_fr) == ("Health of migrants", None)
