"""Human labels for facet values, looked up once per request from the reference data."""

import time
from functools import lru_cache

from colloquy.core.countries import country_name
from colloquy.dialogues.models import DocumentType, EventKind, Forum
from colloquy.outcomes.models import Addressee
from colloquy.reference.categories import CATEGORY_CHOICES
from colloquy.search.registry import followup_status_labels, kind_labels


@lru_cache(maxsize=1)
def _static_choices() -> dict[str, dict[str, str]]:
    return {
        "kind": kind_labels(),
        "doc_type": dict(DocumentType.choices),
        "event_kind": dict(EventKind.choices),
        "addressee": dict(Addressee.choices),
        "category": dict(CATEGORY_CHOICES),
    }


_forum_cache: dict = {"at": 0.0, "labels": {}}


def _forums(refresh: bool = False) -> dict[str, str]:
    """Forum slug → label, re-read at most every 30 s (facet rendering asks for each value)."""
    if time.monotonic() - _forum_cache["at"] > 30 or refresh:
        _forum_cache["labels"] = {f.slug: str(f) for f in Forum.objects.all()}
        _forum_cache["at"] = time.monotonic()
    return _forum_cache["labels"]


def label(facet: str, value: str) -> str:
    if facet in _static_choices():
        return str(_static_choices()[facet].get(value, value.replace("_", " ")))
    if facet == "country":
        return country_name(value) or value
    if facet == "forum":
        labels = _forums()
        if value in labels:
            return labels[value]
        # A slug not seen yet: re-read, but at most once a second (a value with no Forum row,
        # e.g. of a deleted forum, used to cost one query per facet value on every search).
        fresh = time.monotonic() - _forum_cache["at"] > 1
        return (_forums(refresh=True) if fresh else labels).get(value, value)
    if facet == "gcm":
        return f"GCM objective {value}"
    if facet == "followup":
        return str(followup_status_labels().get(value, value.replace("_", " ")))
    return value
