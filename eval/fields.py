"""Extraction quality: per-field precision, recall and F1 against hand-written ground truth.

`python eval/fields.py` (the second half of `make eval`; the first, eval/harness.py, scores the
real-document truths of eval/truth with the shared scorer). For every ground-truth document (the
three corpus reports when ../shared is present, and the synthetic fixtures), the eval extracts from
the text file and from a PDF and a DOCX rendering it generates, and scores each field.

Ground truth lists facts only. A field named in a truth file's "partial" list holds a verified sample,
not every fact: for it only recall is measured (precision and F1 are shown as "-").
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import django
from rapidfuzz import fuzz

FIELDS = ["document", "events", "participants", "themes", "key_messages", "recommendations", "good_practices",
          "people", "sessions", "donors", "countries"]
HERE = Path(__file__).parent
TRUTH_DIR = HERE / "groundtruth"
FIXTURES = HERE.parent / "src" / "colloquy" / "ingest" / "tests" / "fixtures"


def _norm(value) -> str:
    return " ".join(str(value or "").lower().replace("’", "'").split())


def _title_match(a, b, threshold=85) -> bool:
    return fuzz.token_set_ratio(_norm(a), _norm(b)) >= threshold and fuzz.ratio(_norm(a), _norm(b)) >= 60


def _text_match(truth: str, predicted: str) -> bool:
    t, p = _norm(truth), _norm(predicted)
    return bool(t) and (t in p or fuzz.partial_ratio(t, p) >= 90)


def _org_forms(name: str) -> set[str]:
    m = re.match(r"^(.*?)\s*\(([^)]+)\)$", name.strip())
    return {_norm(name)} | ({_norm(m.group(1)), _norm(m.group(2))} if m else set())


def _org_match(truth: str, predicted: str) -> bool:
    """Same organization: same name, or the acronym given in parentheses ('UNFPA')."""
    return _title_match(truth, predicted) or bool(_org_forms(truth) & _org_forms(predicted))


def _greedy(truth: list, predicted: list, same) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for t in truth:
        for i, p in enumerate(predicted):
            if i not in used and same(t, p):
                used.add(i)
                tp += 1
                break
    return tp, len(predicted) - tp, len(truth) - tp


def score(truth: dict, got: dict) -> dict[str, tuple[int, int, int]]:
    out: dict[str, tuple[int, int, int]] = {}
    tp = fp = fn = 0
    for key, expected in truth.get("document", {}).items():
        value = got["document"].get(key)
        ok = _title_match(expected, value) if key == "title" and expected and value else _norm(expected) == _norm(value)
        if ok:
            tp += expected is not None
        else:
            fp += value is not None
            fn += expected is not None
    out["document"] = (tp, fp, fn)
    out["events"] = _greedy(truth.get("events", []), got["events"], lambda t, p: (
        _title_match(t["title"], p["title"], 80) and t.get("start") == p.get("start") and t.get("status") == p.get("status")))
    facts_t = [(pt["event"], k, v) for pt in truth.get("participants", [])
               for k, v in ([("total", pt["total"])] if pt.get("total") else []) + sorted(pt.get("by_category", {}).items())]
    facts_p = [(e["title"], k, v) for e in got["events"] for k, v in
               ([("total", e["participants"]["total"])] if e["participants"]["total"] else [])
               + sorted(e["participants"]["by_category"].items())]
    out["participants"] = _greedy(facts_t, facts_p, lambda t, p: t[1:] == p[1:] and _title_match(t[0], p[0], 80))
    out["themes"] = _greedy(truth.get("themes", []), got["themes"], lambda t, p: (
        _title_match(t["title"], p["title"]) and t.get("year") == p.get("year") and t.get("status") == p.get("status")))
    out["key_messages"] = _greedy(truth.get("key_messages", []), [k["title"] for k in got["key_messages"]], _text_match)
    out["recommendations"] = _greedy(truth.get("recommendations", []), got["recommendations"],
                                     lambda t, p: _text_match(t["text"], p["text"]))
    out["good_practices"] = _greedy(truth.get("good_practices", []), got["good_practices"],
                                    lambda t, p: _text_match(t["text"], p["text"]) and t.get("country") == p.get("country"))
    out["people"] = _greedy(truth.get("people", []), [p["name"] for p in got["people"]],
                            lambda t, p: fuzz.ratio(_norm(t), _norm(p)) >= 90)
    out["sessions"] = _greedy(truth.get("sessions", []), got["sessions"], lambda t, p: (
        _title_match(t["title"], p["title"], 80) and t.get("start_time") == p.get("start_time")))
    out["donors"] = _greedy(truth.get("donors", []), [d["name"] for d in got["donors"]], _org_match)
    out["countries"] = _greedy(sorted(truth.get("countries", [])), sorted(got["countries"]), lambda t, p: t == p)
    for field in truth.get("partial", []):
        tp, _, fn = out[field]
        out[field] = (tp, None, fn)
    return out


def prf(tp: int, fn: int, tp_complete: int, fp: int, complete: int) -> tuple[float | None, float | None, float | None]:
    """Recall over every truth; precision only over documents whose truth for the field is complete."""
    r = tp / (tp + fn) if tp + fn else None
    if not complete:
        return None, r, None
    p = tp_complete / (tp_complete + fp) if tp_complete + fp else None
    if p is None and r is None:
        return None, None, None
    p = 1.0 if p is None else p
    r = 1.0 if r is None else r
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def documents(include_corpus: bool = True) -> list[tuple[str, str, Path, dict]]:
    """(group, name, source path, truth) for every ground-truth file whose source is available."""
    from colloquy.ingest.pipeline import shared_dir

    out = []
    for truth_path in sorted(TRUTH_DIR.glob("*/*.json")):
        group = truth_path.parent.name
        truth = json.loads(truth_path.read_text("utf-8"))
        source = (shared_dir() / "corpus" if group == "corpus" else FIXTURES) / truth["file"]
        if group == "corpus" and (not include_corpus or not source.exists()):
            continue
        out.append((group, truth["file"], source, truth))
    return out


def render(data: bytes, fmt: str) -> bytes:
    from colloquy.ingest.render import text_to_docx, text_to_pdf

    text = data.decode("utf-8")
    return data if fmt == "txt" else (text_to_pdf(text) if fmt == "pdf" else text_to_docx(text))


def run(formats: list[str], *, include_corpus: bool = True, verbose: bool = False) -> dict:
    from colloquy.ingest.pipeline import extract_bytes

    # (group, fmt, field) -> [tp, fn, tp on complete truths, fp on complete truths, complete truths seen]
    totals: dict[tuple[str, str, str], list] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for group, name, source, truth in documents(include_corpus):
        raw = source.read_bytes()
        for fmt in formats:
            data = raw if fmt == "txt" else render(raw, fmt)
            got = extract_bytes(data, f"{Path(name).stem}.{fmt}").data
            for field, (tp, fp, fn) in score(truth, got).items():
                cell = totals[(group, fmt, field)]
                cell[0] += tp
                cell[1] += fn
                if fp is not None:
                    cell[2] += tp
                    cell[3] += fp
                    cell[4] += 1
                if verbose:
                    print(f"  {name} [{fmt}] {field}: tp={tp} fp={fp} fn={fn}", file=sys.stderr)
    return totals


def _fmt(value) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def print_table(totals: dict, formats: list[str]) -> None:
    groups = sorted({g for g, _, _ in totals}, key=lambda g: (g != "corpus", g))  # corpus first, then by name
    for group in groups:
        print(f"\n{group} documents — precision / recall / F1 (precision from complete ground truths only; '-' = none)")
        header = f"{'field':<16}" + "".join(f" | {fmt:^16}" for fmt in formats)
        print(header)
        print("-" * len(header))
        for field in FIELDS:
            row = f"{field:<16}"
            for fmt in formats:
                p, r, f = prf(*totals.get((group, fmt, field), (0, 0, 0, 0, 0)))
                row += f" | {_fmt(p)} {_fmt(r)} {_fmt(f)}"
            print(row)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="txt,pdf,docx")
    parser.add_argument("--synthetic-only", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    src = str(HERE.parent / "src")  # this checkout's code, not whatever colloquy the venv has installed
    if src not in sys.path:
        sys.path.insert(0, src)
    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    formats = [f for f in args.formats.split(",") if f in ("txt", "pdf", "docx")]
    totals = run(formats, include_corpus=not args.synthetic_only, verbose=args.verbose)
    print_table(totals, formats)


if __name__ == "__main__":
    main()
