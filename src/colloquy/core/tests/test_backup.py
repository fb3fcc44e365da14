"""`colloquy restore` checks the whole archive first and refuses a corrupt, partial or unsafe one, changing
nothing; a failed database restore puts the private files back."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from colloquy.accounts.models import User
from colloquy.core import backup
from colloquy.core.backup import archive, databases

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def taken(tmp_path):
    """A real archive of a database holding one user and a media file; returns its path."""
    User.objects.create_user("kept-user")
    media = Path(settings.MEDIA_ROOT) / "evidence" / "letter.txt"
    media.parent.mkdir(parents=True, exist_ok=True)
    media.write_text("nomination letter\n")
    path = tmp_path / "backup.tar"
    call_command("backup", str(path), verbosity=0)
    return path


def members_of(path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isreg()}


def rewrite(path, members: dict[str, bytes], *, extra=(), fix_sums=True):
    """Write `members` (manifest included) back to `path`; with fix_sums the manifest is made to match."""
    if fix_sums and archive.MANIFEST in members:
        manifest = json.loads(members[archive.MANIFEST])
        manifest["members"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                               for n, d in members.items() if n != archive.MANIFEST}
        members = members | {archive.MANIFEST: json.dumps(manifest).encode()}
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info in extra:
            tar.addfile(info)


def refused(path, words: str):
    """Restore must fail naming the problem, and the database and files must be as they were."""
    User.objects.create_user("added-after-backup")
    with pytest.raises(CommandError) as caught:
        call_command("restore", str(path), verbosity=0)
    assert words in str(caught.value)
    assert "Nothing was changed" in str(caught.value)
    assert User.objects.filter(username="added-after-backup").exists()
    assert (Path(settings.MEDIA_ROOT) / "evidence" / "letter.txt").read_text() == "nomination letter\n"


def test_the_manifest_lists_every_member_with_its_sum_and_the_database_state(taken):
    members = members_of(taken)
    manifest = json.loads(members.pop(archive.MANIFEST))
    assert manifest["format"] == "colloquy.backup/1"
    assert manifest["vendor"] in ("sqlite", "postgresql")
    assert "0001_initial" in manifest["migrations"]["ballots"]
    assert manifest["application"]["version"]
    assert set(manifest["members"]) == set(members)
    assert "media/evidence/letter.txt" in members
    for name, data in members.items():
        assert manifest["members"][name]["sha256"] == hashlib.sha256(data).hexdigest()


def test_restore_check_reports_an_intact_archive(taken):
    out = io.StringIO()
    call_command("restore", str(taken), "--check", stdout=out)
    assert "intact" in out.getvalue()


def test_a_corrupt_member_is_refused(taken):
    members = members_of(taken)
    data = bytearray(members["media/evidence/letter.txt"])
    data[0] ^= 1
    rewrite(taken, members | {"media/evidence/letter.txt": bytes(data)}, fix_sums=False)
    refused(taken, "'media/evidence/letter.txt' is corrupt")


def test_a_truncated_archive_is_refused(taken):
    data = taken.read_bytes()
    taken.write_bytes(data[: len(data) // 2])
    User.objects.create_user("added-after-backup")
    with pytest.raises(CommandError, match=r"truncated|partial|missing|cannot be read|not a readable"):
        call_command("restore", str(taken), verbosity=0)
    assert User.objects.filter(username="added-after-backup").exists()


def test_an_archive_missing_a_listed_member_is_refused(taken):
    members = members_of(taken)
    del members["media/evidence/letter.txt"]
    rewrite(taken, members, fix_sums=False)
    refused(taken, "the archive is partial")


def test_an_archive_without_a_manifest_is_refused(taken):
    members = members_of(taken)
    del members[archive.MANIFEST]
    rewrite(taken, members)
    refused(taken, "has no manifest.json")


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/cron.d/evil", "media/../../outside.txt", "media//x"])
def test_a_member_path_that_escapes_is_refused(taken, name):
    rewrite(taken, members_of(taken) | {name: b"evil"})
    refused(taken, "refusing the archive")


def test_a_link_member_is_refused(taken):
    link = tarfile.TarInfo("media/evidence/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    rewrite(taken, members_of(taken), extra=[link])
    refused(taken, "not a regular file")


def test_an_unreadable_database_dump_is_refused_before_anything_is_replaced(taken):
    members = members_of(taken)
    dump = next(n for n in members if n.startswith("database."))
    rewrite(taken, members | {dump: b"not a database at all" * 100})
    refused(taken, "the database in the archive" if dump.endswith("sqlite3") else "pg_restore cannot read")


def test_an_archive_of_the_other_database_vendor_is_refused(taken):
    members = members_of(taken)
    manifest = json.loads(members[archive.MANIFEST])
    other = "postgresql" if manifest["vendor"] == "sqlite" else "sqlite"
    dump = members.pop(archive.DATABASE_MEMBERS[manifest["vendor"]])
    manifest["vendor"] = other
    rewrite(taken, members | {archive.DATABASE_MEMBERS[other]: dump, archive.MANIFEST: json.dumps(manifest).encode()})
    refused(taken, "this server uses")


def test_an_archive_from_newer_code_is_refused(taken):
    members = members_of(taken)
    manifest = json.loads(members[archive.MANIFEST])
    manifest["migrations"]["ballots"].append("9999_from_the_future")
    rewrite(taken, members | {archive.MANIFEST: json.dumps(manifest).encode()}, fix_sums=False)
    refused(taken, "newer code")


def test_a_failing_database_restore_puts_the_private_files_back(taken, monkeypatch):
    def fail(dump, alias="default"):
        raise databases.DatabaseError("the disk is full")

    (Path(settings.MEDIA_ROOT) / "evidence" / "letter.txt").write_text("nomination letter\n")
    monkeypatch.setattr(databases, "restore", fail)
    refused(taken, "the disk is full")


def test_a_restore_brings_back_the_database_and_files_of_the_snapshot(taken):
    User.objects.create_user("added-after-backup")
    (Path(settings.MEDIA_ROOT) / "evidence" / "letter.txt").write_text("changed\n")
    (Path(settings.MEDIA_ROOT) / "evidence" / "new.txt").write_text("new\n")
    backup.restore(taken)
    assert User.objects.filter(username="kept-user").exists()
    assert not User.objects.filter(username="added-after-backup").exists()
    assert (Path(settings.MEDIA_ROOT) / "evidence" / "letter.txt").read_text() == "nomination letter\n"
    assert not (Path(settings.MEDIA_ROOT) / "evidence" / "new.txt").exists()
