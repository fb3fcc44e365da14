"""`colloquy backup FILE` and `colloquy restore FILE`: a consistent snapshot of the database and the private
files in one tar archive with a manifest of sha256 sums, and a restore that verifies it all before it replaces
anything (archive.py, databases.py; docs/backup.md)."""

import datetime
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import colloquy
from colloquy.core import records
from colloquy.core.backup import archive, databases
from colloquy.core.backup.archive import ArchiveError


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(root: Path) -> dict[str, Path]:
    """Regular files under `root` by archive name; links are skipped (they could point anywhere)."""
    files = {}
    if not root.is_dir():
        return files
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        name = archive.MEDIA_PREFIX + path.relative_to(root).as_posix()
        if archive.safe_name(name) is None:
            files[name] = path
    return files


def backup(path: Path, *, alias: str = "default") -> dict:
    """Write the archive to `path`; returns its manifest. The database is snapshotted first, then the files are
    read, so every file a snapshotted row names was already written (files deleted meanwhile are skipped)."""
    path = Path(path)
    vendor = databases.vendor(alias)
    created = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".colloquy-backup-") as work:
        dump = Path(work) / archive.DATABASE_MEMBERS[vendor]
        databases.snapshot(dump, alias)
        files = {dump.name: dump}
        for name, source in _media_files(Path(settings.MEDIA_ROOT)).items():
            copy = Path(work) / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(source, copy)  # a stable copy: its sum and its bytes in the tar are the same file
            except FileNotFoundError:
                continue
            files[name] = copy
        manifest = {
            "format": archive.FORMAT,
            "created_at": created.isoformat(),
            "application": {"name": "colloquy", "version": colloquy.__version__},
            "vendor": vendor,
            "migrations": applied_migrations(alias),
            "members": {name: {"sha256": archive.sha256_file(f), "size": f.stat().st_size}
                        for name, f in files.items()},
        }
        archive.write(path, manifest=manifest, files=files)
    return manifest


def check_compatible(manifest: dict, alias: str = "default") -> None:
    """The archive must come from the same database vendor and from code whose migrations this code knows."""
    vendor = databases.vendor(alias)
    if manifest["vendor"] != vendor:
        raise ArchiveError(f"the archive holds a {manifest['vendor']} database; this server uses {vendor}. "
                           f"Restore it on a {manifest['vendor']} server (or convert with dumpdata/loaddata).")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, names in manifest.get("migrations", {}).items() for name in names
               if (app, name) not in known]
    if unknown:
        raise ArchiveError(f"the archive comes from newer code: migration {unknown[0]} is unknown here "
                           f"(archive version {manifest.get('application', {}).get('version')}, "
                           f"this is {colloquy.__version__}). Upgrade first.")


def restore(path: Path, *, alias: str = "default") -> dict:
    """Verify the archive, then replace the database and the private files with its content. Returns the
    manifest. Nothing is touched until the whole archive has been read and every check has passed; the database
    is replaced in one transaction, and the files directory is swapped back if that fails."""
    path = Path(path)
    verified = archive.verify(path)
    check_compatible(verified.manifest, alias)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".colloquy-restore-") as work:
        staged = Path(work)
        archive.extract(path, [verified.database, *verified.media], staged)
        databases.check_dump(staged / verified.database, alias)
        new_media = staged / archive.MEDIA_PREFIX.rstrip("/")
        new_media.mkdir(exist_ok=True)
        old_media = staged / "previous-media"
        had_media = media_root.exists()
        if had_media:
            media_root.rename(old_media)
        new_media.rename(media_root)
        try:
            databases.restore(staged / verified.database, alias)
        except BaseException:
            media_root.rename(staged / "failed-media")
            if had_media:
                old_media.rename(media_root)
            raise
    records.bump(alias)  # pg_restore and SQLite's backup API write outside Django's connection: cached pages go
    return verified.manifest
