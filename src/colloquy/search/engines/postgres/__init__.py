"""PostgreSQL engine: tsvectors in a narrow table, `search_match` (migration 0005), one GIN index, and
the text search configuration `colloquy` (english stemming, accents folded by unaccent when the
extension is available).

Every trick here answers one measurement at 1M passages; the figures, before and after, are in
docs/benchmarks-search.md, "What changed, and what each change was worth (PostgreSQL, 1M passages)"
(items 1-7). Why each exists, and where it lives:

- **The 2 KB pad and `toast_tuple_target = 128`** (migration 0005; item 1). GIN has no index-only scans:
  every match read is a heap visit, so the rows must be narrow. PostgreSQL moves a value out of line only
  from rows longer than ~2 KB, whatever `toast_tuple_target` says; `pad` (2 KB of spaces, compressed in
  line to a few bytes) makes every row that long, and the low target then moves the tsvector to TOAST.
  A row is then an id and a pointer; the tsvector is read only to rank or to recheck a phrase.
- **Id buckets in the GIN index** (`gin (tsv, (id / 4096))` with btree_gin; `buckets.py`; item 2). A
  range on the bare id is applied after the heap visit; on the bucket column it restricts the index scan,
  so reading a common word's newest matches visits only their pages. `engine.match_ids` probes id ranges
  from the newest down. Without btree_gin the index has no id column and matches are read in one go.
- **Planner switches per transaction** (`planner.bitmap_scans`; item 2). The planner does not know that
  testing `@@` on a row is a TOAST read and would walk the primary key testing every row. Sequential
  and plain index scans, and parallel workers, are switched off with `set_config(..., true)` for the
  engine's own transaction, and given back when it runs inside the caller's. Ranking known ids keeps
  them too: with the defaults the 1M mix measured p95 50.6 ms against 42.8 under these settings.
- **Tags as lexemes of the same tsvector** (`#xfidm`, and `#xfidm~2017` for a filter with a year;
  `conditions.py`; item 3): one `@@` evaluates words, filters and the audience exclusion in the index.
- **The phrase budget** (`engine.PHRASE_CANDIDATES`; item 4). A phrase is rechecked on every candidate
  row (one with all its words); for two common words that is tens of thousands of TOAST reads. The
  probes stop at the range expected to hold the budget's candidates, and the MatchSet says it is not
  complete ("at least N").
- **COPY bulk loads** (`bulk.py`; item 7). Rebuilds write with one COPY, which the server consumes while
  Python prepares the next rows, and drop the GIN index to build it once at the end, then ANALYZE
  (match_ids sizes its first range from the planner's estimate).

The SQL text and plans these rely on are pinned by the tests marked `perf` (`pytest -m perf`).
"""

from colloquy.search.engines.postgres.bulk import bulk_load, insert_values, optimize
from colloquy.search.engines.postgres.engine import PostgresEngine

Engine = PostgresEngine

__all__ = ["Engine", "PostgresEngine", "bulk_load", "insert_values", "optimize"]
