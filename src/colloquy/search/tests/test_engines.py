"""Engine-specific checks: the SQLite query plan keeps MATCH innermost; both engines fold accents."""

import pytest
from django.db import connection

from colloquy.search.query import parse


@pytest.mark.perf
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
    from colloquy.search.serialize import hit_dict

    Document.objects.create(title="<script>alert(1)</script> note", text="Cross-border <b>trade</b> & smuggling of <script>goods</script>.")
    result = run("smuggling trade")
    found = next(h for h in result.hits if h.kind == "passage" and "script" in str(h.title))
    hit = hit_dict(found)  # search_run returns data; the view layer makes the HTML
    assert "<script>" not in str(hit["title_html"]) and "&lt;script&gt;" in str(hit["title_html"])
    # Markup in the text is shown as text (SQLite) or dropped by ts_headline (PostgreSQL), never rendered.
    assert "<b>" not in str(hit["snippet_html"]) and "<script>" not in str(hit["snippet_html"])
    assert "<mark>smuggling</mark>" in str(hit["snippet_html"])
    assert "&amp;" in str(hit["snippet_html"])


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


def test_a_query_matching_more_than_the_match_cap_says_at_least_and_ranks_what_it_read(
        archive, run, client, monkeypatch):
    from colloquy.search import services

    full = run("workers", per_page=50)
    every_id = sorted((h.id for h in full.hits), reverse=True)
    assert full.total == len(every_id) > 3 and not full.total_capped and not full.facets_partial
    monkeypatch.setattr(services, "MATCH_CAP", 3)
    capped = run("workers")
    assert capped.total == 3 and capped.total_capped and capped.ranked_window == 3 and capped.facets_partial
    assert any("at least 3 entries" in n for n in capped.notices)
    assert sorted(h.id for h in capped.hits) == sorted(every_id[:3])  # the three most recently added matches
    assert sum(v.count for v in next(g for g in capped.facets if g.name == "kind").values) == 3
    assert "At least 3 results" in client.get("/search/", {"q": "workers"}).content.decode()
    assert client.get("/api/search", {"q": "workers"}).json()["total_capped"] is True


def test_past_the_match_cap_filters_still_get_an_exact_total(archive, run, monkeypatch):
    from colloquy.search import services

    exact = run("workers", filters={"kind": ["passage"]})
    monkeypatch.setattr(services, "MATCH_CAP", 3)
    capped = run("workers", filters={"kind": ["passage"]})
    assert exact.total > 3 and capped.total == min(exact.total, 3) and capped.facets_partial
    assert capped.total_capped == (exact.total > 3)
    assert {h.kind for h in capped.hits} == {"passage"}


def test_a_broad_query_within_the_window_keeps_its_exact_total_and_ranking(archive, run, monkeypatch):
    from colloquy.search import services

    full = run("workers", per_page=50)
    monkeypatch.setattr(services, "MATCH_CAP", 1000)
    windowed = run("workers", per_page=50)
    assert windowed.total == full.total and not windowed.total_capped and windowed.ranked_window == 0
    assert [h.id for h in windowed.hits] == [h.id for h in full.hits]
    second = run("workers", per_page=2, page=2)
    assert [h.id for h in second.hits] == [h.id for h in full.hits][2:4] and second.total == full.total


def test_match_ids_returns_the_newest_matches_first_even_when_few_are_asked_for(archive):
    """On PostgreSQL a small limit makes the engine probe id ranges from the newest down."""
    from colloquy.search.engines.factory import get_engine

    engine = get_engine()
    every = engine.match_ids(parse("workers"), [], 10_000).ids.tolist()
    assert every == sorted(every, reverse=True) and len(every) > 3
    for limit in (1, 2, 3):
        assert engine.match_ids(parse("workers"), [], limit).ids.tolist() == every[:limit]
    assert engine.match_ids(parse('"domestic workers"'), [], 1).ids.tolist() == engine.match_ids(
        parse('"domestic workers"'), [], 10_000).ids.tolist()[:1]


def test_a_match_set_is_complete_only_when_it_holds_every_match(archive):
    from colloquy.search.engines.factory import get_engine

    engine = get_engine()
    every = engine.match_ids(parse("workers"), [], 10_000)
    assert every.complete and len(every) > 3
    assert not engine.match_ids(parse("workers"), [], len(every) - 1).complete
    exact = engine.match_ids(parse("workers"), [], len(every))
    assert exact.complete and exact.ids.tolist() == every.ids.tolist()
    scored = engine.scored_ids(parse("workers"), [], 2)
    assert not scored.complete and scored.ids.tolist() == every.ids.tolist()[:2] and len(scored.scores) == 2


def test_ranking_known_ids_gives_the_same_order_as_matching_again(archive):
    from colloquy.search.engines.factory import get_engine

    engine = get_engine()
    if not engine.ranks_known_ids:
        pytest.skip("this engine always matches again")
    for q in ("workers", '"domestic workers"', "migra*"):
        ids = engine.match_ids(parse(q), [], 10_000).ids
        assert len(ids) and engine.hits(parse(q), [], 50, 0, among=ids) == engine.hits(parse(q), [], 50, 0)
