"""Facets: what a result can be filtered by, how each value is written into the index, and labels.

Each facet has a short code used in index tag tokens (`xf` + value). Tokens contain only lowercase
letters and digits, so they survive both engines' tokenizers unchanged on both sides of a match.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from colloquy.search import labels


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter and key in `SearchEntry.facets`
    code: str  # tag token prefix
    label: str
    multi: bool = True  # a record may carry several values (e.g. GCM objectives)


FACETS = [
    Facet("kind", "xk", _("Record type")),
    Facet("forum", "xf", _("Forum")),
    Facet("year", "xy", _("Year")),
    Facet("doc_type", "xd", _("Document type")),
    Facet("event_kind", "xe", _("Event kind")),
    Facet("country", "xc", _("Country")),
    Facet("category", "xs", _("Stakeholder category")),
    Facet("gcm", "xg", _("GCM objective")),
    Facet("addressee", "xa", _("Addressee")),
    Facet("followup", "xu", _("Follow-up status")),
]
BY_NAME = {f.name: f for f in FACETS}
AUDIENCE_CODE = "xv"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def token(code: str, value) -> str:
    return code + _NON_ALNUM.sub("", str(value).lower())


def encode(facets: dict[str, list], audience: str) -> tuple[str, str]:
    """(tags, facets) columns for an entry: filter tokens and `name=value` pairs."""
    tags, pairs = [token(AUDIENCE_CODE, audience)], []
    for facet in FACETS:
        for value in facets.get(facet.name) or []:
            if value in (None, ""):
                continue
            value = str(value).replace(" ", "_")
            tags.append(token(facet.code, value))
            pairs.append(f"{facet.name}={value}")
    return " ".join(tags), " ".join(pairs)


def decode(pairs: str) -> list[tuple[str, str]]:
    return [tuple(p.split("=", 1)) for p in pairs.split() if "=" in p]


def value_label(facet: str, value: str) -> str:
    """A human label for a facet value (forum acronym, country name, choice label, ...)."""
    return labels.label(facet, value)
