"""Snapshot and restore of the two supported databases, each the way its vendor makes it consistent.

SQLite: the online backup API (`Connection.backup`, the same on the standard module and on pysqlite3, which
`colloquy.core.sqlite` installs) copies the live WAL database in one step under a read transaction, so the copy is
one committed state, whatever writers do meanwhile. A restore runs the same API the other way: the live file is
replaced in one write transaction, so a failure leaves it as it was and other connections see either all old or
all new.

PostgreSQL: `pg_dump --format=custom` dumps one transaction's snapshot; `pg_restore --single-transaction --clean`
restores it in one transaction, so an error rolls everything back.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connections

from colloquy.core.backup.archive import ArchiveError


class DatabaseError(ArchiveError):
    """A dump or a restore failed; the message names the problem (and the tool's own words)."""


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def snapshot(target: Path, alias: str = "default") -> None:
    """Write a consistent snapshot of the database to `target`."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = connection.connection
        copy = connection.Database.connect(str(target))
        try:
            source.backup(copy)  # pages=-1: the whole database in one step, i.e. one read transaction
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
              *_pg_args(connection.settings_dict)], connection.settings_dict, "pg_dump")
    else:
        raise DatabaseError(f"backups support SQLite and PostgreSQL, not {connection.vendor}.")


def check_dump(dump: Path, alias: str = "default") -> None:
    """Refuse a dump its own tool cannot read, before anything is replaced."""
    if connections[alias].vendor == "sqlite":
        sqlite3 = connections[alias].Database  # the driver Django uses (pysqlite3 when installed)
        try:
            copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
            try:
                result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"the database in the archive is not a SQLite database ({exc}).") from None
        if result != "ok":
            raise DatabaseError(f"the database in the archive fails SQLite's integrity check: {result}")
    else:
        listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True)
        if listing.returncode:
            raise DatabaseError(f"pg_restore cannot read the dump in the archive: {listing.stderr.strip()}")


def restore(dump: Path, alias: str = "default") -> None:
    """Replace the database's content with `dump`, in one transaction."""
    connection = connections[alias]
    connections.close_all()
    if connection.vendor == "sqlite":
        source = connection.Database.connect(f"file:{dump}?mode=ro", uri=True)
        live = connection.Database.connect(str(connection.settings_dict["NAME"]),
                                           timeout=connection.settings_dict.get("OPTIONS", {}).get("timeout", 30))
        try:
            source.backup(live)
        except connection.Database.Error as exc:
            raise DatabaseError(f"the SQLite restore failed and changed nothing ({exc}).") from None
        finally:
            live.close()
            source.close()
    elif connection.vendor == "postgresql":
        _run(["pg_restore", "--single-transaction", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--exit-on-error", *_pg_args(connection.settings_dict, dbname_flag=True), str(dump)],
             connection.settings_dict, "pg_restore (rolled back; the database is unchanged)")
    else:
        raise DatabaseError(f"backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _pg_args(settings: dict, *, dbname_flag: bool = False) -> list[str]:
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args.append(f"{flag}={settings[key]}")
    args.append(f"--dbname={settings['NAME']}" if dbname_flag else settings["NAME"])
    return args


def _run(command: list[str], settings: dict, what: str) -> None:
    if shutil.which(command[0]) is None:
        raise DatabaseError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode:
        raise DatabaseError(f"{what} failed: {result.stderr.strip() or result.returncode}")
