"""Bulk loads: one COPY for the rows, and the GIN index dropped and built once."""

from contextlib import contextmanager

from django.db import connection

from colloquy.search.engines.postgres.buckets import GIN_INDEX, create_gin


def insert_values(table: str, columns: list[str], values) -> int:
    """One COPY, which the server consumes while this process prepares the next rows (psycopg writes
    from a thread): given a generator, the Python work and the server's tsvectors run on two cores at
    once. The rows must then not need the database: the connection runs no other query during a COPY."""
    n = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
            n += 1
    return n


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
            create_gin(cursor)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("ANALYZE search_match")


def optimize() -> None:
    """Nothing to do: autovacuum keeps search_match and its index."""
