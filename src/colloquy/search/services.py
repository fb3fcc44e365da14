"""`search_run`: the one entry point the page, the API and the CLI call.

Keyword mode ranks with the engine (bm25 / ts_rank); "similar" ranks passages by embedding cosine;
"hybrid" fuses both rankings with reciprocal-rank fusion (RRF, k=60). The engine finds the ids that
match the words once; filters and facet counts are then applied to them in memory (columns.py), and
the ranking statement repeats the filters as facet tokens, so paging agrees with the counts.
"""

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Max, Min
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from colloquy.core import access
from colloquy.search import columns, semantic
from colloquy.search import facets as facet_defs
from colloquy.search.engines import get_engine
from colloquy.search.models import SearchEntry
from colloquy.search.query import ParsedQuery, parse
from colloquy.search.registry import PUBLIC, kind_labels
from colloquy.search.text import highlight, plain_excerpt

MODES = ("keyword", "hybrid", "similar")
# Matches read per query (at most; an engine may read fewer: `engine.match_cap`). Up to this many,
# totals and facet counts are exact; beyond it (a very common word), the total is "at least" the cap
# and facets count the cap's most recent matches, as Elasticsearch's `track_total_hits` does.
MATCH_CAP = 100_000
RRF_K = 60
FUSION_DEPTH = 100
MAX_PAGE = 50
MAX_PER_PAGE = 50
# Ranking cost grows with the number of matches (bm25 / ts_rank score every one). A query matching more
# than this many entries is ranked among its RANK_WINDOW most recently indexed matches, and says so.
RANK_WINDOW = 5_000


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Hit:
    id: int
    kind: str
    kind_label: str
    object_id: int
    part: int
    title: SafeString
    snippet: SafeString
    url: str
    anchor: str
    year: int | None
    score: float


@dataclass
class SearchResult:
    q: str
    mode: str = "keyword"
    hits: list[Hit] = field(default_factory=list)
    groups: list[tuple[str, str, int, list[Hit]]] = field(default_factory=list)  # (kind, label, total, hits)
    total: int = 0
    facets: list[FacetGroup] = field(default_factory=list)
    facets_partial: bool = False
    facet_cap: int = MATCH_CAP  # set to the engine's cap by search_run
    page: int = 1
    per_page: int = 20
    notices: list[str] = field(default_factory=list)
    error: str = ""
    engine: str = ""
    took_ms: float = 0.0
    ranked_window: int = 0  # > 0 when only that many matches were ranked
    total_capped: bool = False  # True when `total` is a lower bound: "at least `total` results"

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))


def audiences_for(actor) -> list[str] | None:
    """Audience tokens an actor may see (None = everything, for the secretariat)."""
    if access.is_secretariat(actor):
        return None
    tokens = [facet_defs.token(facet_defs.AUDIENCE_CODE, PUBLIC)]
    org = access.focal_organization(actor)
    if org is not None:
        from django.utils import timezone

        from colloquy.search.registry import forum_audience

        for forum_id in org.memberships.active_on(timezone.localdate()).values_list("forum_id", flat=True):
            tokens.append(facet_defs.token(facet_defs.AUDIENCE_CODE, forum_audience(forum_id)))
    return tokens


def excluded_audiences(actor) -> list[str]:
    """Audience tokens the actor may NOT see (empty for the secretariat)."""
    from colloquy.dialogues.models import Forum
    from colloquy.search.registry import STAFF, forum_audience

    allowed = audiences_for(actor)
    if allowed is None:
        return []
    every = [STAFF, *(forum_audience(pk) for pk in Forum.objects.values_list("pk", flat=True))]
    tokens = [facet_defs.token(facet_defs.AUDIENCE_CODE, a) for a in every]
    return [t for t in tokens if t not in allowed]


def _year_tokens(year_from, year_to) -> list[str] | None:
    if year_from is None and year_to is None:
        return None
    # Two single-aggregate queries: SQLite answers each from the year index (min+max together scan).
    years = SearchEntry.objects.filter(year__isnull=False)
    bounds = {"lo": years.aggregate(lo=Min("year"))["lo"], "hi": years.aggregate(hi=Max("year"))["hi"]}
    if bounds["lo"] is None:
        return [facet_defs.token("xy", "none")]
    lo = max(bounds["lo"], year_from if year_from is not None else bounds["lo"])
    hi = min(bounds["hi"], year_to if year_to is not None else bounds["hi"])
    years = list(range(lo, hi + 1)) if lo <= hi else []
    return [facet_defs.token("xy", y) for y in years] or [facet_defs.token("xy", "none")]


def _filter_groups(filters: dict[str, list[str]], year_from, year_to, excluded) -> dict[str, list[str]]:
    from colloquy.search.engines import NOT

    groups = {}
    if excluded:
        groups["_audience"] = [NOT, *excluded]
    for name, values in filters.items():
        facet = facet_defs.BY_NAME.get(name)
        if facet and values and name != "year":
            groups[name] = [facet_defs.token(facet.code, v) for v in values]
    years = _year_tokens(year_from, year_to)
    if years is not None:
        groups["year"] = years
    return groups


@dataclass
class Matches:
    columns: columns.FacetColumns
    rows: np.ndarray  # the matches read (rows of `columns`), most recently indexed first; all unless `capped`
    total: int
    capped: bool  # more matches than were read (the match cap, or the engine's `truncated`): `total` is a lower bound
    counts: dict[str, Counter]
    partial: bool  # facet counts cover only the most recent matches of the words, those read
    ranked: list[tuple[int, float]] | None = None  # every match, best first, when already scored

    @property
    def ids(self) -> np.ndarray:
        return self.columns.ids[self.rows]

    def ids_with(self, group: list[str]) -> np.ndarray:
        return self.columns.ids[self.columns.keep(self.rows, [group])]


def _matches(engine, parsed, groups: dict[str, list[str]], cap: int, rank_window: int) -> Matches:
    """Find the matches once, then filter and count facets over them in memory (columns.py).

    The engine reads the ids matching the words (and the audience); filters and the facet counts
    are array lookups. Each facet is counted under all the *other* active filters, so a selected
    value's alternatives keep their counts. Only when the words alone match more than were read
    (the cap, or `engine.base_cap` with filters) and filters are active does the engine apply the
    filters itself, for an exact total."""
    audience = [g for n, g in groups.items() if n == "_audience"]
    active = {n: g for n, g in groups.items() if n != "_audience"}
    # With filters, the words' matches serve the counts of the filtered facets' other values, and the
    # filters themselves when they are few; engines that pay for each match read fewer (`base_cap`).
    first = min(cap, engine.base_cap) if active else cap
    words = engine.match_ids(parsed, audience, first + 1)
    truncated = engine.truncated  # the engine stopped before reading every match (see engines/__init__)
    cols = columns.current()  # after the match: every id it returned is in the columns
    complete = len(words) <= first and not truncated
    base = cols.rows_of(words[:first])
    rows = cols.keep(base, list(active.values()))
    total, capped = len(rows), not complete
    ranked = None
    if not complete and active:  # the filters must be applied to every match for an exact total
        oldest = int(words[min(first, len(words)) - 1]) if len(words) else cols.max_id
        covered = (cols.max_id - oldest + 1) / max(cols.max_id, 1)  # share of ids the words span
        if not truncated and len(rows) / covered <= rank_window:  # few matches: find and score them at once
            ranked, every = _scored(engine.scored_ids(parsed, list(groups.values()), cap + 1))
        else:
            every = engine.match_ids(parsed, list(groups.values()), cap + 1)
        rows = cols.rows_of(every[:cap])
        total, capped = len(rows), len(every) > cap or engine.truncated
        ranked = ranked if not capped else None
    counts = cols.count(rows, {f.name for f in facet_defs.FACETS} - set(active))
    for name in active:
        others = [g for n, g in active.items() if n != name]
        counts.update(cols.count(cols.keep(base, others), {name}))
    return Matches(cols, rows, total, capped, counts, partial=not complete, ranked=ranked)


def _scored(found: tuple[np.ndarray, np.ndarray]) -> tuple[list[tuple[int, float]], np.ndarray]:
    """(matches best first, as the engines' `hits` order them: score, then newest; their ids)."""
    ids, scores = found
    order = np.lexsort((-ids, -scores))
    return list(zip(ids[order].tolist(), scores[order].tolist(), strict=True)), ids


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


def _window_start(ids: np.ndarray, capped: bool, window: int) -> int:
    """The smallest id of the `window` most recent matches, or of all those read when the query
    matches more than were read (0: rank every match)."""
    if len(ids) > window:
        return int(ids[window - 1])
    return int(ids[-1]) if capped and len(ids) else 0


def _entry_passes(entry: SearchEntry, groups: dict[str, list[str]]) -> bool:
    tags = set(entry.tags.split())
    return all(tags.intersection(group) for group in groups.values())


def _hits(entries: dict[int, SearchEntry], ranked: list[tuple[int, float]], snippets: dict) -> list[Hit]:
    labels = kind_labels()
    out = []
    for entry_id, score in ranked:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        title, body = snippets.get(entry_id, (None, None))
        out.append(Hit(
            id=entry.pk, kind=entry.kind, kind_label=labels.get(entry.kind, entry.kind), object_id=entry.object_id,
            part=entry.part, title=highlight(title) if title else mark_safe(escape(entry.title)),
            snippet=highlight(body) if body else mark_safe(escape(plain_excerpt(entry.body))),
            url=entry.url, anchor=entry.anchor, year=entry.year, score=round(score, 4),
        ))
    return out


def _load(ids) -> dict[int, SearchEntry]:
    return SearchEntry.objects.defer("vector").in_bulk(list(ids))


def rrf(*rankings: list[tuple[int, float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: score(d) = Σ 1 / (k + rank of d in each ranking)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (entry_id, _) in enumerate(ranking, start=1):
            scores[entry_id] = scores.get(entry_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def _semantic_ranking(q: str, groups, audiences, depth: int) -> list[tuple[int, float]]:
    ranked = semantic.similar_to_text(q, audiences=audiences, k=depth * 5)
    entries = _load([i for i, _ in ranked])
    other = {n: g for n, g in groups.items() if n != "_audience"}
    return [(i, s) for i, s in ranked if i in entries and _entry_passes(entries[i], other)][:depth]


def search_run(*, q: str, actor, filters: dict[str, list[str]] | None = None, year_from: int | None = None,
               year_to: int | None = None, mode: str = "keyword", group: bool = False, page: int = 1,
               per_page: int = 20) -> SearchResult:
    started = time.perf_counter()
    filters = {k: [str(v) for v in vs if str(v)] for k, vs in (filters or {}).items()}
    page = max(1, min(MAX_PAGE, int(page or 1)))
    per_page = max(1, min(MAX_PER_PAGE, int(per_page or 20)))
    result = SearchResult(q=q or "", mode=mode if mode in MODES else "keyword", page=page, per_page=per_page)
    engine = get_engine()
    result.engine = engine.name
    result.facet_cap = cap = min(MATCH_CAP, engine.match_cap)
    rank_window = min(RANK_WINDOW, engine.rank_window)
    parsed: ParsedQuery = parse(q)
    result.notices.extend(parsed.notices)
    if result.mode != "keyword" and not semantic.available():
        result.notices.append("Semantic search is not installed on this server (the [semantic] extra); "
                              "showing keyword results instead.")
        result.mode = "keyword"
    if parsed.is_empty:
        result.error = parsed.error
        return result
    audiences = audiences_for(actor)
    groups = _filter_groups(filters, year_from, year_to, excluded_audiences(actor))
    group_list = list(groups.values())
    offset = (page - 1) * per_page

    found = _matches(engine, parsed, groups, cap, rank_window)
    result.facets = _facet_groups(found.counts, filters, year_from, year_to)
    result.facets_partial, result.total, result.total_capped = found.partial, found.total, found.capped
    ids = found.ids
    min_id = _window_start(ids, found.capped, rank_window)
    if min_id:
        result.ranked_window = window = min(rank_window, len(ids))
        matches = f"at least {found.total:,}" if found.capped else f"{found.total:,}"
        result.notices.append(f"This query matches {matches} entries: results are ranked among the "
                              f"{window:,} most recently added matches. Add words or filters to narrow it.")

    def ranking(limit, start):
        if found.ranked is not None and not min_id:
            return found.ranked[start : start + limit]
        if engine.ranks_known_ids:  # ids are the most recent matches, in order: the window is their head
            return engine.hits(parsed, group_list, limit, start, among=ids[:rank_window])
        return engine.hits(parsed, group_list, limit, start, min_id=min_id)
    if result.mode == "keyword" and group:
        labels = kind_labels()
        kinds = next((fg.values for fg in result.facets if fg.name == "kind"), [])
        for kv in kinds:
            if kv.count == 0 or (filters.get("kind") and not kv.selected):
                continue
            kind = [facet_defs.token("xk", kv.value)]
            of_kind = found.ids_with(kind)
            ranked = engine.hits(parsed, [*group_list, kind], 5, 0,
                                 min_id=_window_start(of_kind, found.capped, rank_window))
            entries = _load([i for i, _ in ranked])
            snippets = engine.snippets(parsed, group_list, [i for i, _ in ranked])
            result.groups.append((kv.value, labels.get(kv.value, kv.value), kv.count, _hits(entries, ranked, snippets)))
    elif result.mode == "keyword":
        ranked = ranking(per_page, offset)
        snippets = engine.snippets(parsed, group_list, [i for i, _ in ranked])
        result.hits = _hits(_load([i for i, _ in ranked]), ranked, snippets)
    else:
        semantic_ranked = _semantic_ranking(q, groups, audiences, FUSION_DEPTH)
        if result.mode == "hybrid":
            fused = rrf(ranking(FUSION_DEPTH, 0), semantic_ranked)
            result.total = max(result.total, len(fused))
        else:
            fused = semantic_ranked
            result.total = len(fused)
        ranked = fused[offset : offset + per_page]
        snippets = engine.snippets(parsed, group_list, [i for i, _ in ranked])
        result.hits = _hits(_load([i for i, _ in ranked]), ranked, snippets)
    result.took_ms = round((time.perf_counter() - started) * 1000, 1)
    return result
