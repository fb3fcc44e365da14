"""Engine-specific checks: the SQLite query plan keeps MATCH innermost; both engines fold accents."""

import pytest
from django.db import connection

from colloquy.search.query import parse


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 plan")
def test_sqlite_plan_ranks_inside_fts_before_joining_metadata(archive):
    from colloquy.search.engines.sqlite import SqliteEngine

    plan = SqliteEngine().explain(parse("workers"), [["xvpublic"]])
    text = " | ".join(plan)
    fts = next(i for i, line in enumerate(plan) if "VIRTUAL TABLE" in line)
    join = next(i for i, line in enumerate(plan) if "SEARCH e USING INTEGER PRIMARY KEY" in line)
    assert fts < join, text
    assert "MATERIALIZE" in text or "CO-ROUTINE" in text, text  # the MATCH runs in its own subquery
    assert "SCAN e" not in text, text  # the metadata table is never scanned


def test_snippets_are_escaped_and_highlighted(archive, run):
    from colloquy.dialogues.models import Document

    Document.objects.create(title="<script>alert(1)</script> note", text="Cross-border <b>trade</b> & smuggling of <script>goods</script>.")
    result = run("smuggling trade")
    hit = next(h for h in result.hits if h.kind == "passage" and "script" in str(h.title))
    assert "<script>" not in str(hit.title) and "&lt;script&gt;" in str(hit.title)
    # Markup in the text is shown as text (SQLite) or dropped by ts_headline (PostgreSQL), never rendered.
    assert "<b>" not in str(hit.snippet) and "<script>" not in str(hit.snippet)
    assert "<mark>smuggling</mark>" in str(hit.snippet)
    assert "&amp;" in str(hit.snippet)


def test_french_and_spanish_accents_match_both_ways(archive, run):
    doc = archive["docs"]["espanol"]
    for q in ("migración laboral", "migracion laboral", "MIGRACIÓN"):
        assert doc.pk in {h.object_id for h in run(q).hits}, q
    assert archive["docs"]["refugies"].pk in {h.object_id for h in run("apatridie").hits}


def test_very_broad_queries_rank_within_a_window_and_say_so(archive, run, monkeypatch):
    from colloquy.search import services

    full = run("workers", filters={"kind": ["passage"]})
    monkeypatch.setattr(services, "RANK_WINDOW", 2)
    windowed = run("workers", filters={"kind": ["passage"]})
    assert windowed.total == full.total > 2
    assert windowed.ranked_window == 2 and any("ranked among" in n for n in windowed.notices)
    newest = sorted((h.id for h in full.hits), reverse=True)[:2]
    assert sorted(h.id for h in windowed.hits) == sorted(newest)


@pytest.fixture
def counts_nothing_broad(monkeypatch):
    """Make the current engine behave like PostgreSQL's for broad queries (no exact count past the facet cap),
    on a tiny archive: facet cap 1, ranking window `window`."""
    from colloquy.search import services
    from colloquy.search.engines import get_engine

    def apply(window):
        monkeypatch.setattr(type(get_engine()), "exact_counts", False)
        monkeypatch.setattr(services, "FACET_CAP", 1)
        monkeypatch.setattr(services, "RANK_WINDOW", window)

    return apply


def test_a_broad_query_without_an_exact_count_says_at_least_the_window(archive, run, client, counts_nothing_broad):
    full = run("workers", per_page=50)
    every_id = sorted((h.id for h in full.hits), reverse=True)
    assert full.total == len(every_id) > 3 and not full.total_capped
    counts_nothing_broad(window=3)
    capped = run("workers")
    assert capped.total == 3 and capped.total_capped and capped.ranked_window == 3
    assert any("at least 3 entries" in n for n in capped.notices)
    assert sorted(h.id for h in capped.hits) == sorted(every_id[:3])  # the three most recently added matches
    assert "At least 3 results" in client.get("/search/", {"q": "workers"}).content.decode()
    assert client.get("/api/search", {"q": "workers"}).json()["total_capped"] is True


def test_a_broad_query_within_the_window_keeps_its_exact_total_and_ranking(archive, run, counts_nothing_broad):
    full = run("workers", per_page=50)
    counts_nothing_broad(window=1000)
    windowed = run("workers", per_page=50)
    assert windowed.total == full.total and not windowed.total_capped and windowed.ranked_window == 0
    assert [h.id for h in windowed.hits] == [h.id for h in full.hits]
    second = run("workers", per_page=2, page=2)
    assert [h.id for h in second.hits] == [h.id for h in full.hits][2:4] and second.total == full.total
