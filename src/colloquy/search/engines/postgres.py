"""PostgreSQL engine: generated tsvector columns with GIN indexes, text search configuration
`colloquy` (english stemming, accents folded by unaccent when the extension is available).

The user query becomes `to_tsquery('colloquy', %s)` per term, combined with && and !!; each
parameter holds only letters, digits and the operators the renderer adds (see query.to_tsquery).
(`websearch_to_tsquery` would be simpler but has no prefix search.)
"""

import json
from contextlib import contextmanager

import numpy as np
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
    row, ts_rank reads the tsvector), so the engine never visits more matches than services asks:
    `match_ids` reads at most `limit` of them, and `hits` ranks only those with an id of at least
    `min_id` (services passes the id of the RANK_WINDOW-th most recent match for broad queries)."""

    name = "postgresql-tsvector"
    rank_window = 2_000  # ts_rank reads each tsvector, mostly from TOAST: ~12 µs a match
    ranks_known_ids = True  # `hits(among=ids)` is cheaper than a second match
    match_cap = 10_000  # each id read is a heap visit here (~5 µs): exact counts up to 10,000 matches

    def match_ids(self, query, groups, limit) -> np.ndarray:
        """Ids of up to `limit` matches, the most recently indexed first.

        Read newest first by probing id ranges: `id > top - span`, widened by the hit rate seen, so the
        heap is visited only in the range that holds the matches wanted. Left alone, the planner
        either walks the primary key backwards testing every row (2 s for a rare phrase at 1M) or
        visits every match and sorts them (0.8 s for a common word)."""
        where, params = where_clause(query, groups)
        with connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM search_entry")
            top = cursor.fetchone()[0] or 0
            # The first range from the planner's estimate of the matches (GIN statistics; ~1 ms): one
            # probe instead of two or three for a word in a fifth of the entries (200 → 100 ms at 1M).
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_entry WHERE {where}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            estimate = max(float(plan[0]["Plan"]["Plan Rows"]), 1.0)
            span = max(2 * limit, int(1.5 * limit * top / estimate))
            while True:
                low = top - span
                if low <= 0:
                    cursor.execute(f"SELECT id FROM search_entry WHERE {where} ORDER BY id + 0 DESC LIMIT %s",
                                   [*params, limit])
                    return np.fromiter((row[0] for row in cursor.fetchall()), np.int64)
                cursor.execute(f"SELECT id FROM search_entry WHERE {where} AND id > %s ORDER BY id + 0 DESC "
                               "LIMIT %s", [*params, low, limit])
                ids = np.fromiter((row[0] for row in cursor.fetchall()), np.int64)
                if len(ids) >= limit:
                    return ids
                rate = max(len(ids), 1) / span
                span = max(span * 4, int(1.5 * limit / rate))

    def scored_ids(self, query, groups, limit) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of up to `limit` matches, the most recent first, in one statement."""
        where, wparams = where_clause(query, groups)
        rank, rparams = rank_expression(query)
        with connection.cursor() as cursor:
            # `id + 0`: ordered by the bare key, the planner walks the primary key backwards (see match_ids)
            cursor.execute(f"SELECT id, {rank} FROM search_entry WHERE {where} ORDER BY id + 0 DESC LIMIT %s",
                           [*rparams, *wparams, limit])
            rows = cursor.fetchall()
        return (np.fromiter((r[0] for r in rows), np.int64, len(rows)),
                np.fromiter((float(r[1]) for r in rows), np.float64, len(rows)))

    def hits(self, query, groups, limit, offset=0, min_id=0, among=None):
        """`among`: every matching id, when services has them all; they are ranked by primary key
        instead of matching again (a phrase's candidates are rechecked row by row: 572 → ~20 ms for a
        rare two-word phrase at 1M)."""
        if among is not None:
            where, wparams = "id = ANY(%s)", [[int(i) for i in among]]
        else:
            where, wparams = where_clause(query, groups)
        rank, rparams = rank_expression(query)
        sql = (f"SELECT id, {rank} AS score FROM search_entry WHERE {where} AND id >= %s "
               "ORDER BY score DESC, id DESC LIMIT %s OFFSET %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*rparams, *wparams, min_id, limit, offset])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

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
