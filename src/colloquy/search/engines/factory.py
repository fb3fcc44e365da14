"""The engine for the current database, chosen from `connection.vendor`, and its bulk-load tools."""

from django.db import connection

from colloquy.search.engines import postgres, sqlite


def _backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def get_engine():
    return _backend().Engine()


def bulk_load():
    """Context manager for rebuilds: the engine's fastest way to load many rows at once."""
    return _backend().bulk_load()


def insert_values(table: str, columns: list[str], values) -> int:
    """Insert rows of `values` (tuples in the order of `columns`) into `table`; returns how many."""
    return _backend().insert_values(table, columns, values)


def optimize() -> None:
    """After bulk writes: whatever the engine's structures need (FTS5 merges its segments)."""
    _backend().optimize()
