"""Id buckets in the GIN index: `(id / BUCKET)` is a second column of search_match's GIN index
(btree_gin), so a condition on it restricts the index scan itself to the most recent ids."""

import functools

from django.db import connection

BUCKET = 4096  # ids per bucket of the GIN index's id column (migration 0005 uses the same value)
GIN_INDEX = "search_match_gin"


@functools.cache
def _has_buckets(database: str) -> bool:
    """True when search_match's GIN index has its id-bucket column (btree_gin was available)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT i.indexprs IS NOT NULL FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid "
                       "WHERE c.relname = %s", [GIN_INDEX])
        row = cursor.fetchone()
    return bool(row and row[0])


def has_buckets() -> bool:
    return _has_buckets(str(connection.settings_dict.get("NAME")))


def recent(low_id: int) -> tuple[str, list]:
    """Ids of at least `low_id`, as two conditions: the bucket range, which the GIN index evaluates
    (so that only the matches in range are read), and the exact bound, tested on the narrow row."""
    if low_id <= 1:  # ids start at 1
        return "TRUE", []
    if not has_buckets():
        return "id + 0 >= %s", [low_id]
    return f"(id / {BUCKET}) >= %s::bigint AND id + 0 >= %s", [low_id // BUCKET, low_id]


def create_gin(cursor) -> None:
    """As in migration 0005: with the id-bucket column when btree_gin is there."""
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'")
    columns = f"tsv, (id / {BUCKET})" if cursor.fetchone() else "tsv"
    cursor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON search_match USING gin ({columns})")
