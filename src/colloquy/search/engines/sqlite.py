"""SQLite FTS5 engine: external-content tables `search_fts` (words) and `search_grams` (word pairs)
over `search_entry`, bm25 ranking with a title match worth ten body matches.

The MATCH sits innermost, in a subquery with its own ORDER BY/LIMIT, and only the page of ids it
returns is joined to the metadata table: joining first would make SQLite rank every match through
the join (the known FTS trap). `tests/test_engines.py` and `tests/test_sqlite_fts.py` check the plan
with EXPLAIN QUERY PLAN.
"""

from contextlib import contextmanager

import numpy as np
from django.db import connection

from colloquy.search.query import ParsedQuery, to_fts5
from colloquy.search.text import MARK_END, MARK_START, pairs_of


def uses_pairs(query: ParsedQuery) -> bool:
    """True when every term is a two-word phrase: the query is answered from `search_grams`."""
    terms = [*query.include, *query.exclude]
    return bool(query.include) and all(len(t.words) == 2 and not t.prefix for t in terms)


def _pairs_fts5(query: ParsedQuery) -> str:
    def token(term):
        return '"' + pairs_of(term.words)[0] + '"'

    expr = "grams : (" + " AND ".join(token(t) for t in query.include) + ")"
    for term in query.exclude:
        expr = f"({expr}) NOT (grams : {token(term)})"
    return expr


def match_expression(query: ParsedQuery, groups: list[list[str]]) -> str:
    from colloquy.search.engines import NOT

    text = (_pairs_fts5(query) if uses_pairs(query) else to_fts5(query)) if not query.is_empty else None
    parts, excluded = [text] if text else [], []
    for group in groups:
        clause = "tags : (" + " OR ".join(f'"{token}"' for token in group if token != NOT) + ")"
        (excluded if group and group[0] == NOT else parts).append(clause)
    expr = " AND ".join(f"({p})" for p in parts)
    for clause in excluded:
        expr = f"({expr}) NOT ({clause})"
    return expr


# bm25(title 10, body 1, tags 0) on search_fts; (grams 1, tags 0) on search_grams. Written out rather
# than FTS5's `rank` column: with ORDER BY rank, FTS5 sorts through a nested statement of its own,
# about twice as slow per match as SQLite's top-k sorter over the same bm25 values.
BM25 = {"search_fts": "bm25(search_fts, 10.0, 1.0, 0.0)", "search_grams": "bm25(search_grams, 1.0, 0.0)"}
HITS_SQL = (
    "SELECT m.id, m.score FROM ("
    " SELECT rowid AS id, {bm25} AS score FROM {table}"
    " WHERE {table} MATCH %s AND rowid >= %s ORDER BY score, rowid DESC LIMIT %s OFFSET %s"
    ") AS m JOIN search_entry AS e ON e.id = m.id ORDER BY m.score, m.id DESC"
)
# The ids come back as one string: one Python object instead of one per match (under half the time for 10,000).
IDS_SQL = ("SELECT group_concat(rowid) FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s "
           "ORDER BY rowid DESC LIMIT %s)")


SCORED_SQL = "SELECT rowid, {bm25} FROM {table} WHERE {table} MATCH %s ORDER BY rowid DESC LIMIT %s"


def _table(query: ParsedQuery) -> str:
    return "search_grams" if uses_pairs(query) else "search_fts"


def _sql(template: str, query: ParsedQuery) -> str:
    table = _table(query)
    return template.format(table=table, bm25=BM25[table])


class SqliteEngine:
    """bm25 costs a pass over every phrase's whole doclist before the first row (FTS5 counts each
    phrase's matches for its IDF), so only the ranking statement computes it; finding the matching
    ids (`match_ids`) reads the doclists once. Queries made only of two-word phrases are answered
    from `search_grams`, where each phrase is one token (see migration 0004)."""

    name = "sqlite-fts5"
    rank_window = 5_000  # bm25 is paid per match, after its pass over each phrase's doclist
    ranks_known_ids = False  # FTS5 takes `rowid IN (...)` one value at a time: matching again is cheaper
    # Reading ids is cheap here, but every one counts at 1M passages: this cap is what keeps the 1M query
    # mix within its p95 target (docs/benchmarks-search.md, "SQLite's 20,000 cap").
    match_cap = 20_000
    base_cap = 20_000  # the words' matches read when filters are active: as many as without
    truncated = False  # match_ids always reads every match, up to its limit

    def match_ids(self, query, groups, limit) -> np.ndarray:
        """Ids of up to `limit` matches, the most recently indexed first."""
        with connection.cursor() as cursor:
            cursor.execute(_sql(IDS_SQL, query), [match_expression(query, groups), limit])
            text = cursor.fetchone()[0]
        return np.fromstring(text, dtype=np.int64, sep=",") if text else np.empty(0, np.int64)

    def scored_ids(self, query, groups, limit) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of up to `limit` matches, the most recent first: for narrow filtered queries,
        finding and ranking them in one statement (bm25 walks each phrase once either way)."""
        with connection.cursor() as cursor:
            cursor.execute(_sql(SCORED_SQL, query), [match_expression(query, groups), limit])
            rows = cursor.fetchall()
        return (np.fromiter((r[0] for r in rows), np.int64, len(rows)),
                np.fromiter((-r[1] for r in rows), np.float64, len(rows)))

    def hits(self, query, groups, limit, offset=0, min_id=0):
        """Best matches first, among the matches with an id of at least `min_id`."""
        with connection.cursor() as cursor:
            cursor.execute(_sql(HITS_SQL, query), [match_expression(query, groups), min_id, limit, offset])
            return [(row[0], -row[1]) for row in cursor.fetchall()]  # bm25: lower is better

    def snippets(self, query, groups, ids):
        """Highlights need only the words: the ids were filtered already, so the tag groups are left
        out of the MATCH (they would make FTS5 walk the filter tokens' long doclists again)."""
        if not ids or query.is_empty:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        if any(t.prefix for t in [*query.include, *query.exclude]):
            # FTS5 evaluates `rowid IN (...)` one value at a time, expanding the prefix again for each:
            # one range scan filtered by SQLite (`+rowid`) expands it once. Without a prefix the lookups
            # are cheap and the range scan is not (docs/benchmarks-search.md).
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
            cursor.execute("EXPLAIN QUERY PLAN " + _sql(HITS_SQL, query), [match_expression(query, groups), 0, limit, 0])
            return [row[-1] for row in cursor.fetchall()]


INSERT_TRIGGER = """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
    INSERT INTO search_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
    INSERT INTO search_grams(rowid, grams, tags) VALUES (new.id, new.grams, new.tags);
END"""  # as in migration 0004


TABLES = ("search_fts", "search_grams")
# For a bulk load: a 64 MB in-memory hash of pending terms (default 1 MB: a segment flushed, and merged
# again and again, every megabyte) and no merging until the load is done; the load ends with
# index.optimize(), which merges each table once. It halves the indexing time (docs/benchmarks-search.md).
BULK_SETTINGS = {"hashsize": (64 * 1024 * 1024, 1024 * 1024), "automerge": (0, 4), "crisismerge": (64, 16)}


def _configure(cursor, during: bool) -> None:
    for table in TABLES:
        for key, (bulk, default) in BULK_SETTINGS.items():
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES (%s, %s)", [key, bulk if during else default])


@contextmanager
def bulk_load():
    """For rebuilds: insert rows without the per-row FTS trigger, then rebuild both FTS tables in one
    pass each, with the settings above."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS search_entry_ai")
        _configure(cursor, during=True)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(INSERT_TRIGGER)
            for table in TABLES:
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            _configure(cursor, during=False)
