"""The query language, and hostile input: never an engine error, always a result or a message."""

import pytest

from colloquy.search.query import parse, to_fts5, to_tsquery

HOSTILE = [
    '"unbalanced quote',
    'a "b',
    '"',
    "-",
    "*",
    "- * ( ) : ^ AND OR NOT NEAR",
    "NEAR(a b)",
    "title:foo",
    "{title}: x",
    "'; DROP TABLE search_entry; --",
    "x" * 10_000,
    "migration " * 2000,
    "\x00\x01\x1b[31mred\x7f",
    "ü" * 300,
    "!!!! &&&& ||||",
    "a:* <-> b",
    "  ",
    "🙂 migrants 🙂",
    "-migration",
    "the of and",
]


def test_words_phrases_prefixes_and_exclusions():
    query = parse('labour "diaspora bonds" integr* -Asia -"brain drain"')
    assert [str(t) for t in query.include] == ["labour", '"diaspora bonds"', "integr*"]
    assert [str(t) for t in query.exclude] == ["asia", '"brain drain"']


def test_accents_are_folded():
    assert parse("Réfugiés niños ÇA").terms == ["refugies", "ninos", "ca"]


def test_unbalanced_quote_reads_rest_as_phrase_with_a_notice():
    query = parse('remittances "mobile money')
    assert [str(t) for t in query.include] == ["remittances", '"mobile money"']
    assert query.notices


def test_exclusion_only_query_gets_a_message():
    query = parse("-asia")
    assert query.is_empty and "cannot only exclude" in query.error


def test_very_long_query_is_cut_with_a_notice():
    query = parse("word " * 5000)
    assert query.notices and len(query.include) == 1


@pytest.mark.parametrize("raw", HOSTILE)
def test_rendered_queries_contain_only_safe_characters(raw):
    query = parse(raw)
    if query.is_empty:
        assert query.error or not raw.strip()
        return
    fts = to_fts5(query)
    assert "'" not in fts and ";" not in fts
    _, params = to_tsquery(query)
    for param in params:
        assert set(param) <= set("abcdefghijklmnopqrstuvwxyz0123456789 <->:*") | {c for c in param if c.isalnum()}


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_queries_never_raise_on_this_database(archive, run, raw):
    result = run(raw)
    assert result.error or result.total >= 0


@pytest.mark.parametrize("raw", ['"unbalanced', "x" * 10_000, "\x00\x1b", "-", "NEAR(", "'; --"])
def test_hostile_queries_get_a_page_not_a_server_error(archive, client, raw):
    response = client.get("/search/", {"q": raw})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Traceback" not in body and "syntax error" not in body.lower() and "fts5" not in body.lower()


def test_hostile_api_query_gets_a_clear_message(archive, client):
    response = client.get("/api/search", {"q": "-"})
    assert response.status_code == 400
    assert "detail" in response.json()
