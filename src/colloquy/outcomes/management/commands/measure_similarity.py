from django.core.management.base import BaseCommand

from colloquy.outcomes import similarity


def _row(s) -> str:
    return f"| {s.threshold:g} | {s.precision:.2f} | {s.recall:.2f} | {s.tp} | {s.fp} | {s.fn} |"


class Command(BaseCommand):
    help = ("Precision and recall of theme memory's and cluster suggestions' similarity thresholds on the labelled "
            "pairs (outcomes/data/similarity-pairs.csv), as Markdown tables.")

    def add_arguments(self, parser):
        parser.add_argument("--fuzzy-only", action="store_true", help="Skip the sentence-embedding model")

    def handle(self, *args, fuzzy_only: bool, **options):
        results = similarity.measure(semantic=not fuzzy_only)
        for task, r in results.items():
            self.stdout.write(f"\n## {task}: {r['pairs']} pairs ({r['same']} same)\n")
            for method in ("fuzzy", "semantic"):
                if r[method] is None:
                    self.stdout.write(f"{method}: not measured (the [semantic] extra is not installed)\n")
                    continue
                self.stdout.write(f"\n{method}\n\n| threshold | precision | recall | tp | fp | fn |\n|---|---|---|---|---|---|")
                for s in r[method]:
                    self.stdout.write(_row(s))
            at, fz, both = r["chosen"], r["chosen_fuzzy"], r["chosen_combined"]
            self.stdout.write(f"\nchosen: fuzzy ≥ {at['fuzzy']}, semantic ≥ {at['semantic']}: fuzzy alone precision "
                              f"{fz.precision:.2f} recall {fz.recall:.2f}; either precision {both.precision:.2f} "
                              f"recall {both.recall:.2f} (tp {both.tp}, fp {both.fp}, fn {both.fn})")
