"""`search_run`: the one entry point the page, the API and the CLI call. It returns data
(results.SearchResult); the view layer makes HTML or JSON of it (serialize.py).

Keyword mode ranks with the engine (bm25 / ts_rank); "similar" ranks passages by embedding cosine;
"hybrid" fuses both rankings with reciprocal-rank fusion (RRF, k=60). The engine finds the ids that
match the words once; filters and facet counts are then applied to them in memory (matching.py).
"""

import dataclasses
import time
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from colloquy.search import facets as facet_defs
from colloquy.search import matching, semantic
from colloquy.search.audiences import audiences_for, excluded_audiences
from colloquy.search.engines.factory import get_engine
from colloquy.search.models import SearchEntry
from colloquy.search.query import ParsedQuery, parse
from colloquy.search.registry import kind_labels
from colloquy.search.results import MAX_PAGE, FacetGroup, FacetValue, Hit, HitGroup, SearchResult
from colloquy.search.text import STEMMED_LANGUAGES, plain_excerpt
from colloquy.search.versions import group_versions

__all__ = ["MODES", "SearchResult", "rrf", "search_run"]

MODES = ("keyword", "hybrid", "similar")
# Matches read per query (at most; an engine may read fewer: `engine.match_cap`). Up to this many,
# totals and facet counts are exact; beyond it (a very common word), the total is "at least" the cap
# and facets count the cap's most recent matches, as Elasticsearch's `track_total_hits` does.
MATCH_CAP = 100_000
RRF_K = 60
FUSION_DEPTH = 100
MAX_PER_PAGE = 50
# Ranking cost grows with the number of matches (bm25 / ts_rank score every one). A query matching more
# than this many entries is ranked among its RANK_WINDOW most recently indexed matches, and says so.
RANK_WINDOW = 5_000
NO_SEMANTIC = "Search by meaning is not available on this site; these are keyword results."


def _facet_groups(counts: dict[str, Counter], filters, year_from, year_to) -> list[FacetGroup]:
    out = []
    for facet in facet_defs.FACETS:
        counter = counts.get(facet.name) or Counter()
        selected = set(filters.get(facet.name) or [])
        if facet.name == "year" and (year_from is not None or year_to is not None):
            selected = {str(y) for y in range(year_from or 0, (year_to or 9999) + 1) if str(y) in counter}
        if facet.name == "year":
            items = sorted(counter.items(), key=lambda kv: kv[0], reverse=True)
        else:
            items = counter.most_common(12)
            items += [(v, 0) for v in selected if v not in dict(items)]
        values = [FacetValue(v, facet_defs.value_label(facet.name, v), c, v in selected) for v, c in items]
        if values:
            out.append(FacetGroup(facet.name, str(facet.label), values))
    return out


def _entry_passes(entry: SearchEntry, groups: dict[str, list[str]]) -> bool:
    tags = set(entry.tags.split())
    return all(tags.intersection(group) for group in groups.values())


def _load(ids) -> dict[int, SearchEntry]:
    return SearchEntry.objects.defer("vector").in_bulk(list(ids))


def rrf(*rankings: list[tuple[int, float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: score(d) = Σ 1 / (k + rank of d in each ranking)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (entry_id, _) in enumerate(ranking, start=1):
            scores[entry_id] = scores.get(entry_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


@dataclass
class _Search:
    """One query's matches, and the ways to rank them and turn ranked ids into hits."""

    engine: object
    parsed: ParsedQuery
    groups: dict[str, list[str]]
    found: matching.Matches
    rank_window: int

    @cached_property
    def tags(self) -> list[list[str]]:
        return list(self.groups.values())

    @cached_property
    def ids(self) -> np.ndarray:
        return self.found.ids

    @cached_property
    def min_id(self) -> int:
        """Above 0 when the matches are ranked within a window of the most recent ones."""
        return matching.window_start(self.ids, self.found.capped, self.rank_window)

    def ranking(self, limit: int, start: int) -> list[tuple[int, float]]:
        if self.found.ranked is not None and not self.min_id:
            return self.found.ranked[start : start + limit]
        if self.engine.ranks_known_ids:  # ids are the most recent matches, in order: the window is their head
            return self.engine.hits(self.parsed, self.tags, limit, start, among=self.ids[: self.rank_window])
        return self.engine.hits(self.parsed, self.tags, limit, start, min_id=self.min_id)

    def hits(self, ranked: list[tuple[int, float]]) -> list[Hit]:
        """The ranked entries with the engine's marked title and body fragments."""
        ids = [i for i, _ in ranked]
        entries, fragments, labels = _load(ids), self.engine.snippets(self.parsed, self.tags, ids), kind_labels()
        out = []
        for entry_id, score in ranked:
            entry = entries.get(entry_id)
            if entry is None:
                continue
            title, body = fragments.get(entry_id, (None, None))
            out.append(Hit(id=entry.pk, kind=entry.kind, kind_label=labels.get(entry.kind, entry.kind),
                           object_id=entry.object_id, part=entry.part, title=entry.title, url=entry.url,
                           anchor=entry.anchor, year=entry.year, score=round(score, 4), title_fragment=title or None,
                           body_fragment=body or None, excerpt="" if body else plain_excerpt(entry.body)))
        return out

    def by_kind(self, facets: list[FacetGroup], filters) -> list[HitGroup]:
        """The five best hits of each kind that matched."""
        labels, out = kind_labels(), []
        for kv in next((fg.values for fg in facets if fg.name == "kind"), []):
            if kv.count == 0 or (filters.get("kind") and not kv.selected):
                continue
            kind = [facet_defs.token("xk", kv.value)]
            since = matching.window_start(self.found.ids_with(kind), self.found.capped, self.rank_window)
            ranked = self.engine.hits(self.parsed, [*self.tags, kind], 5, 0, min_id=since)
            out.append(HitGroup(kv.value, labels.get(kv.value, kv.value), kv.count, self.hits(ranked)))
        return out

    def semantic_ranking(self, q: str, audiences, depth: int) -> list[tuple[int, float]]:
        ranked = semantic.similar_to_text(q, audiences=audiences, k=depth * 5)
        entries = _load([i for i, _ in ranked])
        other = {n: g for n, g in self.groups.items() if n != matching.AUDIENCE}
        return [(i, s) for i, s in ranked if i in entries and _entry_passes(entries[i], other)][:depth]


def _window_notice(result: SearchResult, search: _Search) -> None:
    if search.min_id:
        result.ranked_window = window = min(search.rank_window, len(search.ids))
        matches = f"at least {result.total:,}" if result.total_capped else f"{result.total:,}"
        result.notices.append(f"This query matches {matches} entries: results are ranked among the "
                              f"{window:,} most recently added matches. Add words or filters to narrow it.")


def search_run(*, q: str, actor, filters: dict[str, list[str]] | None = None, year_from: int | None = None,
               year_to: int | None = None, mode: str = "keyword", group: bool = False, page: int = 1,
               per_page: int = 20, language: str = "") -> SearchResult:
    started = time.perf_counter()
    filters = {k: [str(v) for v in vs if str(v)] for k, vs in (filters or {}).items()}
    page, per_page = max(1, min(MAX_PAGE, int(page or 1))), max(1, min(MAX_PER_PAGE, int(per_page or 20)))
    result = SearchResult(q=q or "", mode=mode if mode in MODES else "keyword", page=page, per_page=per_page)
    engine, parsed = get_engine(), parse(q)
    parsed.languages = (language,) if language in STEMMED_LANGUAGES else ()
    result.engine, result.facet_cap = engine.name, min(MATCH_CAP, engine.match_cap)
    result.notices.extend(parsed.notices)
    if result.mode != "keyword" and not semantic.available():
        result.mode = "keyword"
        result.notices.append(NO_SEMANTIC)
    if parsed.is_empty:
        result.error = parsed.error
        return result
    groups = matching.filter_groups(filters, year_from, year_to, excluded_audiences(actor))
    window = min(RANK_WINDOW, engine.rank_window)
    search = _Search(engine, parsed, groups, matching.find(engine, parsed, groups, result.facet_cap, window), window)
    result.facets = _facet_groups(search.found.counts, filters, year_from, year_to)
    result.total, result.total_capped, result.facets_partial = search.found.total, search.found.capped, search.found.partial
    _window_notice(result, search)
    offset = (page - 1) * per_page
    if result.mode == "keyword" and group:
        result.groups = search.by_kind(result.facets, filters)
    elif result.mode == "keyword":
        result.hits = search.hits(search.ranking(per_page, offset))
    else:
        similar = search.semantic_ranking(q, audiences_for(actor), FUSION_DEPTH)
        fused = rrf(search.ranking(FUSION_DEPTH, 0), similar) if result.mode == "hybrid" else similar
        result.total = max(result.total, len(fused)) if result.mode == "hybrid" else len(fused)
        result.hits = search.hits(fused[offset : offset + per_page])
    result.hits = group_versions(result.hits, actor)
    result.groups = [dataclasses.replace(g, hits=group_versions(g.hits, actor)) for g in result.groups]
    result.took_ms = round((time.perf_counter() - started) * 1000, 1)
    return result
