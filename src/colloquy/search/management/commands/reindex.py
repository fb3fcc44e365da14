"""`colloquy reindex`: rebuild the search index from the records (all kinds, or --kind ...)."""

import time

from django.core.management.base import BaseCommand, CommandError

from colloquy.search import index, semantic
from colloquy.search.registry import providers


class Command(BaseCommand):
    help = "Rebuild the search index (and, with --embeddings, the semantic vectors)."

    def add_arguments(self, parser):
        kinds = sorted(p.kind for p in providers())
        parser.add_argument("--kind", action="append", choices=kinds, help="Only this record kind (repeatable)")
        parser.add_argument("--embeddings", action="store_true",
                            help="Also compute missing sentence embeddings (needs the [semantic] extra)")

    def handle(self, *args, kind=None, embeddings=False, **options):
        started = time.perf_counter()
        counts = index.rebuild(kind, progress=lambda k, n: self.stdout.write(f"{k}: {n} entries"))
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {sum(counts.values())} entries in {time.perf_counter() - started:.1f} s."))
        if embeddings:
            if not semantic.available():
                raise CommandError("Semantic search is not installed (pip install '.[semantic]'); keyword index is rebuilt.")
            n = semantic.embed_entries()
            self.stdout.write(self.style.SUCCESS(f"Computed {n} embeddings."))
