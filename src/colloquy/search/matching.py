"""Finding a query's matches once, then filtering them and counting facets in memory (columns.py).

The engine reads the ids matching the words (and the audience) as a `MatchSet`; filters and the facet
counts are array lookups over them. The ranking statement repeats the filters as facet tokens, so
paging agrees with the counts.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db.models import Max, Min

from colloquy.search import columns
from colloquy.search import facets as facet_defs
from colloquy.search.engines.base import NOT, MatchSet
from colloquy.search.models import SearchEntry

AUDIENCE = "_audience"  # the name of the audience exclusion among the filter groups


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


def filter_groups(filters: dict[str, list[str]], year_from, year_to, excluded) -> dict[str, list[str]]:
    """The engines' tag groups (engines/base.py), by facet name; the audience exclusion under AUDIENCE."""
    groups = {}
    if excluded:
        groups[AUDIENCE] = [NOT, *excluded]
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
    capped: bool  # more matches than were read (the match cap, or an engine's work budget): `total` is a lower bound
    counts: dict[str, Counter]
    partial: bool  # facet counts cover only the most recent matches of the words, those read
    ranked: list[tuple[int, float]] | None = None  # every match, best first, when already scored

    @property
    def ids(self) -> np.ndarray:
        return self.columns.ids[self.rows]

    def ids_with(self, group: list[str]) -> np.ndarray:
        return self.columns.ids[self.columns.keep(self.rows, [group])]


def find(engine, parsed, groups: dict[str, list[str]], cap: int, rank_window: int) -> Matches:
    """Find the matches once, then filter and count facets over them in memory.

    Each facet is counted under all the *other* active filters, so a selected value's alternatives
    keep their counts. Only when the words alone match more than were read (the cap, or
    `engine.base_cap` with filters, or the engine's budget) and filters are active does the engine
    apply the filters itself, for an exact total."""
    audience = [g for n, g in groups.items() if n == AUDIENCE]
    active = {n: g for n, g in groups.items() if n != AUDIENCE}
    # With filters, the words' matches serve the counts of the filtered facets' other values, and the
    # filters themselves when they are few; engines that pay for each match read fewer (`base_cap`).
    first = min(cap, engine.base_cap) if active else cap
    words: MatchSet = engine.match_ids(parsed, audience, first)
    cols = columns.current()  # after the match: every id it returned is in the columns
    base = cols.rows_of(words.ids)
    rows = cols.keep(base, list(active.values()))
    total, capped = len(rows), not words.complete
    ranked = None
    if not words.complete and active:  # the filters must be applied to every match for an exact total
        oldest = int(words.ids[-1]) if len(words) else cols.max_id
        covered = (cols.max_id - oldest + 1) / max(cols.max_id, 1)  # share of ids the words span
        if not words.budget_spent and len(rows) / covered <= rank_window:  # few matches: find and score them at once
            every = engine.scored_ids(parsed, list(groups.values()), cap)
            ranked = _best_first(every)
        else:
            every = engine.match_ids(parsed, list(groups.values()), cap)
        rows = cols.rows_of(every.ids)
        total, capped = len(rows), not every.complete
        ranked = ranked if not capped else None
    counts = cols.count(rows, {f.name for f in facet_defs.FACETS} - set(active))
    for name in active:
        others = [g for n, g in active.items() if n != name]
        counts.update(cols.count(cols.keep(base, others), {name}))
    return Matches(cols, rows, total, capped, counts, partial=not words.complete, ranked=ranked)


def _best_first(found: MatchSet) -> list[tuple[int, float]]:
    """Scored matches best first, as the engines' `hits` order them: score, then newest."""
    order = np.lexsort((-found.ids, -found.scores))
    return list(zip(found.ids[order].tolist(), found.scores[order].tolist(), strict=True))


def window_start(ids: np.ndarray, capped: bool, window: int) -> int:
    """The smallest id of the `window` most recent matches, or of all those read when the query
    matches more than were read (0: rank every match)."""
    if len(ids) > window:
        return int(ids[window - 1])
    return int(ids[-1]) if capped and len(ids) else 0
