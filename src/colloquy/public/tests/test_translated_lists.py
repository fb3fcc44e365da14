"""Issue 16: list pages show the reader's version of record titles and mark the English fallback, like the detail
pages (core/templatetags/translated.py)."""

import pytest

from colloquy.outcomes.models import GoodPractice, Recommendation

FRENCH = "Atelier sur les envois de fonds"
MARKED_FR = '<span lang="en">{}</span> <small class="fallback">(en anglais)</small>'


@pytest.fixture
def events(make_event, make_cycle, forum):
    cycle = make_cycle(forum=forum, year=2007, overarching_theme="Labour mobility",
                       overarching_theme_fr="Mobilité de la main-d'œuvre")
    return (make_event(cycle=cycle, title="Workshop on Remittances", title_fr=FRENCH, slug="remittances"),
            make_event(cycle=cycle, title="Seminar on Return", slug="return"))


def french(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


@pytest.mark.parametrize("url", ["/events/", "/forums/idm/2007/"])
def test_a_french_event_list_shows_french_titles_and_marks_english_ones(client, events, url):
    page = french(client, url)
    assert f">{FRENCH}</a>" in page
    assert "Workshop on Remittances" not in page
    assert MARKED_FR.format("Seminar on Return") in page


def test_an_english_event_list_has_no_marker(client, events):
    page = client.get("/events/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Seminar on Return</a>" in page and ">Workshop on Remittances</a>" in page
    assert 'class="fallback"' not in page


def test_the_french_home_timeline_shows_the_french_theme_and_marks_the_english_forum_name(client, events):
    page = french(client, "/")
    assert "Mobilité de la main-d&#x27;œuvre" in page
    assert MARKED_FR.format("International Dialogue on Migration") in page


def test_the_country_page_marks_english_titles_of_hosted_events(client, events):
    page = french(client, "/countries/CHE/")
    assert f">{FRENCH}</a>" in page
    assert MARKED_FR.format("Seminar on Return") in page


def test_outcome_lists_in_french_mark_english_texts(client, events):
    remittances, returning = events
    Recommendation.objects.create(event=remittances, text="Lower the cost of transfers.",
                                  text_fr="Réduire le coût des transferts.")
    Recommendation.objects.create(event=returning, text="Offer reintegration counselling.")
    GoodPractice.objects.create(event=returning, title="One-stop return centre")
    recs = french(client, "/outcomes/recommendations/")
    assert ">Réduire le coût des transferts.</a>" in recs
    assert MARKED_FR.format("Offer reintegration counselling.") in recs
    assert f"· {FRENCH}" in recs
    practices = french(client, "/outcomes/practices/")
    assert MARKED_FR.format("One-stop return centre") in practices
    assert MARKED_FR.format("Seminar on Return") in practices
