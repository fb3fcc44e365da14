"""The record version: a number that changes after every write to the record, the key of cached pages.

Proof of correctness, in three steps:
1. Every write reaches the database as a SQL statement through a Django connection: the ORM's saves, deletes,
   `update()` and `bulk_create()`, the admin, loaddata, and hand-written SQL (`connection.cursor()`, the ballot cast
   path) alike. `install()` puts `watch` among the execute wrappers of every connection, which sees each statement
   before it runs. `is_write` calls a statement a write unless it is one of the read-only kinds it knows (SELECT,
   transaction control, PRAGMA, ...), so an unforeseen statement counts as a write.
2. On a write, `bump()` moves the version on twice: at once in this process (`_local`, so this process's next
   request, and a test inside a transaction, see it), and in the database (one upsert `counter + 1`), which is
   visible to other processes when the transaction commits: on SQLite inside the transaction, on PostgreSQL right
   after the commit (see bump()). The write's own response is sent after that, so any request that follows it,
   in any process, reads the new number.
3. A cached page's key holds the version read before the page is rendered (core/pagecache.py). A page rendered
   from data older than a write was keyed with a version older than that write's bump, so no request after the
   bump can find it. (A page rendered from newer data under an older key is harmless.)
Writes outside Django (psql, a restore with pg_restore) must call `bump()` themselves; `colloquy restore` does.
Exempt: the session table (logins do not change what anonymous visitors see) and the version row itself.
"""

import functools
import itertools
import re
import threading

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "core_recordversion"
_READ_ONLY = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "PRAGMA", "SHOW", "EXPLAIN", "VALUES",
              "SET ", "ANALYZE")
_SCHEMA = ("CREATE", "DROP", "ALTER")  # migrations and test databases; rows they move are written by INSERT/UPDATE
_CTE_WRITE = re.compile(r"\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\S+\s+SET\b", re.IGNORECASE)
_EXEMPT = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(?:django_session|' + TABLE + r')"?[\s(]',
                     re.IGNORECASE)

_local = itertools.count(1)
_local_value = 0
_lock = threading.Lock()


def is_write(sql: str) -> bool:
    head = sql.lstrip()[:12].upper()
    if head.startswith(_READ_ONLY) or head.startswith(_SCHEMA):
        return False
    if head.startswith("WITH"):
        return bool(_CTE_WRITE.search(sql))
    return not _EXEMPT.match(sql)


def watch(execute, sql, params, many, context):
    """Execute wrapper (see `install`): run the statement, then bump if it wrote."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and is_write(sql):
        bump(context["connection"])
    return result


def install(sender=None, connection=None, **kwargs):
    """`connection_created` receiver: watch every statement of the new connection (once per wrapper)."""
    if connection is not None and watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch)


def bump(using: str | BaseDatabaseWrapper = DEFAULT_DB_ALIAS) -> None:
    """Mark the record as changed: now in this process, and in the database once per transaction.

    SQLite serialises writers on one database lock anyway, so the counter is moved inside the writer's transaction
    (no second write transaction per write). PostgreSQL locks rows: moving the counter inside would serialise every
    writing transaction on its row, so it is moved right after the commit (outside a transaction: at once)."""
    global _local_value
    with _lock:
        _local_value = next(_local)
    connection = connections[using] if isinstance(using, str) else using
    if not connection.in_atomic_block:
        _bump_database(connection)
    elif not any(func is _bumped for _, func, _ in connection.run_on_commit):
        connection.on_commit(_bumped)  # this transaction's marker (dropped with it on rollback)
        if connection.vendor == "sqlite":
            _bump_database(connection)
        else:
            connection.on_commit(functools.partial(_bump_database, connection))


def _bumped() -> None:
    """Marks a transaction whose counter move is done or scheduled."""


def _bump_database(connection: BaseDatabaseWrapper) -> None:
    try:
        with connection.cursor() as cursor:  # an upsert: the row may be gone after a flush
            cursor.execute(f"INSERT INTO {TABLE} (id, counter) VALUES (1, 1) "
                           f"ON CONFLICT (id) DO UPDATE SET counter = {TABLE}.counter + 1")
    except DatabaseError:
        if TABLE in connection.introspection.table_names():
            raise
        # Migrating a new database: the table comes with core's first migration, and no page is served before.


def version(using: str = DEFAULT_DB_ALIAS) -> str:
    """The current record version: the database's counter and this process's own (one indexed read)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT counter FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return f"{row[0] if row else 0}.{_local_value}"
