"""PostgreSQL engine: a narrow table `search_match` of tsvectors (migration 0005) with one GIN index,
text search configuration `colloquy` (english stemming, accents folded by unaccent when the extension
is available).

The user query becomes `to_tsquery('colloquy', %s)` per term, combined with && and !!; each
parameter holds only letters, digits and the operators the renderer adds (see query.to_tsquery).
(`websearch_to_tsquery` would be simpler but has no prefix search.) Filter tags are `#token` lexemes
of the same tsvector, joined to the words' tsquery as one `%s::tsquery` of quoted lexemes.
"""

import functools
import json
import re
from contextlib import contextmanager

import numpy as np
from django.db import connection, transaction

from colloquy.search import facets as facet_defs
from colloquy.search.query import ParsedQuery, to_tsquery
from colloquy.search.text import MARK_END, MARK_START

BUCKET = 4096  # ids per bucket of the GIN index's id column (migration 0005)
YEAR = facet_defs.BY_NAME["year"].code  # year tag tokens: "xy2017"
PHRASE_OPERATOR = re.compile(r"<(?:-|\d+)>")
PHRASE_CANDIDATES = 3_000  # rows rechecked for a phrase, at most, per match

HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=20, ShortWord=2, "
            "MaxFragments=2, FragmentDelimiter=\" … \"")
TITLE_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"


def _tag_query(groups: list[list[str]]) -> str:
    """The tag groups as tsquery text over `#token` lexemes: required groups ANDed, excluded ones
    negated. Tokens are lowercase letters and digits (facets.token), so quoting them is safe.

    A year range and another filter become one group of combined lexemes (`#xfidm~2017`, written by
    migration 0005's search_tag_vector): GIN then walks a few short posting lists instead of checking
    every match of the words against the filter's long one and each year's."""
    from colloquy.search.engines import NOT

    groups = [g for g in groups if [t for t in g if t != NOT]]
    years = next((g for g in groups if g[0] != NOT and all(t.startswith(YEAR) for t in g)), None)
    partner = next((g for g in groups if g is not years and g[0] != NOT), None) if years else None
    if partner is not None:
        combined = [f"{t}~{y[len(YEAR):]}" for t in partner for y in years]
        groups = [combined if g is partner else g for g in groups if g is not years]
    parts = []
    for group in groups:
        tokens = [t for t in group if t != NOT]
        alternatives = "(" + " | ".join(f"'#{t}'" for t in tokens) + ")"
        parts.append(f"!{alternatives}" if group[0] == NOT else alternatives)
    return " & ".join(parts)


def match_condition(query: ParsedQuery, groups: list[list[str]]) -> tuple[str, list]:
    """One `@@` on search_match.tsv: the words and the tag filters together, so that GIN evaluates the
    filters and the audience exclusion inside the index."""
    tags = _tag_query(groups)
    if query.is_empty:
        return ("tsv @@ %s::tsquery", [tags]) if tags else ("TRUE", [])
    sql, params = to_tsquery(query)
    sql = sql.replace("english", "colloquy")
    if not tags:
        return f"tsv @@ {sql}", params
    # Words that are all stop words make an empty tsquery, and `'' && tags` would match every entry
    # with the tags: the first test (a one-time filter, no row involved) rules that out.
    return f"numnode({sql}) > 0 AND tsv @@ ({sql} && %s::tsquery)", [*params, *params, tags]


def rank_expression(query: ParsedQuery) -> tuple[str, list]:
    if query.is_empty:
        return "0", []
    sql, params = to_tsquery(query)
    return f"ts_rank(tsv, {sql.replace('english', 'colloquy')})", params


@functools.cache
def _has_buckets(database: str) -> bool:
    """True when search_match's GIN index has its id-bucket column (btree_gin was available)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT i.indexprs IS NOT NULL FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid "
                       "WHERE c.relname = 'search_match_gin'")
        row = cursor.fetchone()
    return bool(row and row[0])


def _recent(low_id: int) -> tuple[str, list]:
    """Ids of at least `low_id`, as two conditions: the bucket range, which the GIN index evaluates
    (so that only the matches in range are read), and the exact bound, tested on the narrow row."""
    if low_id <= 1:  # ids start at 1
        return "TRUE", []
    if not _buckets():
        return "id + 0 >= %s", [low_id]
    return f"(id / {BUCKET}) >= %s::bigint AND id + 0 >= %s", [low_id // BUCKET, low_id]


def _buckets() -> bool:
    return _has_buckets(str(connection.settings_dict.get("NAME")))


PLANNER = {"enable_seqscan": "off", "enable_indexscan": "off", "max_parallel_workers_per_gather": "0"}


@contextmanager
def _bitmap_scans():
    """A cursor whose statements read search_match through its GIN index only.

    The planner does not know that testing `@@` on a row means a TOAST read, and may prefer walking
    the primary key or the heap and testing every row, many times slower for a common word (figures in
    docs/benchmarks-search.md). Switched off for these statements only (set_config(..., true) lasts to
    the end of the transaction), with parallel workers, whose start costs more than the bitmap scans
    they would share."""
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(f'current_setting({name!r})' for name in PLANNER)}, "
                       f"{', '.join(f'set_config({name!r}, {value!r}, true)' for name, value in PLANNER.items())}")
        before = cursor.fetchone()[: len(PLANNER)]
        yield cursor
        if nested:  # the caller's transaction goes on: give it its settings back
            cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _ in PLANNER),
                           [x for pair in zip(PLANNER, before, strict=True) for x in pair])


def _ids(rows) -> np.ndarray:
    return np.fromiter((row[0] for row in rows), np.int64, len(rows))


class PostgresEngine:
    """Matching reads `search_match` (migration 0005): GIN finds the matches and each one costs a visit
    to a narrow heap (~90 bytes a row); the tsvectors sit in TOAST and are read only to rank (ts_rank)
    or to recheck a phrase. Broad queries are read newest first, bucket range by
    bucket range (`_recent`), and ranked within a window of the most recent matches."""

    name = "postgresql-tsvector"
    # ts_rank reads each tsvector from TOAST, several times dearer when its pages are not in shared buffers
    # (the most recent matches of a filtered query lie all over the table; docs/benchmarks-search.md)
    rank_window = 1_000
    ranks_known_ids = True  # `hits(among=ids)` is cheaper than a second match
    match_cap = 10_000  # each id read is a heap visit here: exact counts up to 10,000 matches
    base_cap = 2_000  # with filters active, the words alone: 2,000 matches read, then the filters
    truncated = False  # set by match_ids when it stopped short of reading every match (phrases)

    def match_ids(self, query, groups, limit) -> np.ndarray:
        """Ids of up to `limit` matches, the most recently indexed first.

        Read newest first by probing id ranges (`_recent`), widened by the hit rate seen, so that only
        the range holding the matches wanted is read; the first range comes from the planner's estimate
        of the matches (GIN statistics, cheap): one probe instead of two or three for a common word.

        A phrase is rechecked on each candidate row (one with all its words; a TOAST read each), and
        the planner's estimate for a phrase is the count of those candidates. The probes stop at the
        range expected to hold PHRASE_CANDIDATES of them; `truncated` is then set, and services
        reports the matches found as "at least" that many (a phrase of two common words has some
        90,000 candidates at 1M passages, too many to recheck them all: docs/benchmarks-search.md)."""
        self.truncated = False
        where, params = match_condition(query, groups)
        with connection.cursor() as cursor:  # before _bitmap_scans(), which would make this a full scan
            cursor.execute("SELECT max(id) FROM search_match")
            top = cursor.fetchone()[0] or 0
        with _bitmap_scans() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_match WHERE {where}", params)
            plan = cursor.fetchone()[0]
            node = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
            while node["Node Type"] == "Result" and node.get("Plans"):  # under numnode()'s one-time filter
                node = node["Plans"][0]
            estimate = max(float(node["Plan Rows"]), 1.0)
            span = max(2 * limit, int(1.5 * limit * top / estimate))
            # A phrase left after stop words are dropped ("to challenges" is `challeng`): the planned
            # condition shows it as <-> or <N> (the tsquery is folded to a constant there).
            rechecked = bool(PHRASE_OPERATOR.search(json.dumps(node)))
            widest = int(PHRASE_CANDIDATES * top / estimate) if rechecked else top
            if not _buckets():  # each probe would read every match: read them once
                span = widest = top
            while True:
                last = span >= widest
                span = min(span, widest)
                recent, rparams = _recent(top - span + 1)
                # `id + 0`: ordered by the bare key, the planner walks the primary key backwards
                cursor.execute(f"SELECT id FROM search_match WHERE {where} AND {recent} ORDER BY id + 0 DESC "
                               "LIMIT %s", [*params, *rparams, limit])
                ids = _ids(cursor.fetchall())
                if len(ids) >= limit or recent == "TRUE":
                    return ids
                if last:
                    self.truncated = True
                    return ids
                rate = max(len(ids), 1) / span
                span = max(span * 4, int(1.5 * limit / rate))

    def scored_ids(self, query, groups, limit) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of up to `limit` matches, the most recent first, in one statement."""
        where, wparams = match_condition(query, groups)
        rank, rparams = rank_expression(query)
        with _bitmap_scans() as cursor:
            cursor.execute(f"SELECT id, {rank} FROM search_match WHERE {where} ORDER BY id + 0 DESC LIMIT %s",
                           [*rparams, *wparams, limit])
            rows = cursor.fetchall()
        return _ids(rows), np.fromiter((float(r[1]) for r in rows), np.float64, len(rows))

    def hits(self, query, groups, limit, offset=0, min_id=0, among=None):
        """`among`: the matching ids to rank (services passes the most recent matches, up to the ranking
        window), read by primary key instead of matching again (a phrase would be rechecked again)."""
        if among is not None:
            where, wparams = "id = ANY(%s)", [[int(i) for i in among]]
        else:
            where, wparams = match_condition(query, groups)
            recent, recent_params = _recent(min_id)
            where, wparams = f"{where} AND {recent}", [*wparams, *recent_params]
        rank, rparams = rank_expression(query)
        sql = (f"SELECT id, {rank} AS score FROM search_match WHERE {where} "
               "ORDER BY score DESC, id DESC LIMIT %s OFFSET %s")
        # Known ids too: the 1M mix is slower with the planner's defaults, parallel workers among them
        # (docs/benchmarks-search.md).
        with _bitmap_scans() as cursor:
            cursor.execute(sql, [*rparams, *wparams, limit, offset])
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


GIN_INDEX = "search_match_gin"


def _create_gin(cursor) -> None:
    """As in migration 0005: with the id-bucket column when btree_gin is there."""
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'")
    columns = f"tsv, (id / {BUCKET})" if cursor.fetchone() else "tsv"
    cursor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON search_match USING gin ({columns})")


@contextmanager
def bulk_load():
    """For rebuilds: drop the GIN index, load, and build it once (much faster than row by row); then
    ANALYZE, since match_ids sizes its first range from the planner's estimate."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            _create_gin(cursor)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("ANALYZE search_match")
