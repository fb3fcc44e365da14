"""Full-text engines, chosen from the database vendor (Wagtail style). Same contract for each:

- `hits(query, groups, limit, offset)` → [(entry id, score)] best first;
- `hits_in_window(query, groups, limit, offset, window)` → (best of the `window` most recently indexed
  matches, how many matches that window holds: the exact total when fewer than `window`);
- `count(query, groups)` → number of matches; `exact_counts` says whether services may ask it for a
  broad query (PostgreSQL: no, a count visits every matching row; see services._facets);
- `facet_rows(query, groups, cap, remember=False)` → the `facets` column of up to `cap` matches;
  with `remember`, the engine (one per request) keeps what it read for the later calls on the same
  match (SQLite: the bm25 scores; PostgreSQL: the ids), when the pass read every match;
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
