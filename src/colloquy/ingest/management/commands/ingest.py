import logging
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError
from colloquy.ingest.services import ingest_bytes

logger = logging.getLogger(__name__)
SUFFIXES = {".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm"}


def _files(paths: list[str]) -> list[Path]:
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            out.append(path)
    return out


class Command(BaseCommand):
    help = ("Ingest files or folders: store each document and its extracted items as proposals for review. "
            "Idempotent (same bytes twice create nothing); one transaction per document.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--as", dest="username", help="act as this secretariat user (default: system)")

    def handle(self, *args, paths, username=None, **options):
        actor = SYSTEM
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No user named {username}.")
        files = _files(paths)
        if not files:
            raise CommandError("No files to ingest.")
        created = skipped = 0
        failures: list[str] = []
        total = len(files)
        for n, path in enumerate(files, start=1):
            self._progress(n, total, path.name)
            try:
                if not path.is_file():
                    raise DomainError(f"{path}: no such file")
                result = ingest_bytes(data=path.read_bytes(), name=path.name, actor=actor)
            except DomainError as exc:
                failures.append(exc.message if exc.message.startswith(path.name) else f"{path.name}: {exc.message}")
                continue
            except OSError as exc:
                failures.append(f"{path.name}: cannot be read ({exc.strerror})")
                continue
            except Exception as exc:  # one document is one transaction: it left nothing, and the next file goes on
                logger.exception("ingest failed on %s", path)
                failures.append(f"{path.name}: not stored, an unexpected error occurred ({exc.__class__.__name__}: {exc})")
                continue
            self._clear_progress()
            if result.created:
                created += 1
                self.stdout.write(f"{path.name}: stored as document {result.document.pk} with {result.proposals} proposed items")
            else:
                skipped += 1
                self.stdout.write(f"{path.name}: already ingested (document {result.document.pk}); nothing new")
        self.stdout.write(f"Summary: {created} ingested, {skipped} unchanged, {len(failures)} failed, of {total} file(s).")
        for line in failures:
            self.stderr.write(line)
        if failures:
            raise CommandError(f"{len(failures)} file(s) could not be ingested.")

    def _clear_progress(self) -> None:
        """Wipe the progress line before a result line, so the two do not run together on a terminal."""
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def _progress(self, n: int, total: int, name: str) -> None:
        width = 24
        done = int(width * n / total)
        stream = sys.stderr
        stream.write(f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {name[:40]:<40}")
        if n == total:
            stream.write("\n")
        stream.flush()
