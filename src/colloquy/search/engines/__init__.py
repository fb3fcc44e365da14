"""Full-text engines, chosen from the database vendor (Wagtail style). Same contract for each:

- `match_ids(query, groups, limit)` → numpy array of the ids of up to `limit` matches, the most
  recently indexed (highest id) first; services filters and counts facets over them in memory
  (columns.py), so this is the one statement that visits many matches;
- `scored_ids(query, groups, limit)` → (ids, scores) of up to `limit` matches, most recent first, for a
  narrow filtered query whose matches are cheaper to score all at once than to find and then rank;
- `match_cap`: how many ids `match_ids` may be asked for per query;
- `base_cap`: how many ids of the words' matches alone services reads when filters are active (the
  filters then go to the engine unless the words match fewer);
- `truncated`: set by `match_ids` when it stopped before `limit` without having read every match (a
  work budget: PostgreSQL's phrase rechecks); services then reports the matches as "at least" so many;
- `hits(query, groups, limit, offset, min_id=0)` → [(entry id, score)] best first, among the matches
  with an id of at least `min_id` (a ranking window for very broad queries: see services.RANK_WINDOW);
  engines with `ranks_known_ids` also take `among=` every matching id, and rank those directly;
- `snippets(query, groups, ids)` → {id: (title fragment, body fragment)} with MARK_START/MARK_END markers.

`groups` is a conjunction of disjunctions of tag tokens: [["xfidm"], ["xy2006", "xy2007"]] means
forum IDM and year 2006 or 2007. A group starting with NOT ("!") excludes its tokens: ["!", "xvstaff"].
Audience filtering uses exclusion on purpose: the excluded tokens are rare, while a required
"public" token would be on nearly every row, and bm25 reads the whole posting list of every term.
"""

from django.db import connection

NOT = "!"


def get_engine():
    if connection.vendor == "postgresql":
        from colloquy.search.engines.postgres import PostgresEngine

        return PostgresEngine()
    from colloquy.search.engines.sqlite import SqliteEngine

    return SqliteEngine()


def bulk_load():
    """Context manager for rebuilds: the engine's fastest way to load many rows at once."""
    if connection.vendor == "postgresql":
        from colloquy.search.engines.postgres import bulk_load as load
    else:
        from colloquy.search.engines.sqlite import bulk_load as load
    return load()
