"""The backup archive: one tar file, a manifest and its members, and the checks a restore runs first.

Layout (format `colloquy.backup/1`):
    manifest.json           what the archive holds: every other member with its sha256 and size, the database
                            vendor, the applied migrations, the application version and the time of the snapshot
    database.sqlite3        SQLite: a copy made with the online backup API (a consistent snapshot), or
    database.pgdump         PostgreSQL: `pg_dump --format=custom` (one transaction's snapshot)
    media/...               the private files (MEDIA_ROOT)

A restore reads the whole archive before it touches anything: `verify()` refuses an archive whose manifest is
missing or unreadable, whose members are not all listed or not all present, whose sha256 sums differ, or whose
member names could write outside the restore directory (absolute paths, `..`, links, devices).
"""

import hashlib
import io
import json
import posixpath
import tarfile
from dataclasses import dataclass
from pathlib import Path

FORMAT = "colloquy.backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media/"
CHUNK = 1 << 20


class ArchiveError(Exception):
    """The archive cannot be restored; the message names the problem."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_name(name: str) -> str | None:
    """Why `name` may not be extracted, or None: it must be a relative POSIX path without `..` or empty parts."""
    if not name or name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts) or posixpath.normpath(name) != name:
        return "a path that leaves the archive (.., . or an empty part)"
    return None


def write(path: Path, *, manifest: dict, files: dict[str, Path]) -> None:
    """Write the archive to `path` atomically (a `.partial` file renamed at the end): the manifest first, then
    `files` (archive name → file on disk), whose sums the manifest already holds."""
    partial = path.with_name(path.name + ".partial")
    data = json.dumps(manifest, indent=2, sort_keys=True).encode()
    try:
        with tarfile.open(partial, "w") as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
            for name, source in files.items():
                info = tar.gettarinfo(str(source), arcname=name)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(source, "rb") as handle:
                    tar.addfile(info, handle)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@dataclass
class Verified:
    manifest: dict
    database: str  # the member name of the database dump
    media: list[str]  # member names under media/


def verify(path: Path) -> Verified:
    """Check the whole archive at `path` (see the module docstring); raise ArchiveError naming the problem."""
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 - closed by the `with tar` below; open errors are told apart here
    except FileNotFoundError:
        raise ArchiveError(f"{path}: no such file.") from None
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveError(f"{path} is not a readable tar archive ({exc}).") from None
    with tar:
        try:
            members = tar.getmembers()
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise ArchiveError(f"{path} is truncated or damaged ({exc}).") from None
        seen = set()
        for member in members:
            problem = safe_name(member.name)
            if problem:
                raise ArchiveError(f"member {member.name!r} is {problem}; refusing the archive.")
            if not member.isreg():
                raise ArchiveError(f"member {member.name!r} is not a regular file (a link, a directory or a "
                                   f"device); refusing the archive.")
            if member.name in seen:
                raise ArchiveError(f"member {member.name!r} occurs twice; refusing the archive.")
            seen.add(member.name)
        if MANIFEST not in seen:
            raise ArchiveError(f"{path} has no {MANIFEST}: not a Colloquy backup, or a partial one.")
        manifest = _read_manifest(tar)
        listed = manifest["members"]
        missing = sorted(set(listed) - seen)
        if missing:
            raise ArchiveError(f"the archive is partial: {len(missing)} member(s) listed in the manifest are missing "
                               f"(first: {missing[0]}).")
        unlisted = sorted(seen - set(listed) - {MANIFEST})
        if unlisted:
            raise ArchiveError(f"member {unlisted[0]!r} is not listed in the manifest; refusing the archive.")
        for member in members:
            if member.name == MANIFEST:
                continue
            expected = listed[member.name]
            try:
                digest = _member_sha256(tar, member)
            except (tarfile.TarError, EOFError, OSError) as exc:
                raise ArchiveError(f"member {member.name!r} cannot be read: the archive is truncated ({exc}).") from None
            if member.size != expected.get("size") or digest != expected.get("sha256"):
                raise ArchiveError(f"member {member.name!r} is corrupt: its sha256 {digest[:12]}… does not match "
                                   f"the manifest's {str(expected.get('sha256'))[:12]}….")
    database = DATABASE_MEMBERS.get(manifest.get("vendor"))
    if database is None or database not in listed:
        raise ArchiveError(f"the manifest names no database dump for vendor {manifest.get('vendor')!r}.")
    return Verified(manifest=manifest, database=database, media=sorted(n for n in listed if n.startswith(MEDIA_PREFIX)))


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (ValueError, tarfile.TarError, EOFError, OSError) as exc:
        raise ArchiveError(f"{MANIFEST} is not valid JSON ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{MANIFEST} is not a {FORMAT} manifest.")
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(isinstance(v, dict) for v in members.values()):
        raise ArchiveError(f"{MANIFEST} lists no members.")
    return manifest


def _member_sha256(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    digest = hashlib.sha256()
    handle = tar.extractfile(member)
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def extract(path: Path, names: list[str], target: Path) -> None:
    """Extract the verified members `names` under `target` (the tar "data" filter refuses anything unsafe too)."""
    with tarfile.open(path, "r:") as tar:
        for name in names:
            tar.extract(tar.getmember(name), target, filter="data")
