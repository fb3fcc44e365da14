"""French and Spanish entries are indexed with their own snowball stemmer (SQLite: stem tokens; PostgreSQL:
the `colloquy_french`/`colloquy_spanish` configurations), and a French or Spanish query finds them by stem."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from colloquy.dialogues.models import Document
from colloquy.search.models import SearchEntry
from colloquy.search.services import search_run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def interface_language_reset():
    """The test client runs requests in this thread, and LocaleMiddleware leaves their language active."""
    yield
    translation.deactivate()


@pytest.fixture
def documents():
    def make(language, title, text):
        return Document.objects.create(title=title, language=language, text=text, doc_type="discussion_note")
    return {
        "fr": make("fr", "Note sur la mobilité de la main-d'œuvre",
                   "Les travailleurs migrants nationaux et les politiques européennes de mobilité."),
        "es": make("es", "Nota sobre la movilidad laboral", "Los trabajadores migrantes y la protección social."),
        "en": make("en", "Note on labour mobility", "National labour migration policies and European mobility."),
    }


def _found(q, language, kind="passage"):
    return {h.object_id for h in search_run(q=q, actor=None, language=language, filters={"kind": [kind]}).hits}


def test_a_french_query_finds_a_french_word_by_its_french_stem(documents):
    # French snowball: nationaux and national are one stem; English stemming keeps them apart.
    assert documents["fr"].pk in _found("national", "fr")
    assert documents["fr"].pk in _found("européen", "fr")
    assert documents["fr"].pk in _found("travailleur", "fr")
    assert documents["fr"].pk not in _found("national", "")  # English rules alone do not find it


def test_a_spanish_query_finds_a_spanish_word_by_its_spanish_stem(documents):
    assert documents["es"].pk in _found("trabajadora", "es")
    assert documents["es"].pk not in _found("trabajadora", "")


def test_english_entries_are_not_indexed_with_french_stems(documents):
    english = documents["en"].pk
    assert english in _found("national", "fr")  # its own English words still match
    assert english not in _found("nationaux", "fr")  # French stems are for French entries


def test_the_query_language_follows_the_interface_or_lang(client, documents):
    french = documents["fr"]
    assert f"/documents/{french.pk}/" in client.get("/search/", {"q": "nationaux national", "lang": "fr"}).content.decode()
    client.cookies["django_language"] = "fr"
    body = client.get("/api/search", {"q": "européen", "kind": "passage"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french.pk in {h["id"] for h in body["hits"]}


def test_french_entries_carry_their_language_token_and_english_ones_none(documents):
    tags = dict(SearchEntry.objects.filter(kind="passage").values_list("object_id", "tags"))
    assert " xlfr" in tags[documents["fr"].pk] and " xles" in tags[documents["es"].pk]
    assert "xl" not in tags[documents["en"].pk].replace("xk", "")


def test_the_cli_takes_the_query_language(documents):
    out = StringIO()
    call_command("search", "national", "--lang", "fr", "--kind", "passage", "--json", stdout=out)
    assert documents["fr"].pk in {h["id"] for h in json.loads(out.getvalue())["hits"]}
