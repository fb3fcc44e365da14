"""SQLite's two FTS5 tables: word pairs answer two-word phrases exactly as positions do, and both
tables stay consistent with the entries through every write."""

import pytest
from django.db import connection

from colloquy.search.query import parse

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 tables")

PHRASES = ['"transfer fees"', '"transfer fee"', '"fees transfer"', '"migrant children"', '"health care"',
           '"domestic workers"', '"of origin"', '"in their"', '"their country"', '"domestic workers" -"long hours"',
           '"of origin" "health systems"', '"migración laboral"']


def _ids(engine, q, groups=()):
    return sorted(engine.match_ids(parse(q), list(groups), 10_000).ids.tolist())


@pytest.mark.parametrize("q", PHRASES)
def test_two_word_phrases_match_the_same_entries_from_pairs_as_from_positions(archive, q, monkeypatch):
    from colloquy.search.engines.sqlite import engine as sqlite

    engine = sqlite.SqliteEngine()
    assert sqlite.uses_pairs(parse(q))
    from_pairs = _ids(engine, q)
    monkeypatch.setattr(sqlite, "uses_pairs", lambda query: False)
    assert from_pairs == _ids(engine, q)


def test_the_phrase_fixtures_are_not_all_empty(archive):
    from colloquy.search.engines.sqlite import SqliteEngine

    found = {q: len(_ids(SqliteEngine(), q)) for q in PHRASES}
    assert found['"transfer fees"'] == found['"transfer fee"'] >= 1  # stemmed like single words
    assert found['"fees transfer"'] == 0  # order matters
    assert found['"domestic workers" -"long hours"'] < found['"domestic workers"']
    assert found['"migración laboral"'] >= 1  # accents folded


def test_pairs_serve_filters_and_ranking(archive, run):
    result = run('"domestic workers"', filters={"kind": ["passage"]})
    assert result.total >= 1 and all(h.kind == "passage" for h in result.hits)
    from colloquy.search.serialize import hit_dict

    assert all("<mark>" in str(hit_dict(h)["snippet_html"]) for h in result.hits)


def test_queries_with_single_words_prefixes_or_longer_phrases_use_positions():
    from colloquy.search.engines.sqlite import uses_pairs

    for q in ['migration "labour market"', '"rescue at sea"', '"transfer fe*"', "fees"]:
        assert not uses_pairs(parse(q)), q


@pytest.mark.perf
def test_phrase_ranking_keeps_the_match_innermost(archive):
    from colloquy.search.engines.sqlite import SqliteEngine

    plan = " | ".join(SqliteEngine().explain(parse('"domestic workers"'), [["xvpublic"]]))
    assert "VIRTUAL TABLE INDEX" in plan and "search_grams" in plan and "SCAN e" not in plan, plan


def _integrity():
    with connection.cursor() as cursor:  # raises when an index disagrees with search_entry
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        cursor.execute("INSERT INTO search_grams(search_grams, rank) VALUES ('integrity-check', 1)")


def test_both_tables_stay_consistent_through_updates_and_deletes(archive, run):
    from colloquy.search.engines.sqlite import SqliteEngine

    _integrity()
    doc = archive["docs"]["domestic"]
    doc.text = "Seasonal orchard pickers sleep in container housing."
    doc.save()
    _integrity()
    assert _ids(SqliteEngine(), '"orchard pickers"') and not run('"confiscated passports"').total
    doc.delete()
    _integrity()
    assert _ids(SqliteEngine(), '"orchard pickers"') == []


@pytest.mark.perf
def test_the_word_index_has_prefix_indexes(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
        assert "prefix='3 4 5 6'" in cursor.fetchone()[0]


def test_the_migration_fills_pairs_for_entries_that_existed_before_it(db, schema_editor):
    from django.apps import apps as global_apps

    from colloquy.search.models import SearchEntry
    from colloquy.search.text import word_pairs

    module = __import__("colloquy.search.migrations.0004_fts_prefix_index", fromlist=["forward"])
    entry = SearchEntry.objects.create(kind="x", object_id=1, title="Old entry", body="Labour migration policies",
                                       url="/x/", checksum="c")
    SearchEntry.objects.filter(pk=entry.pk).update(grams="")  # as the column was before the migration

    module.forward(global_apps, schema_editor)
    entry.refresh_from_db()
    assert entry.grams == word_pairs("Old entry", "Labour migration policies") and "migrat_polici" in entry.grams
    _integrity()


def test_reindex_fills_the_pairs(archive, run):
    from django.core.management import call_command

    from colloquy.search.models import SearchEntry
    from colloquy.search.text import word_pairs

    SearchEntry.objects.all().delete()
    call_command("reindex")
    entries = list(SearchEntry.objects.all())
    assert entries and all(e.grams == word_pairs(e.title, e.body) for e in entries)
    _integrity()
    assert run('"domestic workers"').total >= 1
