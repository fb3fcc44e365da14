"""Writes that compete with the ballot casts for the database's write lock (see docs/benchmarks-ballots.md)."""

import contextlib

from django.db import connection


@contextlib.contextmanager
def sqlite_write_queue():
    """SQLite only: queue write transactions on an OS file lock next to the database (`<name>.cast-lock`).

    SQLite's busy handler polls with growing sleeps (up to 100 ms), so under many concurrent writers a waiting
    cast can sleep long after the lock is free. flock() waiters are woken by the kernel as soon as it is
    released. Correctness does not depend on this (BEGIN IMMEDIATE still serialises); it only shortens waits.
    """
    name = connection.settings_dict.get("NAME")
    if connection.vendor != "sqlite" or connection.in_atomic_block or not name or ":memory:" in str(name) \
            or "mode=memory" in str(name):
        # Inside a caller's transaction the queue could deadlock against SQLite's own lock; that caller's
        # transaction serialises anyway.
        yield
        return
    try:
        import fcntl  # POSIX only: imported where the lock is taken, so other systems still load this module
    except ImportError:  # not POSIX
        yield
        return
    with open(f"{name}.cast-lock", "a") as handle:  # a new open file description per call: excludes threads too
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

