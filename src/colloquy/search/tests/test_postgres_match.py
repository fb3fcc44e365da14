"""PostgreSQL's search_match table (migration 0005): it follows search_entry through every write, keeps
its tsvectors out of line, is read through its GIN index bucket by bucket, and bounds phrase rechecks."""

import pytest
from django.db import connection, transaction

from colloquy.search.query import parse

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL search_match table")

def _ids(q, groups=()):
    from colloquy.search.engines.postgres import PostgresEngine

    return sorted(PostgresEngine().match_ids(parse(q), list(groups), 10_000).ids.tolist())


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in_step():
    """search_match holds one row per entry, with the vectors its functions make of the entry."""
    entries = _rows("SELECT id FROM search_entry ORDER BY id")
    assert _rows("SELECT id FROM search_match ORDER BY id") == entries
    stale = _rows("SELECT m.id FROM search_match AS m JOIN search_entry AS e ON e.id = m.id "
                  "WHERE m.tsv <> search_word_vector(e.title, e.body, e.tags)")
    assert stale == []


def test_a_phrase_reads_at_most_its_budget_of_candidates_and_says_so(archive, run, monkeypatch):
    from colloquy.search.engines.postgres import engine as postgres

    everything = _ids('"domestic workers"')
    assert len(everything) >= 2
    result = run('"domestic workers"')
    assert result.total == len(everything) and not result.total_capped
    monkeypatch.setattr(postgres, "PHRASE_CANDIDATES", 1e-9)  # a range expected to hold no candidate: one id
    engine = postgres.PostgresEngine()
    matched = engine.match_ids(parse('"domestic workers"'), [], 10_000)
    found = matched.ids.tolist()
    assert not matched.complete and matched.budget_spent and set(found) < set(everything)
    result = run('"domestic workers"')
    assert result.total_capped and result.total == len(found) and result.facets_partial
    words = engine.match_ids(parse("migrant"), [], 10_000)
    assert words.ids.size and words.complete  # words alone: no budget


def test_tag_filters_and_the_audience_are_evaluated_with_the_words(archive, run):
    everything = run("migrants")
    passages = run("migrants", filters={"kind": ["passage"]})
    assert 0 < passages.total < everything.total and all(h.kind == "passage" for h in passages.hits)
    with connection.cursor() as cursor:  # a query word never matches a tag lexeme
        cursor.execute("SELECT count(*) FROM search_match WHERE tsv @@ to_tsquery('colloquy', 'xkpassage')")
        assert cursor.fetchone()[0] == 0


def test_search_match_follows_every_write(archive, run):
    _in_step()
    doc = archive["docs"]["domestic"]
    doc.text = "Seasonal orchard pickers sleep in container housing."
    doc.save()
    _in_step()
    assert _ids('"orchard pickers"') and _ids("container") and not run('"confiscated passports"').total
    doc.delete()
    _in_step()
    assert _ids('"orchard pickers"') == [] and _ids("container") == []


def test_truncating_the_entries_empties_search_match(archive):
    assert _rows("SELECT count(*) FROM search_match")[0][0] > 0
    with connection.cursor() as cursor:  # what `flush` does
        cursor.execute("TRUNCATE search_entry")
    assert _rows("SELECT count(*) FROM search_match")[0][0] == 0


@pytest.mark.perf
def test_the_tsvectors_sit_out_of_line(db):
    """About 100 bytes of heap per entry: 300 passage-sized entries fit in a few pages. Stored in line
    (without the pad), they would take about 2 KB each, some 70 pages."""
    from colloquy.search.index import _row, insert_rows
    from colloquy.search.registry import PUBLIC, Entry

    words = ["states", "labour", "migration", "policies", "recruitment", "fees", "remittances", "diaspora", "return", "health"]
    body = " ".join(words[(i * 7) % len(words)] for i in range(120))
    size = "SELECT pg_relation_size('search_match') / current_setting('block_size')::int"
    before = _rows(size)[0][0]  # earlier tests' rolled-back rows keep their pages
    insert_rows(_row(Entry(kind="x", object_id=i, part=0, title=f"Entry {i}", body=body, url="/x/", facets={},
                           audience=PUBLIC)) for i in range(300))
    assert _rows(size)[0][0] - before <= 8
    assert _rows("SELECT count(*) FROM search_match WHERE tsv @@ to_tsquery('colloquy', 'diaspora')")[0][0] == 300


@pytest.mark.perf
def test_broad_queries_are_read_through_the_gin_index_bucket_by_bucket(archive):
    from colloquy.search.engines.postgres.buckets import recent as _recent
    from colloquy.search.engines.postgres.conditions import match_condition
    from colloquy.search.engines.postgres.planner import bitmap_scans

    where, params = match_condition(parse("migrants"), [["!", "xvstaff"]])
    recent, rparams = _recent(4096 * 3 + 5)
    with bitmap_scans() as cursor:
        cursor.execute(f"EXPLAIN SELECT id FROM search_match WHERE {where} AND {recent} ORDER BY id + 0 DESC LIMIT 10",
                       [*params, *rparams])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_match_gin" in plan, plan
    assert "Index Cond: ((tsv @@" in plan and "(id / 4096) >= '3'::bigint" in plan, plan
    assert "Seq Scan" not in plan and "search_match_pkey" not in plan, plan


def test_the_planner_settings_are_given_back_inside_a_transaction(archive, run):
    with transaction.atomic():
        assert run("migrants").total
        settings = _rows("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")[0]
    assert settings == ("on", "on")


def test_the_migration_moves_existing_entries_into_search_match(db, schema_editor):
    """Backward to migration 0004's layout (generated columns) and forward again, with an entry written
    under the old layout."""
    from django.apps import apps as global_apps

    from colloquy.search.models import SearchEntry

    module = __import__("colloquy.search.migrations.0005_pg_match_table", fromlist=["forward"])

    module.backward(global_apps, schema_editor)
    assert _rows("SELECT to_regclass('search_match')")[0][0] is None
    entry = SearchEntry.objects.create(kind="x", object_id=1, title="Old entry", body="Labour migration policies",
                                       url="/x/", checksum="c", tags="xvpublic xkx")
    module.forward(global_apps, schema_editor)
    _in_step()
    assert _ids('"labour migration"') == [entry.pk]
    assert _rows("SELECT count(*) FROM information_schema.columns WHERE table_name = 'search_entry' "
                 "AND column_name IN ('tsv', 'tag_tsv')")[0][0] == 0


def test_reindex_rebuilds_search_match_and_its_index(archive, run):
    from django.core.management import call_command

    before = run('"domestic workers"').total
    call_command("reindex")
    _in_step()
    assert _rows("SELECT count(*) FROM pg_indexes WHERE indexname = 'search_match_gin'")[0][0] == 1
    assert run('"domestic workers"').total == before >= 1


@pytest.mark.perf
def test_a_year_range_with_another_filter_matches_through_combined_tags(archive, run, monkeypatch):
    """`#xfidm~2007` lexemes answer forum + years exactly as the two groups apart do."""
    from colloquy.search.engines.postgres import conditions as postgres

    args = {"filters": {"forum": ["idm"]}, "year_from": 2006, "year_to": 2007}
    _, params = postgres.match_condition(parse("workers"), [["xfidm"], ["xy2006", "xy2007"]])
    assert "'#xfidm~2006' | '#xfidm~2007'" in params[-1] and "'#xy2006'" not in params[-1]
    combined = run("workers", **args)
    monkeypatch.setattr(postgres, "YEAR", "no-such-code")  # the groups stay apart
    apart = run("workers", **args)
    assert combined.total == apart.total >= 1
    assert [h.id for h in combined.hits] == [h.id for h in apart.hits]
    assert all(h.year in (2006, 2007) for h in combined.hits)


def test_a_phrase_that_loses_its_stop_words_is_read_whole(archive, monkeypatch):
    """"their country" is the word `country` on PostgreSQL: nothing to recheck, so no budget."""
    from colloquy.search.engines.postgres import engine as postgres

    monkeypatch.setattr(postgres, "PHRASE_CANDIDATES", 1e-9)
    engine = postgres.PostgresEngine()
    whole = engine.match_ids(parse('"their country"'), [], 10_000)
    assert sorted(whole.ids.tolist()) == _ids("country")
    assert whole.complete
    assert not engine.match_ids(parse('"country origin"'), [], 10_000).complete
