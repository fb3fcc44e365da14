import json as json_module  # the command's --json option is called `json`
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from colloquy.outcomes.tagging import embedding
from colloquy.outcomes.tagging.evaluate import DATA, run


class Command(BaseCommand):
    help = "Top-1 and top-3 accuracy of GCM-objective tag suggestions on the hand-labelled evaluation set."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA), help="Labelled CSV (id,kind,labels,text); default: the shipped set")
        parser.add_argument("--keywords-only", action="store_true", help="Skip the model-based methods")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args, file, keywords_only, json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        methods = ["keywords"]
        if not keywords_only:
            try:
                embedding.get_model()
                methods += ["embedding", "hybrid"]
            except embedding.ModelUnavailable as exc:
                self.stderr.write(f"Model unavailable ({exc}); evaluating keywords only.")
        results = run(path, methods=methods)
        if json:
            self.stdout.write(json_module.dumps(results, indent=2))
            return
        self.stdout.write(f"{results['n']} items ({results['n_recommendations']} recommendations, "
                          f"{results['n_practices']} practices)")
        self.stdout.write(f"{'method':<10} {'top-1':>7} {'top-3':>7} {'no suggestion':>14}")
        for name, r in results["methods"].items():
            self.stdout.write(f"{name:<10} {r['top1']:>7.1%} {r['top3']:>7.1%} {r['no_suggestion']:>14}")
