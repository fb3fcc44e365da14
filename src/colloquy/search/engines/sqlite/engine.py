"""The SQLite FTS5 engine (see the package note)."""

import numpy as np
from django.db import connection

from colloquy.search.engines.base import NOT, MatchSet
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
# The ids come back as one string: one Python object instead of one per match.
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
    rank_window = 5_000  # bm25 is cheap a match, after its pass over each phrase's doclist
    ranks_known_ids = False  # FTS5 takes `rowid IN (...)` one value at a time: matching again is cheaper
    # Ids are cheap to read here (prefixes the most); the cap was chosen on the benchmark's p95/p99
    # (docs/benchmarks-search.md, "SQLite": the 20,000 cap).
    match_cap = 20_000
    base_cap = 20_000  # the words' matches read when filters are active: as many as without

    def match_ids(self, query, groups, limit) -> MatchSet:
        """Up to `limit` matches, the most recently indexed first (every match is read: no budget)."""
        with connection.cursor() as cursor:
            cursor.execute(_sql(IDS_SQL, query), [match_expression(query, groups), limit + 1])
            text = cursor.fetchone()[0]
        return MatchSet.read(np.fromstring(text, dtype=np.int64, sep=",") if text else np.empty(0, np.int64), limit)

    def scored_ids(self, query, groups, limit) -> MatchSet:
        """Up to `limit` matches with their scores, the most recent first: for narrow filtered queries,
        finding and ranking them in one statement (bm25 walks each phrase once either way)."""
        with connection.cursor() as cursor:
            cursor.execute(_sql(SCORED_SQL, query), [match_expression(query, groups), limit + 1])
            rows = cursor.fetchall()
        return MatchSet.read(np.fromiter((r[0] for r in rows), np.int64, len(rows)), limit,
                             scores=np.fromiter((-r[1] for r in rows), np.float64, len(rows)))

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
            # one range scan filtered by SQLite (`+rowid`) expands it once. Without a prefix the
            # lookups are cheap and the range scan is not.
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
