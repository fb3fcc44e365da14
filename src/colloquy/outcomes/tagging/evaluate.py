"""Evaluate tag suggestions (GCM objectives and SDG targets) on the hand-labelled sets (see docs/tagging.md).

Two sets:
- data/evaluation.csv: items written by the team, stored whole (id,kind,labels,sdg,text; `labels` are GCM objectives).
- data/evaluation-corpus.csv: items from texts the team did not write (recommendations and key messages in the
  shared corpus). No text is stored: each row names a file under the shared folder, a character span and a phrase
  of at most six words; the text is read from there at run time. Rows whose file is absent, or whose span no
  longer holds the phrase, are skipped and counted.

A suggestion list is correct at k when any of its first k entries is among the item's hand labels. Items with no
SDG label are left out of the SDG figures. "sdg-specific" scores the same SDG rankings against the labels other
than 10.7, on the items that have one: 10.7 applies to almost every migration text, so a suggester that always
puts it first looks good on "sdg" without finding the specific target."""

import csv
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from colloquy.outcomes.tagging import embedding, sdg
from colloquy.outcomes.tagging import ranking as suggest_module

DATA = Path(__file__).parent / "data" / "evaluation.csv"
CORPUS_DATA = Path(__file__).parent / "data" / "evaluation-corpus.csv"
SCHEMES = ("gcm", "sdg", "sdg-specific")
BROAD_SDG = "10.7"  # "well-managed migration policies": fits nearly every item, so it is also scored without it


@dataclass
class Item:
    id: int
    kind: str
    labels: set  # GCM objective numbers
    text: str
    sdg: set = field(default_factory=set)  # SDG target codes
    source: str = "own"  # "own" (written by the team) | "corpus" (others' texts)


def shared_dir() -> Path:
    """The shared folder next to the repository (as ingest finds it); COLLOQUY_SHARED overrides it."""
    return Path(os.environ.get("COLLOQUY_SHARED") or Path(settings.PROJECT_DIR).parent / "shared")


def _codes(raw: str) -> set:
    return {x.strip() for x in (raw or "").split(";") if x.strip()}


def load(path: Path = DATA) -> list[Item]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [Item(int(r["id"]), r["kind"], {int(x) for x in r["labels"].split(";")}, r["text"],
                     _codes(r.get("sdg", ""))) for r in csv.DictReader(fh)]


def load_corpus(path: Path = CORPUS_DATA, root: Path | None = None) -> tuple[list[Item], int]:
    """(items whose text could be read from the shared folder, number of rows skipped)."""
    root = root or shared_dir()
    items, skipped, texts = [], 0, {}
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        file = root / r["file"]
        if r["file"] not in texts:
            texts[r["file"]] = file.read_text(encoding="utf-8") if file.is_file() else None
        whole = texts[r["file"]]
        text = whole[int(r["start"]):int(r["end"])] if whole is not None else ""
        if not text or r["phrase"] not in text:
            skipped += 1
            continue
        items.append(Item(int(r["id"]), r["kind"], {int(x) for x in r["gcm"].split(";")}, text.strip(" ·-\n"),
                          _codes(r["sdg"]), source="corpus"))
    return items, skipped


def gold(item: Item, scheme: str) -> set:
    if scheme == "gcm":
        return item.labels
    return item.sdg - {BROAD_SDG} if scheme == "sdg-specific" else item.sdg


def accuracy(items, ranked: list[list], k: int, scheme: str = "gcm") -> float:
    hits = sum(1 for item, ranks in zip(items, ranked, strict=True) if gold(item, scheme) & set(ranks[:k]))
    return hits / len(items) if items else 0.0


def _suggest(scheme):
    return suggest_module.suggest if scheme == "gcm" else suggest_module.suggest_sdg


def _size(scheme) -> int:
    return len(suggest_module.objective_texts()) if scheme == "gcm" else len(sdg.DESCRIPTIONS)


def rank_keywords(items, scheme="gcm"):
    return [_suggest(scheme)(i.text, limit=_size(scheme), use_model=False).top(_size(scheme)) for i in items]


def rank_embedding(items, scheme="gcm"):
    texts = list(suggest_module.objective_texts() if scheme == "gcm" else sdg.target_texts())
    out = []
    for item in items:
        sims = embedding.similarities(item.text, texts)
        out.append(sorted(sims, key=lambda n: -sims[n]))
    return out


def rank_hybrid(items, scheme="gcm"):
    out = []
    for item in items:
        result = _suggest(scheme)(item.text, limit=_size(scheme))
        if not result.semantic:
            raise RuntimeError(result.notice)
        out.append(result.top(_size(scheme)))
    return out


def rank_frequent(items, scheme="gcm"):
    """A constant guess: the labels most frequent in the set itself, in that order, for every item (an optimistic
    baseline, since the frequencies are counted on the items being scored)."""
    counts = Counter(label for item in items for label in gold(item, scheme))
    order = [label for label, _n in counts.most_common()]
    return [order for _item in items]


RANKERS = {"frequent": rank_frequent, "keywords": rank_keywords, "embedding": rank_embedding, "hybrid": rank_hybrid}


def _scores(items, ranked, scheme) -> dict:
    return {"n": len(items), "top1": accuracy(items, ranked, 1, scheme), "top3": accuracy(items, ranked, 3, scheme),
            "no_suggestion": sum(1 for r in ranked if not r)}


def run(path: Path = DATA, methods=("keywords", "embedding", "hybrid"), corpus_path: Path | None = CORPUS_DATA,
        schemes=SCHEMES) -> dict:
    """Figures per scheme, method and split ("all", "own", "corpus")."""
    items = load(path)
    skipped = 0
    if corpus_path is not None:
        corpus, skipped = load_corpus(corpus_path)
        items += corpus
    results = {"n": len(items), "n_recommendations": sum(i.kind == "recommendation" for i in items),
               "n_practices": sum(i.kind == "practice" for i in items),
               "n_corpus": sum(i.source == "corpus" for i in items), "corpus_skipped": skipped, "schemes": {}}
    for scheme in schemes:
        scored = [i for i in items if gold(i, scheme)]
        per_method = {}
        for name in methods:
            ranked = RANKERS[name](scored, scheme)
            per_method[name] = {
                split: _scores([i for i in scored if keep(i)], [r for i, r in zip(scored, ranked, strict=True) if keep(i)],
                               scheme)
                for split, keep in (("all", lambda i: True), ("own", lambda i: i.source == "own"),
                                    ("corpus", lambda i: i.source == "corpus"))}
        results["schemes"][scheme] = per_method
    # the GCM figures on the whole set, in the shape the command printed before SDG was added
    results["methods"] = {name: r["all"] for name, r in results["schemes"].get("gcm", {}).items()}
    return results
