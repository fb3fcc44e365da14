"""colloquy backup FILE — a consistent snapshot of the database and the private files, while the server runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from colloquy.core import backup


class Command(BaseCommand):
    help = ("Write a backup archive (tar): the database (SQLite online backup or pg_dump), the private files and a "
            "manifest with sha256 sums. Safe while the server runs.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if file.is_dir():
            raise CommandError(f"{file} is a directory; name the archive file to write.")
        try:
            manifest = backup.backup(file)
        except backup.ArchiveError as exc:
            raise CommandError(str(exc)) from None
        members = manifest["members"]
        media = sum(1 for name in members if name.startswith("media/"))
        size = file.stat().st_size
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {file}: {manifest['vendor']} database, {media} private file(s), {size / 1e6:.1f} MB, "
            f"snapshot at {manifest['created_at']}."))
