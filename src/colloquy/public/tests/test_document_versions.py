"""Language versions of a document (same symbol, another language): the document page offers them, the
API lists them, search shows one result per symbol (ingestion: ingest/tests/test_language_versions.py)."""

import pytest

from colloquy.dialogues.models import Document, DocumentAccess
from colloquy.dialogues.versions import language_versions
from colloquy.search.services import search_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def note_in_three_languages():
    def make(language, title, text):
        return Document.objects.create(symbol="IC/2007/7", language=language, title=title, text=text,
                                       doc_type="discussion_note")
    return {
        "en": make("en", "Return migration and reintegration", "Reintegration of returning migrants needs support."),
        "fr": make("fr", "Migration de retour et réintégration", "La réintégration des migrants de retour."),
        "es": make("es", "Migración de retorno y reintegración", "La reintegración de los migrantes retornados."),
    }


def test_document_page_offers_the_other_languages_named_in_themselves(client, note_in_three_languages):
    english = note_in_three_languages["en"]
    html = client.get(english.get_absolute_url()).content.decode()
    french, spanish = note_in_three_languages["fr"], note_in_three_languages["es"]
    assert f'<a href="{french.get_absolute_url()}" hreflang="fr" lang="fr">Français</a>' in html
    assert f'<a href="{spanish.get_absolute_url()}" hreflang="es" lang="es">Español</a>' in html
    assert f'<link rel="alternate" hreflang="fr" href="{french.get_absolute_url()}">' in html
    assert 'hreflang="en" lang="en">English</a>' not in html  # not itself


def test_a_document_without_a_symbol_has_no_versions(client):
    alone = Document.objects.create(title="Untitled note", language="en")
    Document.objects.create(title="Note sans cote", language="fr")
    assert language_versions(alone, None) == []
    assert "Also available in" not in client.get(alone.get_absolute_url()).content.decode()


def test_a_restricted_version_is_not_offered_to_anonymous_visitors(client, note_in_three_languages):
    Document.objects.filter(pk=note_in_three_languages["es"].pk).update(access=DocumentAccess.RESTRICTED)
    html = client.get(note_in_three_languages["en"].get_absolute_url()).content.decode()
    assert 'hreflang="fr"' in html and 'hreflang="es"' not in html


def test_api_lists_each_documents_versions(client, note_in_three_languages):
    english = note_in_three_languages["en"]
    body = client.get(f"/api/documents/{english.pk}").json()
    assert [(v["language"], v["language_name"]) for v in body["versions"]] == [("es", "Español"), ("fr", "Français")]
    listed = {d["id"]: d for d in client.get("/api/documents").json()}
    assert {v["language"] for v in listed[note_in_three_languages["fr"].pk]["versions"]} == {"en", "es"}


def test_search_shows_one_result_per_symbol_with_its_languages(note_in_three_languages):
    result = search_run(q="reintegration", actor=None, filters={"kind": ["document"]})
    hits = [h for h in result.hits if h.kind == "document"]
    assert len(hits) == 1
    assert [v.language for v in hits[0].versions] == ["en", "es", "fr"]


def test_search_api_lists_the_languages_of_a_grouped_hit(client, note_in_three_languages):
    body = client.get("/api/search", {"q": "reintegration", "kind": "document"}).json()
    assert len(body["hits"]) == 1
    assert [v["language_name"] for v in body["hits"][0]["languages"]] == ["English", "Español", "Français"]


def test_search_page_lists_the_languages_of_a_grouped_hit(client, note_in_three_languages):
    html = client.get("/search/", {"q": "reintegration", "kind": "document"}).content.decode()
    french = note_in_three_languages["fr"]
    assert f'<a href="{french.get_absolute_url()}" hreflang="fr" lang="fr">Français</a>' in html
    assert html.count('class="hit hit-document"') == 1
