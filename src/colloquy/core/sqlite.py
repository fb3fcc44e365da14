"""Which SQLite library Django's SQLite backend uses, and a check of its version.

SQLite 3.7.0 to 3.51.2 can corrupt a WAL database when a checkpoint races a WAL reset (the "WAL-reset bug",
fixed in 3.51.3). Debian 12's SQLite is 3.40.1, inside that range. The `pysqlite3` wheel from PyPI bundles a
current SQLite (3.53.x), so when it is installed the settings make it *the* `sqlite3` module before Django's
backend is first imported: Django then runs on it unchanged, with no custom backend to maintain.

`check_version` is registered as a Django system check (a warning in development, an error under
`check --deploy`), and `CoreConfig.ready()` logs the same warning once, so a server started without
`manage.py check` (gunicorn) says it too.
"""

import importlib
import logging
import sys

import django
from django.core import checks

logger = logging.getLogger("colloquy")

BUG_FIRST = (3, 7, 0)
BUG_LAST = (3, 51, 2)


def use_bundled_sqlite() -> str:
    """Make pysqlite3 the `sqlite3` module if it is installed; returns the library in use. Call from settings."""
    if "django.db.backends.sqlite3.base" in sys.modules:
        return "sqlite3"  # too late: Django's backend already bound the standard library's module
    try:
        bundled = importlib.import_module("pysqlite3")
        dbapi2 = importlib.import_module("pysqlite3.dbapi2")
    except ImportError:
        return "sqlite3"
    if not all(hasattr(dbapi2.Connection, name) for name in _django_needs()):
        return "sqlite3"  # this pysqlite3 lacks what this Django calls: keep the module Django expects
    sys.modules["sqlite3"] = bundled
    sys.modules["sqlite3.dbapi2"] = dbapi2
    return "pysqlite3"


def _django_needs() -> tuple[str, ...]:
    """Connection methods Django's SQLite backend calls beyond what every sqlite3 module has."""
    return ("getlimit",) if django.VERSION >= (6, 0) else ()  # Django 6 reads SQLITE_LIMIT_VARIABLE_NUMBER


def library_version() -> tuple[int, int, int]:
    import sqlite3  # whichever module use_bundled_sqlite() left under this name

    return sqlite3.sqlite_version_info


def affected(version: tuple[int, int, int]) -> bool:
    return BUG_FIRST <= tuple(version) <= BUG_LAST


def _message(version) -> str:
    shown = ".".join(map(str, version))
    return (f"SQLite {shown} is inside the range of the WAL-reset corruption bug "
            f"({'.'.join(map(str, BUG_FIRST))} to {'.'.join(map(str, BUG_LAST))}).")


HINT = "Install the pysqlite3 wheel (pip install pysqlite3), which bundles a fixed SQLite, or use PostgreSQL."


def _sqlite_in_use() -> bool:
    from django.conf import settings  # read at check time, after the settings are configured

    return any(db.get("ENGINE", "").endswith("sqlite3") for db in settings.DATABASES.values())


@checks.register("database_library")
def check_version(app_configs=None, **kwargs):
    version = library_version()
    if not _sqlite_in_use() or not affected(version):
        return []
    return [checks.Warning(_message(version), hint=HINT, id="colloquy.W001")]


@checks.register("database_library", deploy=True)
def check_version_deploy(app_configs=None, **kwargs):
    version = library_version()
    if not _sqlite_in_use() or not affected(version):
        return []
    return [checks.Error(_message(version), hint=HINT, id="colloquy.E001")]


def warn_at_start() -> None:
    version = library_version()
    if _sqlite_in_use() and affected(version):
        logger.warning("%s %s", _message(version), HINT)
