"""The demo carries French and Spanish titles for the IDM forum, its cycle themes and the demonstration records
(issue 16, item 4; demo/translations.py)."""

from django.utils import translation

from colloquy.ballots.models import Proposal
from colloquy.dialogues.models import Cycle, Event, Forum
from colloquy.outcomes.models import GoodPractice, Recommendation


def test_the_demo_names_the_idm_in_french_and_spanish(demo_archive, db):
    idm = Forum.objects.get(slug="idm")
    assert (idm.name_fr, idm.name_es) == ("Dialogue international sur la migration",
                                          "Diálogo Internacional sobre la Migración")
    themes = Cycle.objects.filter(forum=idm, overarching_theme_en__gt="")  # the cycles with a theme
    assert themes.count() == 15 and not themes.filter(overarching_theme_fr=None).exists()
    assert not themes.filter(overarching_theme_es=None).exists()
    with translation.override("es"):
        assert Cycle.objects.get(forum=idm, year=2010).overarching_theme == "Migración y cambio social"


def test_the_demonstration_records_have_french_and_spanish_versions(demo_archive, db):
    upcoming = Event.objects.get(title_en="Demonstration workshop: migration data for policy")
    assert upcoming.title_fr.startswith("Atelier de démonstration") and upcoming.description_es.startswith("Registro")
    assert GoodPractice.objects.exclude(title_fr=None).count() == 1
    assert Proposal.objects.filter(title_es=None).count() == 0 and Proposal.objects.filter(rationale_fr=None).count() == 0
    # one recommendation is left without French, so the demo shows the "(in English)" marker
    assert Recommendation.objects.filter(text_fr=None).count() == 1
    assert Recommendation.objects.filter(text_es=None).count() == 0


def test_a_second_load_changes_nothing(demo_archive, db):
    # loaded only here: the loader is what this test re-runs
    from colloquy.demo.translations import load_translations

    before = list(Forum.objects.values_list("name_en", "name_fr", "name_es").order_by("slug"))
    load_translations()
    assert list(Forum.objects.values_list("name_en", "name_fr", "name_es").order_by("slug")) == before
