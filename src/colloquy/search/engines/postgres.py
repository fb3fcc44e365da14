"""PostgreSQL engine: generated tsvector columns with GIN indexes, text search configuration
`colloquy` (english stemming, accents folded by unaccent when the extension is available).

The user query becomes `to_tsquery('colloquy', %s)` per term, combined with && and !!; each
parameter holds only letters, digits and the operators the renderer adds (see query.to_tsquery).
(`websearch_to_tsquery` would be simpler but has no prefix search.)
"""

from contextlib import contextmanager

from django.db import connection

from colloquy.search.query import ParsedQuery, to_tsquery
from colloquy.search.text import MARK_END, MARK_START

HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=20, ShortWord=2, "
            "MaxFragments=2, FragmentDelimiter=\" … \"")
TITLE_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"


def where_clause(query: ParsedQuery, groups: list[list[str]]) -> tuple[str, list]:
    clauses, params = [], []
    if not query.is_empty:
        sql, qparams = to_tsquery(query)
        clauses.append(f"tsv @@ {sql.replace('english', 'colloquy')}")
        params += qparams
    from colloquy.search.engines import NOT

    required = [g for g in groups if not g or g[0] != NOT]
    if required:
        clauses.append("tag_tsv @@ to_tsquery('simple', %s)")
        params.append(" & ".join("(" + " | ".join(f"'{t}'" for t in group) + ")" for group in required))
    for group in groups:
        if group and group[0] == NOT and len(group) > 1:
            clauses.append("NOT (tag_tsv @@ to_tsquery('simple', %s))")
            params.append(" | ".join(f"'{t}'" for t in group[1:]))
    return " AND ".join(clauses) or "TRUE", params


def rank_expression(query: ParsedQuery) -> tuple[str, list]:
    if query.is_empty:
        return "0", []
    sql, params = to_tsquery(query)
    return f"ts_rank(tsv, {sql.replace('english', 'colloquy')})", params


class PostgresEngine:
    """Every match costs a heap visit here (GIN gives no index-only scans, phrases are rechecked on the
    row, ts_rank reads the tsvector), so the engine never visits more matches than it must:

    - counts are not exact beyond the facet cap: `exact_counts = False`, and services asks
      `hits_in_window()` instead, which ranks the `window` most recent matches in one statement and
      says how many it saw (the total, when fewer);
    - the facet pass remembers the ids it read when it read them all (one engine per request), so
      ranking, counting and snippets of the same match reuse them instead of matching again.
    """

    name = "postgresql-tsvector"
    exact_counts = False

    def __init__(self):
        self._ids: dict[tuple, list[int]] = {}  # (where, params) → every matching id, for this request

    def _known_ids(self, where, params):
        return self._ids.get((where, tuple(params)))

    def hits(self, query, groups, limit, offset=0, window=None):
        if window:  # rank only the `window` most recently indexed matches (see services.RANK_WINDOW)
            return self.hits_in_window(query, groups, limit, offset, window)[0]
        where, wparams = where_clause(query, groups)
        rank, rparams = rank_expression(query)
        ids = self._known_ids(where, wparams)
        if ids is not None:  # all matches are known: rank them by primary key, no second match
            where, wparams = "id = ANY(%s)", [ids]
        sql = f"SELECT id, {rank} AS score FROM search_entry WHERE {where} ORDER BY score DESC, id LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*rparams, *wparams, limit, offset])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def hits_in_window(self, query, groups, limit, offset, window) -> tuple[list[tuple[int, float]], int]:
        """(best of the `window` most recent matches, how many matches the window holds)."""
        where, wparams = where_clause(query, groups)
        rank, rparams = rank_expression(query)
        inner = f"SELECT id, tsv FROM search_entry WHERE {where} ORDER BY id DESC LIMIT %s"
        sql = (f"SELECT id, {rank} AS score, count(*) OVER () AS n FROM ({inner}) AS w "
               "ORDER BY score DESC, id LIMIT %s OFFSET %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*rparams, *wparams, window, limit, offset])
            rows = cursor.fetchall()
            if rows:
                return [(row[0], float(row[1])) for row in rows], rows[0][2]
            cursor.execute(f"SELECT count(*) FROM ({inner}) AS w", [*wparams, window])  # a page past the end
            return [], cursor.fetchone()[0]

    def count(self, query, groups):
        where, params = where_clause(query, groups)
        ids = self._known_ids(where, params)
        if ids is not None:
            return len(ids)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_entry WHERE {where}", params)
            return cursor.fetchone()[0]

    def facet_rows(self, query, groups, cap, remember=False):
        """Keeps the ids whenever the pass read every match (`remember` or not: they cost nothing more)."""
        where, params = where_clause(query, groups)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, facets FROM search_entry WHERE {where} LIMIT %s", [*params, cap])
            rows = cursor.fetchall()
        if len(rows) < cap:
            self._ids[(where, tuple(params))] = [row[0] for row in rows]
        return [row[1] for row in rows]

    def snippets(self, query, groups, ids):
        if not ids or query.is_empty:
            return {}
        sql, params = to_tsquery(query)
        sql = sql.replace("english", "colloquy")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('colloquy', title, q, %s), ts_headline('colloquy', body, q, %s) "
                f"FROM search_entry, (SELECT {sql} AS q) AS qq WHERE id = ANY(%s)",
                [TITLE_HEADLINE, HEADLINE, *params, list(ids)],
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


GIN_INDEXES = {
    "search_entry_tsv": "CREATE INDEX IF NOT EXISTS search_entry_tsv ON search_entry USING gin (tsv)",
    "search_entry_tag_tsv": "CREATE INDEX IF NOT EXISTS search_entry_tag_tsv ON search_entry USING gin (tag_tsv)",
}  # as in migration 0002


@contextmanager
def bulk_load():
    """For rebuilds: drop the GIN indexes, load, and build them once (much faster than row by row)."""
    with connection.cursor() as cursor:
        for name in GIN_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for sql in GIN_INDEXES.values():
                cursor.execute(sql)
            cursor.execute("RESET maintenance_work_mem")
