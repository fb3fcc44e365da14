"""SQLite engine: FTS5 external-content tables `search_fts` (words) and `search_grams` (word pairs) over
`search_entry`, bm25 ranking with a title match worth ten body matches.

Why each trick exists (the figures are in docs/benchmarks-search.md):

- **The MATCH innermost**, in a subquery with its own ORDER BY/LIMIT; only the page of ids it returns
  is joined to the metadata table: joining first would make SQLite rank every match through the join
  (the known FTS trap). Pinned by the `perf` tests (EXPLAIN QUERY PLAN).
- **Word pairs** (`search_grams`, migration 0004): a query made only of two-word phrases is answered
  from single pair tokens instead of position lists.
- **bm25 written out** rather than FTS5's `rank` column, so SQLite's top-k sorter does the ordering.
- **Bulk loads** (`bulk.py`): executemany in batches, the per-row trigger dropped, FTS5's hash size
  raised and merging deferred, then one rebuild and one merge per table.
"""

from colloquy.search.engines.sqlite.bulk import bulk_load, insert_values, optimize
from colloquy.search.engines.sqlite.engine import SqliteEngine, match_expression, uses_pairs

Engine = SqliteEngine

__all__ = ["Engine", "SqliteEngine", "bulk_load", "insert_values", "match_expression", "optimize", "uses_pairs"]
