from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from colloquy.core.access import SYSTEM
from colloquy.dialogues.importing import ImportValidationError, events_import_csv


class Command(BaseCommand):
    help = "Import events from a CSV with the columns of idm-events.csv. All rows are validated first; a bad file imports nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8)")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            result = events_import_csv(actor=SYSTEM, data=path.read_bytes())
        except ImportValidationError as exc:
            for line in exc.errors:
                self.stderr.write(f"{path.name}: {line}")
            raise CommandError(f"{path.name}: {len(exc.errors)} problem(s); nothing was imported.") from exc
        self.stdout.write(
            f"{path.name}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged "
            f"({result.forums_created} new forums, {result.cycles_created} new cycles)."
        )
