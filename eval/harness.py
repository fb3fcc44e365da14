"""Score `colloquy extract` on the real-document truths of eval/truth with the shared scorer.

    python eval/harness.py                      # corpus, dev and dev2 parts, text files
    python eval/harness.py --formats txt,pdf,docx
    python eval/harness.py --parts heldout --include-heldout   # the held-out part: only at the end of a round

For every truth file of a part, the source document (../shared/corpus or ../shared/corpus-dev) is extracted with
the public entry point `colloquy.ingest.pipeline.extract_bytes` (the held-out part's texts are in
../shared/corpus-heldout, kept out of the project; eval/heldout-manifest.csv gives their sources and sha256), from the text file and, with --formats, from a
PDF and a DOCX rendering of it (`colloquy.ingest.render`), and scored by `../shared/eval/score.py` itself: its
`main()` runs on the prediction and the truth, so the numbers are the shared scorer's, component for component.
Printed: one line per document (overall and each field the truth checks) and the mean of each column, per part
and format. Without ../shared (or COLLOQUY_SHARED) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRUTH_DIR = ROOT / "eval" / "truth"
PARTS = ("corpus", "dev", "dev2", "heldout")
# dev2: eight further pages kept in ../shared/corpus-dev2 (outside the project; eval/dev2-manifest.csv names them)
SOURCE_DIRS = {"corpus": "corpus", "dev": "corpus-dev", "dev2": "corpus-dev2", "heldout": "corpus-heldout"}
DEV2_MANIFEST = ROOT / "eval" / "dev2-manifest.csv"
HELDOUT_MANIFEST = ROOT / "eval" / "heldout-manifest.csv"
FORMATS = ("txt", "pdf", "docx")
# The scorer's components, in the order it prints them.
FIELDS = ("document", "events", "themes", "key_messages", "good_practices", "people", "sessions", "donors",
          "countries")
SHORT = {"document": "doc", "events": "events", "themes": "themes", "key_messages": "keymsg",
         "good_practices": "goodpr", "people": "people", "sessions": "sessions", "donors": "donors",
         "countries": "countries"}


def shared_dir() -> Path | None:
    """../shared next to the project root (COLLOQUY_SHARED overrides it), if it holds the scorer."""
    path = Path(os.environ.get("COLLOQUY_SHARED") or ROOT.parent / "shared")
    return path if (path / "eval" / "score.py").is_file() else None


def load_scorer(shared: Path):
    """The shared scorer module, loaded from ../shared/eval/score.py (not copied into the project)."""
    spec = importlib.util.spec_from_file_location("shared_eval_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def truths(part: str) -> list[tuple[str, dict]]:
    """(name, truth) of every truth file of a part, by name."""
    return [(p.stem, json.loads(p.read_text("utf-8"))) for p in sorted((TRUTH_DIR / part).glob("*.json"))]


def source_path(shared: Path, part: str, truth: dict) -> Path:
    return shared / SOURCE_DIRS[part] / truth["file"]


def score(scorer, predicted: dict, truth: dict) -> dict[str, float]:
    """The shared scorer's components and overall for one prediction, as it prints them."""
    with tempfile.TemporaryDirectory() as tmp:
        pred_path, truth_path = Path(tmp) / "pred.json", Path(tmp) / "truth.json"
        pred_path.write_text(json.dumps(predicted), "utf-8")
        truth_path.write_text(json.dumps(truth), "utf-8")
        out = io.StringIO()
        argv = sys.argv
        sys.argv = ["score.py", str(pred_path), str(truth_path)]
        try:
            # score.py reads its files with json.load(open(...)) and leaves closing them to the garbage collector
            with contextlib.redirect_stdout(out), warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                scorer.main()
        except ZeroDivisionError:  # the truth checks nothing (the truth-file test keeps this from happening)
            return {}
        finally:
            sys.argv = argv
    result = {}
    for line in out.getvalue().splitlines():
        key, _, value = line.partition("=")
        result[key.strip()] = float(value)
    return result


def prediction_from_truth(truth: dict) -> dict:
    """A `colloquy.extract/1`-shaped prediction that states exactly what the truth states (for self-checks)."""
    doc = truth["document"]
    return {
        "document": {"title": doc.get("title_contains"), "symbol": doc.get("symbol"), "date": doc.get("date"),
                     "place": doc.get("place"), "doc_type": doc.get("doc_type"), "forum": None},
        "events": [dict(e) for e in truth["events"]],
        "themes": [dict(t) for t in truth["themes"]],
        "key_messages": [{"title": k["any"][0]} for k in truth["key_messages"]],
        "recommendations": [],
        "good_practices": [{"country": c, "actor": None, "text": ""} for c in truth["good_practices"] or []],
        "people": [{"name": p["name"], "country": p.get("country")} for p in truth["people"]],
        "sessions": [dict(s) for s in truth.get("sessions") or []],
        "donors": [{"name": c, "country": c} for c in truth["donors"] or []],
        "countries": list(truth["countries"] or []),
    }


def render(raw: bytes, fmt: str) -> bytes:
    if fmt == "txt":
        return raw
    from colloquy.ingest.render import text_to_docx, text_to_pdf

    text = raw.decode("utf-8")
    return text_to_pdf(text) if fmt == "pdf" else text_to_docx(text)


def extract(data: bytes, name: str) -> dict:
    from colloquy.ingest.pipeline import extract_bytes

    return extract_bytes(data, name).data


@dataclass
class Row:
    part: str
    name: str
    fmt: str
    scores: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0

    @property
    def overall(self) -> float | None:
        return self.scores.get("overall")


def run(parts, formats, *, shared: Path, only=None, log=None) -> list[Row]:
    """Extract and score every document of the parts (or only the named ones) in each format."""
    scorer = load_scorer(shared)
    rows = []
    for part in parts:
        for name, truth in truths(part):
            if only is not None and name not in only:
                continue
            source = source_path(shared, part, truth)
            if not source.is_file():  # a held-out copy may lack some texts: said, and left out of the mean
                print(f"eval: {source} not found; {part}/{name} is skipped.", file=sys.stderr)
                continue
            raw = source.read_bytes()
            for fmt in formats:
                row = Row(part, name, fmt)
                started = time.perf_counter()
                try:
                    predicted = extract(render(raw, fmt), f"{name}.{fmt}")
                except Exception as exc:  # an extractor failure scores as an empty prediction, and is shown
                    row.error = f"{exc.__class__.__name__}: {exc}"
                    predicted = {}
                row.seconds = time.perf_counter() - started
                row.scores = score(scorer, predicted, truth)
                rows.append(row)
                if log:
                    log(row)
    return rows


def mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _cell(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(rows: list[Row], *, markdown: bool = False) -> str:
    """One line per document, the overall and each field the truths check, and a mean line."""
    fields = [f for f in FIELDS if any(f in r.scores for r in rows)]
    header = ["document", "overall", *(SHORT[f] for f in fields)]
    body = [[r.name + (" (failed)" if r.error else ""), _cell(r.overall), *(_cell(r.scores.get(f)) for f in fields)]
            for r in rows]
    body.append([f"mean ({len(rows)} documents)", _cell(mean(r.overall for r in rows)),
                 *(_cell(mean(r.scores.get(f) for r in rows)) for f in fields)])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        lines[-1] = lines[-1].replace(body[-1][0], f"**{body[-1][0]}**", 1)
        return "\n".join(lines)
    width = max(len(c[0]) for c in [header, *body])
    fmt_line = lambda cells: f"{cells[0]:<{width}}  " + "  ".join(f"{c:>9}" for c in cells[1:])  # noqa: E731
    return "\n".join([fmt_line(header), "-" * len(fmt_line(header)), *map(fmt_line, body[:-1]),
                      "-" * len(fmt_line(header)), fmt_line(body[-1])])


def formats_table(rows: list[Row], formats, *, markdown: bool = False) -> str:
    """Overall per document in each format, and the mean per format."""
    names = list(dict.fromkeys(r.name for r in rows))
    by = {(r.name, r.fmt): r for r in rows}
    body = [[n, *(_cell(by[(n, f)].overall) if (n, f) in by else "-" for f in formats)] for n in names]
    body.append(["mean", *(_cell(mean(by[(n, f)].overall for n in names if (n, f) in by)) for f in formats)])
    header = ["document", *formats]
    if markdown:
        return "\n".join(["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(formats),
                          *("| " + " | ".join(c) + " |" for c in body)])
    width = max(len(c[0]) for c in [header, *body])
    return "\n".join(f"{c[0]:<{width}}  " + "  ".join(f"{x:>6}" for x in c[1:]) for c in [header, *body])


def report(rows: list[Row], parts, formats, *, markdown: bool = False) -> str:
    out = []
    for part in parts:
        for fmt in formats:
            selected = [r for r in rows if r.part == part and r.fmt == fmt]
            if not selected:
                continue
            out.append(f"\n{'### ' if markdown else ''}{part} part, {fmt} — shared scorer, per document and field\n")
            out.append(table(selected, markdown=markdown))
            for r in selected:
                if r.error:
                    out.append(f"  {r.name} [{fmt}] failed: {r.error}")
        if len(formats) > 1:
            out.append(f"\n{'### ' if markdown else ''}{part} part — overall in each format\n")
            out.append(formats_table([r for r in rows if r.part == part], formats, markdown=markdown))
    return "\n".join(out)


def setup_django() -> None:
    import logging

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    import django

    django.setup()
    for noisy in ("weasyprint", "fontTools", "colloquy.ingest.pipeline"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="corpus,dev,dev2",
                        help="comma-separated: corpus, dev, dev2, heldout (default: corpus,dev,dev2)")
    parser.add_argument("--include-heldout", "--include-test", dest="include_heldout", action="store_true",
                        help="also score the held-out part (only at the end of a round, see eval/README.md)")
    parser.add_argument("--formats", default="txt", help="comma-separated: txt, pdf, docx (default: txt)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/extraction.md)")
    parser.add_argument("--json", metavar="FILE", help="also write every row (part, document, format, scores) here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each document as it is scored")
    args = parser.parse_args(argv)

    parts = [p for p in args.parts.split(",") if p]
    if "heldout" in parts and not args.include_heldout:
        parser.error("the held-out part is scored only with --include-heldout (see eval/README.md)")
    if args.include_heldout and "heldout" not in parts:
        parts.append("heldout")
    unknown = [p for p in parts if p not in PARTS] + [f for f in args.formats.split(",") if f not in FORMATS]
    if unknown:
        parser.error(f"unknown part or format: {', '.join(unknown)}")
    formats = args.formats.split(",")

    shared = shared_dir()
    if shared is None:
        print("eval: ../shared (with eval/score.py) is not available, set COLLOQUY_SHARED to its path; "
              "the real-document evaluation is skipped.")
        return 0
    missing = [p for p in parts if not (shared / SOURCE_DIRS[p]).is_dir()]
    if missing:
        print(f"eval: {', '.join(str(shared / SOURCE_DIRS[p]) for p in missing)} not found; "
              f"that part is skipped.", file=sys.stderr)
        parts = [p for p in parts if p not in missing]
    setup_django()
    log = (lambda r: print(f"  {r.part}/{r.name} [{r.fmt}] overall={_cell(r.overall)} ({r.seconds:.1f} s)",
                           file=sys.stderr)) if args.verbose else None
    rows = run(parts, formats, shared=shared, log=log)
    print(report(rows, parts, formats, markdown=args.markdown))
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in rows], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
