import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from colloquy.ingest.errors import IngestError
from colloquy.ingest.pipeline import extract_bytes, read_text


class Command(BaseCommand):
    help = ("Extract a colloquy.extract/1 record from one document (txt, md, pdf, docx, html). "
            "Pure: writes nothing to the database.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--json", action="store_true", help="print the colloquy.extract/1 JSON (default)")
        mode.add_argument("--text", action="store_true", help="print the normalised text the offsets refer to")

    def handle(self, *args, file, text=False, **options):
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{file}: is a folder; extract reads one file (ingest takes folders)")
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            data = path.read_bytes()
            if text:
                norm, _ = read_text(data, path.name)
                self.stdout.write(norm.text)
                return
            result = extract_bytes(data, path.name)
        except IngestError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{path.name}: cannot be read ({exc.strerror})") from exc
        self.stdout.write(json.dumps(result.data, ensure_ascii=False, indent=2))
