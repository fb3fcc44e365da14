"""The PostgreSQL engine over `search_match` (see the package note for the tricks it relies on)."""

import numpy as np
from django.db import connection

from colloquy.search.engines.base import MatchSet
from colloquy.search.engines.postgres.buckets import has_buckets, recent
from colloquy.search.engines.postgres.conditions import match_condition, rank_expression, words
from colloquy.search.engines.postgres.planner import bitmap_scans, plan_estimate
from colloquy.search.text import MARK_END, MARK_START

PHRASE_CANDIDATES = 3_000  # rows rechecked for a phrase, at most, per match (the phrase budget)

HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=20, ShortWord=2, "
            "MaxFragments=2, FragmentDelimiter=\" … \"")
TITLE_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"


def _ids(rows) -> np.ndarray:
    return np.fromiter((row[0] for row in rows), np.int64, len(rows))


class PostgresEngine:
    """Matching reads `search_match` (migration 0005): GIN finds the matches and each one costs a visit
    to a narrow heap; the tsvectors sit in TOAST and are read only to rank (ts_rank) or to recheck a
    phrase. Broad queries are read newest first, bucket range by bucket range (`buckets.recent`), and
    ranked within a window of the most recent matches."""

    name = "postgresql-tsvector"
    # ts_rank reads each tsvector from TOAST, and the most recent matches of a filtered query lie all
    # over the table: a smaller window than SQLite's
    rank_window = 1_000
    ranks_known_ids = True  # `hits(among=ids)` is cheaper than a second match
    match_cap = 10_000  # each id read is a heap visit here: exact counts up to 10,000 matches
    base_cap = 2_000  # with filters active, the words alone: 2,000 matches read, then the filters

    def match_ids(self, query, groups, limit) -> MatchSet:
        """Up to `limit` matches, the most recently indexed first.

        Read newest first by probing id ranges (`buckets.recent`), widened by the hit rate seen, so that
        only the range holding the matches wanted is read; the first range comes from the planner's
        estimate of the matches: one probe instead of two or three for a common word.

        A phrase is rechecked on each candidate row (one with all its words; a TOAST read), and the
        planner's estimate for a phrase is the count of those candidates. The probes stop at the range
        expected to hold PHRASE_CANDIDATES of them; the MatchSet is then not complete, and services
        reports the matches found as "at least" that many."""
        want = limit + 1  # one more than asked: says whether there are more
        where, params = match_condition(query, groups)
        with connection.cursor() as cursor:  # before bitmap_scans(), which would make this a full scan
            cursor.execute("SELECT max(id) FROM search_match")
            top = cursor.fetchone()[0] or 0
        with bitmap_scans() as cursor:
            estimate, rechecked = plan_estimate(cursor, where, params)
            span = max(2 * want, int(1.5 * want * top / estimate))
            widest = int(PHRASE_CANDIDATES * top / estimate) if rechecked else top
            if not has_buckets():  # each probe would read every match: read them once
                span = widest = top
            while True:
                last = span >= widest
                span = min(span, widest)
                since, since_params = recent(top - span + 1)
                # `id + 0`: ordered by the bare key, the planner walks the primary key backwards
                cursor.execute(f"SELECT id FROM search_match WHERE {where} AND {since} ORDER BY id + 0 DESC "
                               "LIMIT %s", [*params, *since_params, want])
                ids = _ids(cursor.fetchall())
                if len(ids) >= want or since == "TRUE":
                    return MatchSet.read(ids, limit)
                if last:  # the phrase budget is spent
                    return MatchSet.read(ids, limit, stopped=True)
                rate = max(len(ids), 1) / span
                span = max(span * 4, int(1.5 * want / rate))

    def scored_ids(self, query, groups, limit) -> MatchSet:
        """Up to `limit` matches with their scores, the most recent first, in one statement."""
        where, wparams = match_condition(query, groups)
        rank, rparams = rank_expression(query)
        with bitmap_scans() as cursor:
            cursor.execute(f"SELECT id, {rank} FROM search_match WHERE {where} ORDER BY id + 0 DESC LIMIT %s",
                           [*rparams, *wparams, limit + 1])
            rows = cursor.fetchall()
        return MatchSet.read(_ids(rows), limit, scores=np.fromiter((float(r[1]) for r in rows), np.float64, len(rows)))

    def hits(self, query, groups, limit, offset=0, min_id=0, among=None):
        """`among`: the matching ids to rank (services passes the most recent matches, up to the ranking
        window), read by primary key instead of matching again (a phrase would be rechecked again)."""
        if among is not None:
            where, wparams = "id = ANY(%s)", [[int(i) for i in among]]
        else:
            where, wparams = match_condition(query, groups)
            since, since_params = recent(min_id)
            where, wparams = f"{where} AND {since}", [*wparams, *since_params]
        rank, rparams = rank_expression(query)
        sql = (f"SELECT id, {rank} AS score FROM search_match WHERE {where} "
               "ORDER BY score DESC, id DESC LIMIT %s OFFSET %s")
        with bitmap_scans() as cursor:  # known ids too (see the package note)
            cursor.execute(sql, [*rparams, *wparams, limit, offset])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def snippets(self, query, groups, ids):
        if not ids or query.is_empty:
            return {}
        sql, params = words(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('colloquy', title, q, %s), ts_headline('colloquy', body, q, %s) "
                f"FROM search_entry, (SELECT {sql} AS q) AS qq WHERE id = ANY(%s)",
                [TITLE_HEADLINE, HEADLINE, *params, list(ids)],
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
