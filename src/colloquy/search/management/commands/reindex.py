"""`colloquy reindex`: rebuild the search index from the records (all kinds, or --kind ...)."""

import time

from django.core.management.base import BaseCommand, CommandError

from colloquy.core import tasks
from colloquy.search import index, semantic
from colloquy.search.registry import providers
from colloquy.search.tasks import reindex


class Command(BaseCommand):
    help = "Rebuild the search index (and, with --embeddings, the semantic vectors)."

    def add_arguments(self, parser):
        kinds = sorted(p.kind for p in providers())
        parser.add_argument("--kind", action="append", choices=kinds, help="Only this record kind (repeatable)")
        parser.add_argument("--embeddings", action="store_true",
                            help="Also compute missing sentence embeddings (needs the [semantic] extra)")
        parser.add_argument("--queue", action="store_true",
                            help="Queue the rebuild as a task for `colloquy worker` instead of running it here")

    def handle(self, *args, kind=None, embeddings=False, queue=False, **options):
        if queue:
            queued = tasks.enqueue_now(reindex, kind, embeddings)
            self.stdout.write(f"Queued the rebuild as task {queued.id}; `colloquy worker` runs it.")
            return
        started = time.perf_counter()
        counts = index.rebuild(kind, progress=lambda k, n: self.stdout.write(f"{k}: {n} entries"))
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {sum(counts.values())} entries in {time.perf_counter() - started:.1f} s."))
        if embeddings:
            if not semantic.available():
                raise CommandError("Semantic search is not installed (pip install '.[semantic]'); keyword index is rebuilt.")
            n = semantic.embed_entries()
            self.stdout.write(self.style.SUCCESS(f"Computed {n} embeddings."))
