"""Combine keyword rules and embedding similarity into ranked GCM-objective suggestions.

Score (hybrid) = cosine similarity + KEYWORD_WEIGHT × min(keyword score, KEYWORD_CAP). Without the model the
ranking is by keyword score alone and the result carries a notice the page shows. Never raises for a bad
or empty text: an empty text gives no suggestions."""

import csv
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType

from colloquy.outcomes.models import TagDecision, TagDecisionKind
from colloquy.outcomes.tagging import embedding
from colloquy.outcomes.tagging.descriptions import DESCRIPTIONS
from colloquy.outcomes.tagging.keywords import keyword_scores, matched_keywords
from colloquy.reference.categories import DATA

KEYWORD_WEIGHT = 0.05
KEYWORD_CAP = 4
MIN_SIMILARITY = 0.15  # below this an embedding-only match is not suggested

FALLBACK_NOTICE = ("Suggestions come from keyword rules only: the language model is not available ({reason}). "
                   "They may miss objectives that are described in other words.")


@dataclass
class Suggestion:
    number: int
    score: float
    method: str  # "keywords" | "embedding" | "both"
    keywords: list = field(default_factory=list)
    similarity: float | None = None


@dataclass
class SuggestionResult:
    suggestions: list
    semantic: bool
    notice: str = ""

    def top(self, k: int) -> list[int]:
        return [s.number for s in self.suggestions[:k]]


@cache
def objective_texts() -> tuple[tuple[int, str], ...]:
    """(number, "official title. our description") for the 23 objectives, from the shipped reference CSV."""
    with open(DATA / "gcm-objectives.csv", newline="", encoding="utf-8") as fh:
        titles = {int(row["number"]): row["title"] for row in csv.DictReader(fh)}
    return tuple((n, f"{titles.get(n, '')}. {DESCRIPTIONS[n]}".lstrip(". ")) for n in sorted(DESCRIPTIONS))


def suggest(text: str, *, limit: int = 5, exclude=(), use_model: bool = True, objectives=None) -> SuggestionResult:
    text = (text or "").strip()
    if not text:
        return SuggestionResult(suggestions=[], semantic=False)
    kw = keyword_scores(text)
    sims, notice = None, ""
    if use_model:
        try:
            sims = embedding.similarities(text, list(objectives or objective_texts()))
        except embedding.ModelUnavailable as exc:
            notice = FALLBACK_NOTICE.format(reason=exc)
        except Exception as exc:  # a broken model must never fail the page
            notice = FALLBACK_NOTICE.format(reason=f"{type(exc).__name__}: {exc}")
    out = []
    for number in sorted(DESCRIPTIONS):
        if number in exclude:
            continue
        k = kw.get(number, 0.0)
        if sims is None:
            if not k:
                continue
            out.append(Suggestion(number, k, "keywords", matched_keywords(text, number)))
            continue
        sim = sims[number]
        if not k and sim < MIN_SIMILARITY:
            continue
        method = "both" if k and sim >= MIN_SIMILARITY else ("keywords" if k else "embedding")
        out.append(Suggestion(number, sim + KEYWORD_WEIGHT * min(k, KEYWORD_CAP), method,
                              matched_keywords(text, number) if k else [], similarity=sim))
    out.sort(key=lambda s: (-s.score, s.number))
    return SuggestionResult(suggestions=out[:limit], semantic=sims is not None, notice=notice)


def record_text(record) -> str:
    parts = [getattr(record, "title", ""), getattr(record, "text", ""), getattr(record, "description", "")]
    return "\n".join(p for p in parts if p)


def suggest_for(record, *, limit: int = 5, use_model: bool = True) -> SuggestionResult:
    """Suggestions for a Recommendation or GoodPractice, leaving out objectives already tagged or rejected."""
    tagged = set(record.gcm_objectives.values_list("number", flat=True))
    rejected = set(TagDecision.objects.filter(target_type=ContentType.objects.get_for_model(record), target_id=record.pk,
                                              decision=TagDecisionKind.REJECTED).values_list("objective__number", flat=True))
    return suggest(record_text(record), limit=limit, exclude=tagged | rejected, use_model=use_model)
