"""SQLite FTS5 engine: external-content table `search_fts` over `search_entry`, bm25 ranking.

Ranking is FTS5's `rank` column, configured in the migration as bm25(10, 1, 0) (title, body, tags),
so FTS5 sorts internally. The MATCH sits innermost, in a subquery with its own ORDER BY/LIMIT, and only the page of ids it
returns is joined to the metadata table: joining first would make SQLite rank every match through
the join (the known FTS trap). `test_engine_sqlite.py` checks the plan with EXPLAIN QUERY PLAN.
"""

from contextlib import contextmanager

from django.db import connection

from colloquy.search.query import ParsedQuery, to_fts5
from colloquy.search.text import MARK_END, MARK_START


def match_expression(query: ParsedQuery, groups: list[list[str]]) -> str:
    from colloquy.search.engines import NOT

    parts, excluded = [to_fts5(query)] if not query.is_empty else [], []
    for group in groups:
        clause = "tags : (" + " OR ".join(f'"{token}"' for token in group if token != NOT) + ")"
        (excluded if group and group[0] == NOT else parts).append(clause)
    expr = " AND ".join(f"({p})" for p in parts)
    for clause in excluded:
        expr = f"({expr}) NOT ({clause})"
    return expr


# bm25(title 10, body 1, tags 0). Written out rather than FTS5's `rank` column: with ORDER BY rank,
# FTS5 sorts through a nested statement of its own, about twice as slow per match as SQLite's
# top-k sorter over the same bm25 values (29 vs 56 ms for a 20,000-match window).
BM25 = "bm25(search_fts, 10.0, 1.0, 0.0)"
HITS_SQL = (
    "SELECT m.id, m.score FROM ("
    f" SELECT rowid AS id, {BM25} AS score FROM search_fts"
    " WHERE search_fts MATCH %s AND rowid >= %s ORDER BY score, rowid DESC LIMIT %s OFFSET %s"
    ") AS m JOIN search_entry AS e ON e.id = m.id ORDER BY m.score, m.id DESC"
)


class SqliteEngine:
    """Each statement makes FTS5 evaluate the MATCH again (phrases, prefix expansions and filter
    tokens included), so one engine serves one request and remembers what it learnt: a facet pass
    with `remember=True` that read every match (fewer than its cap) keeps their bm25 scores, and the
    ranking and count of the same expression come from them without another MATCH."""

    name = "sqlite-fts5"
    exact_counts = True  # FTS5 counts from the doclists alone: ~1 ms per 10,000 matches

    def __init__(self):
        self._ranked: dict[str, list[tuple[int, float]]] = {}  # expression → every match, best first

    def hits(self, query, groups, limit, offset=0, window=None):
        """Best matches first. With `window`, rank only the `window` most recently indexed matches
        (bm25 costs time per match; see services.RANK_WINDOW)."""
        expr = match_expression(query, groups)
        if window is None and expr in self._ranked:
            return [(i, -score) for i, score in self._ranked[expr][offset : offset + limit]]
        with connection.cursor() as cursor:
            cutoff = 0
            if window:
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC "
                               "LIMIT 1 OFFSET %s", [expr, window - 1])
                row = cursor.fetchone()
                cutoff = row[0] if row else 0
            cursor.execute(HITS_SQL, [expr, cutoff, limit, offset])
            return [(row[0], -row[1]) for row in cursor.fetchall()]  # bm25: lower is better

    def hits_in_window(self, query, groups, limit, offset, window) -> tuple[list[tuple[int, float]], int]:
        """(best of the `window` most recent matches, how many matches the window holds)."""
        expr = match_expression(query, groups)
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
                           [expr, window])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(HITS_SQL, [expr, ids[-1] if ids else 0, limit, offset])
            return [(row[0], -row[1]) for row in cursor.fetchall()], len(ids)

    def count(self, query, groups):
        expr = match_expression(query, groups)
        if expr in self._ranked:
            return len(self._ranked[expr])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [expr])
            return cursor.fetchone()[0]

    def facet_rows(self, query, groups, cap, remember=False):
        """`remember`: also score the matches (bm25, ~1.5 µs each), and keep them when all were read."""
        expr = match_expression(query, groups)
        if not remember or query.is_empty:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT e.facets FROM search_entry AS e WHERE e.id IN "
                    "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s)", [expr, cap])
                return [row[0] for row in cursor.fetchall()]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.id, m.score, e.facets FROM (SELECT rowid AS id, {BM25} AS score FROM search_fts "
                "WHERE search_fts MATCH %s LIMIT %s) AS m JOIN search_entry AS e ON e.id = m.id",
                [expr, cap],
            )
            rows = cursor.fetchall()
        if len(rows) < cap:
            self._ranked[expr] = sorted(((row[0], row[1]) for row in rows), key=lambda r: (r[1], -r[0]))
        return [row[2] for row in rows]

    def snippets(self, query, groups, ids):
        """Highlights need only the words: the ids were filtered already, so the tag groups are left
        out of the MATCH (they would make FTS5 walk the filter tokens' long doclists again)."""
        if not ids or query.is_empty:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        if any(t.prefix for t in [*query.include, *query.exclude]):
            # FTS5 evaluates `rowid IN (...)` one value at a time, expanding the prefix again for each
            # (470 ms for 20 ids of `migr*` at 100k passages): one range scan filtered by SQLite
            # (`+rowid`) expands it once. Without a prefix the lookups are cheap (~1 ms), the range
            # scan is not (20-70 ms at 1M passages).
            where = f"rowid BETWEEN %s AND %s AND +rowid IN ({placeholders})"
            params = [min(ids), max(ids), *ids]
        else:
            where, params = f"rowid IN ({placeholders})", list(ids)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, highlight(search_fts, 0, %s, %s), snippet(search_fts, 1, %s, %s, '…', 40) "
                f"FROM search_fts WHERE search_fts MATCH %s AND {where}",
                [MARK_START, MARK_END, MARK_START, MARK_END, to_fts5(query), *params],
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}

    def explain(self, query, groups, limit=20):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + HITS_SQL, [match_expression(query, groups), 0, limit, 0])
            return [row[-1] for row in cursor.fetchall()]


INSERT_TRIGGER = """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
    INSERT INTO search_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END"""  # as in migration 0002


@contextmanager
def bulk_load():
    """For rebuilds: insert rows without the per-row FTS trigger, then rebuild the FTS index in one pass."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS search_entry_ai")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(INSERT_TRIGGER)
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
