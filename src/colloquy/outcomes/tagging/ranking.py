"""Combine keyword rules and embedding similarity into ranked GCM-objective and SDG-target suggestions.

Score (hybrid) = cosine similarity + KEYWORD_WEIGHT × min(keyword score, KEYWORD_CAP). Without the model the
ranking is by keyword score alone and the result carries a notice the page shows. Never raises for a bad
or empty text: an empty text gives no suggestions."""

import csv
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType

from colloquy.outcomes.models import TagDecision, TagDecisionKind
from colloquy.outcomes.tagging import embedding, sdg
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
    number: int | str  # GCM objective number, or SDG target code ("10.7")
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


def _rank(text, *, keys, rules, texts, limit, exclude, use_model) -> SuggestionResult:
    text = (text or "").strip()
    if not text:
        return SuggestionResult(suggestions=[], semantic=False)
    kw = keyword_scores(text, rules)
    sims, notice = None, ""
    if use_model:
        try:
            sims = embedding.similarities(text, list(texts))
        except embedding.ModelUnavailable as exc:
            notice = FALLBACK_NOTICE.format(reason=exc)
        except Exception as exc:  # a broken model must never fail the page
            notice = FALLBACK_NOTICE.format(reason=f"{type(exc).__name__}: {exc}")
    out = []
    for key in keys:
        if key in exclude:
            continue
        k = kw.get(key, 0.0)
        if sims is None:
            if not k:
                continue
            out.append(Suggestion(key, k, "keywords", matched_keywords(text, key, rules)))
            continue
        sim = sims[key]
        if not k and sim < MIN_SIMILARITY:
            continue
        method = "both" if k and sim >= MIN_SIMILARITY else ("keywords" if k else "embedding")
        out.append(Suggestion(key, sim + KEYWORD_WEIGHT * min(k, KEYWORD_CAP), method,
                              matched_keywords(text, key, rules) if k else [], similarity=sim))
    order = {key: i for i, key in enumerate(keys)}
    out.sort(key=lambda s: (-s.score, order[s.number]))
    return SuggestionResult(suggestions=out[:limit], semantic=sims is not None, notice=notice)


def suggest(text: str, *, limit: int = 5, exclude=(), use_model: bool = True, objectives=None) -> SuggestionResult:
    """Ranked GCM objectives (Suggestion.number is the objective number)."""
    return _rank(text, keys=sorted(DESCRIPTIONS), rules=None, texts=objectives or objective_texts(), limit=limit,
                 exclude=exclude, use_model=use_model)


def suggest_sdg(text: str, *, limit: int = 3, exclude=(), use_model: bool = True) -> SuggestionResult:
    """Ranked SDG targets (Suggestion.number is the target code, e.g. "10.7"), same method and weights as GCM."""
    return _rank(text, keys=list(sdg.DESCRIPTIONS), rules=sdg.RULES, texts=sdg.target_texts(), limit=limit,
                 exclude=exclude, use_model=use_model)


def record_text(record) -> str:
    parts = [getattr(record, "title", ""), getattr(record, "text", ""), getattr(record, "description", "")]
    return "\n".join(p for p in parts if p)


def suggest_for(record, *, limit: int = 5, use_model: bool = True) -> SuggestionResult:
    """Suggestions for a Recommendation or GoodPractice, leaving out objectives already tagged or rejected."""
    tagged = set(record.gcm_objectives.values_list("number", flat=True))
    rejected = set(TagDecision.objects.filter(target_type=ContentType.objects.get_for_model(record), target_id=record.pk,
                                              decision=TagDecisionKind.REJECTED, objective__isnull=False)
                   .values_list("objective__number", flat=True))
    return suggest(record_text(record), limit=limit, exclude=tagged | rejected, use_model=use_model)


def suggest_sdg_for(record, *, limit: int = 3, use_model: bool = True) -> SuggestionResult:
    """SDG-target suggestions for a Recommendation or GoodPractice, leaving out targets already tagged or rejected."""
    tagged = set(record.sdg_targets.values_list("code", flat=True))
    rejected = set(TagDecision.objects.filter(target_type=ContentType.objects.get_for_model(record), target_id=record.pk,
                                              decision=TagDecisionKind.REJECTED, sdg_target__isnull=False)
                   .values_list("sdg_target__code", flat=True))
    return suggest_sdg(record_text(record), limit=limit, exclude=tagged | rejected, use_model=use_model)
