"""How well the two similarity tests tell "the same" from "different", measured on a hand-labelled set of pairs
(data/similarity-pairs.csv): theme titles for theme memory's "proposed before" (ballots/memory.py: token-sort
ratio, or the cosine of sentence embeddings) and recommendation texts for the tracker's cluster suggestions
(clustering.py: token-set ratio, or the cosine). `python manage.py measure_similarity` prints precision and
recall at several thresholds; docs/tagging.md holds the table and the thresholds chosen from it."""

import csv
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import utils

from colloquy.ballots import memory
from colloquy.core import embeddings
from colloquy.outcomes import clustering

DATA = Path(__file__).parent / "data" / "similarity-pairs.csv"
FUZZY_GRID = (50, 55, 60, 65, 70, 75, 80, 85, 90, 95)
SEMANTIC_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
# The scorer each feature uses, taken from the feature itself so the measurement follows any change to it.
FUZZY_SCORERS = {"theme": memory.FUZZY_SCORER, "recommendation": clustering.FUZZY_SCORER}


def chosen() -> dict[str, dict[str, float]]:
    """The thresholds the code uses now (read from the modules, so a change there is measured here)."""
    return {"theme": {"fuzzy": memory.FUZZY_THRESHOLD, "semantic": memory.SEMANTIC_THRESHOLD},
            "recommendation": {"fuzzy": clustering.FUZZY_THRESHOLD, "semantic": clustering.SEMANTIC_THRESHOLD}}


@dataclass(frozen=True)
class Pair:
    task: str  # "theme" | "recommendation"
    same: bool
    source: str
    a: str
    b: str


@dataclass(frozen=True)
class Score:
    threshold: float
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load(path: Path = DATA) -> list[Pair]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Pair(r["task"], r["label"] == "same", r["source"], r["a"], r["b"]) for r in csv.DictReader(f)]


def fuzzy_scores(pairs: list[Pair]) -> list[float]:
    return [FUZZY_SCORERS[p.task](p.a, p.b, processor=utils.default_process) for p in pairs]


def semantic_scores(pairs: list[Pair]) -> list[float] | None:
    """Cosines of the pairs' embeddings, or None without the [semantic] extra."""
    if not pairs or not embeddings.usable():
        return None
    try:
        vectors = embeddings.encode([t for p in pairs for t in (p.a, p.b)])
    except embeddings.ModelUnavailable:
        return None
    return [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(pairs))]


def score(pairs: list[Pair], predicted: list[bool], threshold: float) -> Score:
    tp = sum(1 for p, hit in zip(pairs, predicted, strict=True) if hit and p.same)
    fp = sum(1 for p, hit in zip(pairs, predicted, strict=True) if hit and not p.same)
    fn = sum(1 for p, hit in zip(pairs, predicted, strict=True) if not hit and p.same)
    return Score(threshold, tp, fp, fn)


def sweep(pairs: list[Pair], scores: list[float], grid) -> list[Score]:
    return [score(pairs, [s >= t for s in scores], t) for t in grid]


def combined(pairs: list[Pair], fuzzy: list[float], semantic: list[float] | None, fuzzy_at: float,
             semantic_at: float) -> Score:
    """What the feature does: a pair matches when either score reaches its threshold."""
    hits = [f >= fuzzy_at or (semantic is not None and s >= semantic_at)
            for f, s in zip(fuzzy, semantic or [0.0] * len(fuzzy), strict=True)]
    return score(pairs, hits, fuzzy_at)


def measure(pairs: list[Pair] | None = None, *, semantic: bool = True) -> dict:
    """Per task: the fuzzy sweep, the semantic sweep (None without the model) and the chosen thresholds combined."""
    pairs = load() if pairs is None else pairs
    out = {}
    for task, at in chosen().items():
        subset = [p for p in pairs if p.task == task]
        fuzzy = fuzzy_scores(subset)
        sem = semantic_scores(subset) if semantic else None
        out[task] = {"pairs": len(subset), "same": sum(p.same for p in subset),
                     "fuzzy": sweep(subset, fuzzy, FUZZY_GRID),
                     "semantic": sweep(subset, sem, SEMANTIC_GRID) if sem is not None else None,
                     "chosen": at, "chosen_fuzzy": score(subset, [f >= at["fuzzy"] for f in fuzzy], at["fuzzy"]),
                     "chosen_combined": combined(subset, fuzzy, sem, at["fuzzy"], at["semantic"])}
    return out
