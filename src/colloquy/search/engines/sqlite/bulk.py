"""Bulk loads: executemany in batches, with the FTS trigger off and FTS5 tuned for the load."""

import itertools
from contextlib import contextmanager

from django.db import connection

BATCH = 1000

INSERT_TRIGGER = """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
    INSERT INTO search_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
    INSERT INTO search_grams(rowid, grams, tags) VALUES (new.id, new.grams, new.tags);
END"""  # as in migration 0004

TABLES = ("search_fts", "search_grams")
# For a bulk load: a 64 MB in-memory hash of pending terms (default 1 MB: a segment flushed, and merged
# again and again, every megabyte) and no merging until the load is done; the load ends with
# optimize(), which merges each table once.
BULK_SETTINGS = {"hashsize": (64 * 1024 * 1024, 1024 * 1024), "automerge": (0, 4), "crisismerge": (64, 16)}


def _chunks(items, size: int):
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def insert_values(table: str, columns: list[str], values) -> int:
    """One executemany per thousand rows (much faster than `bulk_create` for a load)."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    n = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(values, BATCH):
            cursor.executemany(sql, chunk)
            n += len(chunk)
    return n


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


def optimize() -> None:
    """Merge the FTS5 segments of both tables after bulk writes."""
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
