"""Evaluate tag suggestions on the hand-labelled set in data/evaluation.csv (see docs/tagging.md).

A suggestion list is correct at k when any of its first k objectives is among the item's hand labels."""

import csv
from dataclasses import dataclass
from pathlib import Path

from colloquy.outcomes.tagging import embedding
from colloquy.outcomes.tagging import ranking as suggest_module

DATA = Path(__file__).parent / "data" / "evaluation.csv"


@dataclass
class Item:
    id: int
    kind: str
    labels: set
    text: str


def load(path: Path = DATA) -> list[Item]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [Item(int(r["id"]), r["kind"], {int(x) for x in r["labels"].split(";")}, r["text"]) for r in csv.DictReader(fh)]


def accuracy(items, ranked: list[list[int]], k: int) -> float:
    hits = sum(1 for item, ranks in zip(items, ranked, strict=True) if item.labels & set(ranks[:k]))
    return hits / len(items) if items else 0.0


def rank_keywords(items):
    return [suggest_module.suggest(i.text, limit=23, use_model=False).top(23) for i in items]


def rank_embedding(items):
    texts = list(suggest_module.objective_texts())
    out = []
    for item in items:
        sims = embedding.similarities(item.text, texts)
        out.append(sorted(sims, key=lambda n: (-sims[n], n)))
    return out


def rank_hybrid(items):
    out = []
    for item in items:
        result = suggest_module.suggest(item.text, limit=23)
        if not result.semantic:
            raise RuntimeError(result.notice)
        out.append(result.top(23))
    return out


def run(path: Path = DATA, methods=("keywords", "embedding", "hybrid")) -> dict:
    items = load(path)
    rankers = {"keywords": rank_keywords, "embedding": rank_embedding, "hybrid": rank_hybrid}
    results = {"n": len(items), "n_recommendations": sum(i.kind == "recommendation" for i in items),
               "n_practices": sum(i.kind == "practice" for i in items), "methods": {}}
    for name in methods:
        ranked = rankers[name](items)
        results["methods"][name] = {
            "top1": accuracy(items, ranked, 1), "top3": accuracy(items, ranked, 3),
            "no_suggestion": sum(1 for r in ranked if not r),
        }
    return results
