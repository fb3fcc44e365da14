import json as json_module  # the command's --json option is called `json`
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from colloquy.outcomes.tagging import embedding
from colloquy.outcomes.tagging.evaluate import CORPUS_DATA, DATA, run


class Command(BaseCommand):
    help = ("Top-1 and top-3 accuracy of GCM-objective and SDG-target tag suggestions on the hand-labelled sets "
            "(the team's own items, and items read at run time from the shared corpus when it is present).")

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA), help="Labelled CSV (id,kind,labels,sdg,text); default: the shipped set")
        parser.add_argument("--corpus-file", default=str(CORPUS_DATA),
                            help="Labelled references into the shared corpus (file,start,end,phrase,gcm,sdg)")
        parser.add_argument("--own-only", action="store_true", help="Leave out the items from the shared corpus")
        parser.add_argument("--keywords-only", action="store_true", help="Skip the model-based methods")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args, file, corpus_file, own_only, keywords_only, json: bool, **options):
        path = Path(file)
        for name in [file] + ([] if own_only else [corpus_file]):
            if not Path(name).is_file():
                raise CommandError(f"{name}: no such file")
        methods = ["frequent", "keywords"]
        if not keywords_only:
            try:
                embedding.get_model()
                methods += ["embedding", "hybrid"]
            except embedding.ModelUnavailable as exc:
                self.stderr.write(f"Model unavailable ({exc}); evaluating keywords only.")
        results = run(path, methods=methods, corpus_path=None if own_only else Path(corpus_file))
        if json:
            self.stdout.write(json_module.dumps(results, indent=2))
            return
        self.stdout.write(f"{results['n']} items ({results['n_recommendations']} recommendations, "
                          f"{results['n_practices']} practices; {results['n_corpus']} from the shared corpus, "
                          f"{results['corpus_skipped']} corpus references skipped)")
        for scheme, per_method in results["schemes"].items():
            self.stdout.write(f"\n{scheme.upper()}")
            self.stdout.write(f"{'method':<10} {'split':<7} {'items':>5} {'top-1':>7} {'top-3':>7} {'no suggestion':>14}")
            for name, splits in per_method.items():
                for split, r in splits.items():
                    if r["n"]:
                        self.stdout.write(f"{name:<10} {split:<7} {r['n']:>5} {r['top1']:>7.1%} {r['top3']:>7.1%} "
                                          f"{r['no_suggestion']:>14}")
