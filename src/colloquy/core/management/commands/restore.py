"""colloquy restore FILE — verify a backup archive completely, then replace the database and private files."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from colloquy.core import backup


class Command(BaseCommand):
    help = ("Restore a `colloquy backup` archive. The whole archive is checked first (manifest, sha256 of every "
            "member, safe paths, database vendor, migrations); a corrupt or partial archive changes nothing. "
            "Then migrations newer than the archive are applied.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--check", action="store_true", help="only verify the archive; change nothing")
        parser.add_argument("--no-migrate", action="store_true", help="do not apply newer migrations afterwards")

    def handle(self, *args, file, check, no_migrate, **options):
        try:
            if check:
                verified = backup.archive.verify(file)
                backup.check_compatible(verified.manifest)
                self.stdout.write(self.style.SUCCESS(
                    f"{file}: intact ({len(verified.manifest['members'])} members, {verified.manifest['vendor']}, "
                    f"snapshot at {verified.manifest['created_at']})."))
                return
            manifest = backup.restore(file)
        except backup.ArchiveError as exc:
            raise CommandError(f"Refused {file}: {exc} Nothing was changed.") from None
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS(
            f"Restored {file}: snapshot of {manifest['created_at']} (colloquy {manifest['application']['version']}). "
            f"Run `colloquy ballot-verify ID` for each ballot to check the cast logs."))
