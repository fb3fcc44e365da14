"""Issue 16, item 4: records in English, French and Spanish (core/translated.py, docs/translation.md)."""

import pytest
from django.utils import translation

from colloquy.core.translated import version
from colloquy.dialogues.models import Event

FRENCH = "Atelier sur la migration de main-d'œuvre"


@pytest.fixture
def event(make_event):
    return make_event(title="Workshop on Labour Migration", title_fr=FRENCH,
                      description="Who came and why.", slug="labour-migration-workshop")


def test_a_record_reads_in_the_active_language_and_falls_back_to_english(event):
    event = Event.objects.get(pk=event.pk)
    with translation.override("fr"):
        assert event.title == FRENCH
        assert version(event, "title").fallback == ""
    with translation.override("es"):
        assert event.title == "Workshop on Labour Migration"
        assert version(event, "title").fallback == "en"
    with translation.override("en"):
        assert event.title == "Workshop on Labour Migration"
        assert version(event, "title").fallback == ""


def test_writing_the_plain_name_in_a_french_request_changes_the_english_original(event):
    with translation.override("fr"):
        event.title = "Workshop on Labour Migration and Skills"
        event.save()
    event.refresh_from_db()
    assert (event.title_en, event.title_fr) == ("Workshop on Labour Migration and Skills", FRENCH)
    created = None
    with translation.override("es"):
        created = Event.objects.create(cycle=event.cycle, title="Seminar on Remittances")
    created.refresh_from_db()
    assert (created.title_en, created.title_es) == ("Seminar on Remittances", None)


def test_the_event_page_in_french_shows_the_french_title_and_marks_the_english_description(client, event):
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"<h1>{FRENCH.replace(chr(39), '&#x27;')}</h1>" in page
    assert '<p lang="en">Who came and why.</p><small class="fallback">(en anglais)</small>' in page


def test_the_event_page_in_spanish_marks_the_english_title(client, event):
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert ('<h1><span lang="en">Workshop on Labour Migration</span> <small class="fallback">(en inglés)</small></h1>'
            in page)


def test_the_event_page_in_english_has_no_marker(client, event):
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Workshop on Labour Migration</h1>" in page
    assert 'class="fallback"' not in page


def test_the_api_takes_lang_and_accept_language(client, event):
    assert client.get(f"/api/events/{event.slug}?lang=fr").json()["title"] == FRENCH
    assert client.get(f"/api/events/{event.slug}", HTTP_ACCEPT_LANGUAGE="fr").json()["title"] == FRENCH
    assert client.get(f"/api/events/{event.slug}?lang=fr", HTTP_ACCEPT_LANGUAGE="es").json()["title"] == FRENCH
    event.title_es = "Taller sobre migración laboral"
    event.save()
    spanish = client.get(f"/api/events/{event.slug}", HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.json()["title"] == "Taller sobre migración laboral"
    assert "accept-language" in spanish["Vary"].lower()
    assert client.get(f"/api/events/{event.slug}").json()["title"] == "Workshop on Labour Migration"
    assert client.get(f"/api/events/{event.slug}?lang=de").json()["title"] == "Workshop on Labour Migration"


def test_the_migration_kept_existing_text_as_the_english_version(event):
    # the column modeltranslation leaves in place holds English too, for anything that reads it unrewritten
    row = Event.objects.rewrite(False).values("title", "title_en").get(pk=event.pk)
    assert row == {"title": "Workshop on Labour Migration", "title_en": "Workshop on Labour Migration"}


def test_search_indexes_the_english_original_when_a_french_request_saves(event):
    # loaded only here: search is a later layer than dialogues
    from colloquy.search.models import SearchEntry

    with translation.override("fr"):
        event.description = "Who came, and why they came."
        event.save()
    assert SearchEntry.objects.get(kind="event", object_id=event.pk).title == "Workshop on Labour Migration"


def test_lookups_by_the_plain_name_mean_english_in_any_language(event):
    with translation.override("fr"):
        assert Event.objects.filter(title="Workshop on Labour Migration").get() == event
        assert not Event.objects.filter(title=FRENCH).exists()
        Event.objects.filter(pk=event.pk).update(title="Workshop on Labour Mobility")
        assert list(Event.objects.filter(pk=event.pk).values_list("title", flat=True)) == [FRENCH]
    event.refresh_from_db()
    assert (event.title_en, event.title_fr) == ("Workshop on Labour Mobility", FRENCH)


def test_the_event_list_finds_an_event_by_its_title_in_any_language(client, event, make_event):
    make_event(title="Seminar on remittances")
    for words in ("Labour Migration", "main-d'œuvre"):
        page = client.get("/events/", {"q": words}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert event.get_absolute_url() in page and "Seminar on remittances" not in page, words
