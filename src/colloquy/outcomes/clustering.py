"""Suggested clusters of overlapping recommendations, for staff to confirm (services.tracking.cluster_create).

Two recommendations overlap when their texts are close: rapidfuzz's token-set ratio on lower-cased words without
punctuation (word overlap, order and repetition ignored) at or above FUZZY_THRESHOLD (95: near-repeats, and one
text whose words all recur in the other), or, when the optional [semantic] extra is installed and the
model loads, a cosine similarity of their sentence embeddings at or above SEMANTIC_THRESHOLD. Overlapping pairs
are joined into groups (connected components); pairs already sharing a confirmed cluster are left out."""

from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process, utils

from colloquy.core import embeddings
from colloquy.outcomes.models import Recommendation

FUZZY_SCORER = fuzz.token_set_ratio  # on rapidfuzz's lower-cased, punctuation-free words
FUZZY_THRESHOLD = 95  # token-set ratio: near-repeats and one text inside the other (docs/tagging.md)
SEMANTIC_THRESHOLD = 0.8  # cosine of unit-normalised embeddings (docs/tagging.md)
MAX_RECORDS = 2000  # pairwise comparison: keep it bounded on a large archive


@dataclass
class Suggestion:
    recommendations: list
    score: int  # the best pair's similarity, 0–100
    method: str  # "fuzzy" | "semantic"
    pairs: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return "-".join(str(r.pk) for r in self.recommendations)


def _semantic_scores(texts: list[str]):
    if not embeddings.usable():
        return None
    try:
        matrix = embeddings.encode(texts)
    except embeddings.ModelUnavailable:
        return None
    return matrix @ matrix.T


def _clustered_pairs() -> set:
    pairs = set()
    through = Recommendation.clusters.through.objects.values_list("recommendationcluster_id", "recommendation_id")
    by_cluster: dict = {}
    for cluster_id, rec_id in through:
        by_cluster.setdefault(cluster_id, []).append(rec_id)
    for members in by_cluster.values():
        pairs.update((a, b) for a in members for b in members if a < b)
    return pairs


def suggest_clusters(queryset=None, *, semantic: bool = True) -> list[Suggestion]:
    """Groups of overlapping recommendations not yet confirmed as a cluster, best first."""
    recs = list((queryset if queryset is not None else Recommendation.objects.all()).order_by("id")[:MAX_RECORDS])
    texts = [r.text for r in recs]
    known = _clustered_pairs()
    scores = _semantic_scores(texts) if semantic and len(recs) > 1 else None
    edges = []
    if len(recs) > 1:
        # One C-level pass over all pairs (scores under the threshold come back as 0).
        fuzzy = process.cdist(texts, texts, scorer=FUZZY_SCORER, processor=utils.default_process,
                              score_cutoff=FUZZY_THRESHOLD, dtype=np.uint8)
        close = np.triu(fuzzy >= FUZZY_THRESHOLD, k=1)
        if scores is not None:
            close |= np.triu(scores >= SEMANTIC_THRESHOLD, k=1)
        for i, j in zip(*np.nonzero(close), strict=True):
            i, j = int(i), int(j)
            if (recs[i].pk, recs[j].pk) in known:
                continue
            if fuzzy[i][j] >= FUZZY_THRESHOLD:
                edges.append((i, j, int(fuzzy[i][j]), "fuzzy"))
            else:
                edges.append((i, j, round(float(scores[i][j]) * 100), "semantic"))
    parent = list(range(len(recs)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _score, _method in edges:
        parent[find(i)] = find(j)
    groups: dict = {}
    for i, j, score, method in edges:
        groups.setdefault(find(i), []).append((i, j, score, method))
    out = []
    for group in groups.values():
        members = sorted({k for i, j, _s, _m in group for k in (i, j)})
        best = max(group, key=lambda e: e[2])
        out.append(Suggestion([recs[k] for k in members], best[2], best[3],
                              [(recs[i], recs[j], s, m) for i, j, s, m in group]))
    return sorted(out, key=lambda s: (-s.score, s.key))
