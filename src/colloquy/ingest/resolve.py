"""Entity resolution: the same organization or person across documents resolves to one record.

Exact normalised name or alias -> linked. A close fuzzy match -> flagged *ambiguous* with candidates
for the reviewer; never merged silently.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from colloquy.directory.models import Organization, Person, normalize_name
from colloquy.ingest.extraction.countries import find_countries

FUZZY_THRESHOLD = 88


GOVERNMENT = re.compile(r"^(?:the\s+)?(?:(?:Federal\s+|Royal\s+)?Government\s+of\s+(?:the\s+)?(?P<a>.+)|(?P<b>.+?)(?:\s+(?:Federal\s+)?Government)?)$", re.I)


def government_country(name: str) -> str | None:
    """ISO alpha-3 when the name is a State's government: "Government of Norway", "the Norwegian Government",
    "Norway", "the Netherlands". Anything else ("Norwegian Refugee Council") is None."""
    m = GOVERNMENT.match(name.strip())
    core = (m.group("a") or m.group("b") or "").strip() if m else ""
    hits = find_countries(core)
    if len(hits) == 1 and hits[0].end - hits[0].start >= len(core) - 1:
        return hits[0].code
    return None


def government_for(name: str) -> Organization | None:
    code = government_country(name)
    if not code:
        return None
    found = list(Organization.objects.governments().filter(country=code)[:2])
    return found[0] if len(found) == 1 else None


def resolve_organization(name: str) -> tuple[str, list[dict]]:
    exact = list(Organization.objects.matching(name)[:3])
    if not exact and (government := government_for(name)):
        exact = [government]  # "Government of Norway" and "Norway" are the one government record
    if len(exact) == 1:
        return "exact", [{"id": exact[0].pk, "name": exact[0].name, "score": 100}]
    if len(exact) > 1:
        return "ambiguous", [{"id": o.pk, "name": o.name, "score": 100} for o in exact]
    return _fuzzy(name, {o.pk: o.normalized_name for o in Organization.objects.only("pk", "normalized_name")},
                  {o.pk: o.name for o in Organization.objects.only("pk", "name")})


def resolve_person(name: str, organization: str | None = None) -> tuple[str, list[dict]]:
    """By name; among namesakes (or close names), the one affiliated with `organization` (name, acronym or alias)
    is the match when there is exactly one such."""
    key = normalize_name(name)
    exact = list(Person.objects.filter(normalized_name=key)[:3])
    affiliated = _affiliated(exact, organization)
    if len(exact) == 1 or len(affiliated) == 1:
        person = exact[0] if len(exact) == 1 else affiliated[0]
        return "exact", [{"id": person.pk, "name": person.name, "score": 100}]
    if len(exact) > 1:
        return "ambiguous", [{"id": p.pk, "name": p.name, "score": 100} for p in exact]
    people = {p.pk: p.normalized_name for p in Person.objects.only("pk", "normalized_name")}
    match, candidates = _fuzzy(name, people, {p.pk: p.name for p in Person.objects.only("pk", "name")})
    if candidates and organization:  # a close name with the same affiliation comes first (still for the reviewer)
        same = {p.pk for p in _affiliated(Person.objects.filter(pk__in=[c["id"] for c in candidates]), organization)}
        candidates.sort(key=lambda c: (c["id"] not in same, -c["score"]))
    return match, candidates


def _affiliated(people, organization: str | None) -> list[Person]:
    if not organization or len(organization) > 120:
        return []
    orgs = set(Organization.objects.matching(organization).values_list("pk", flat=True))
    return [p for p in people if orgs & set(p.affiliations.values_list("organization_id", flat=True))]


def _fuzzy(name: str, choices: dict[int, str], labels: dict[int, str] | None) -> tuple[str, list[dict]]:
    if not choices:
        return "new", []
    found = process.extract(normalize_name(name), choices, scorer=fuzz.token_sort_ratio, limit=3, score_cutoff=FUZZY_THRESHOLD)
    if not found:
        return "new", []
    out = []
    for value, score, pk in found:
        out.append({"id": pk, "name": (labels or {}).get(pk, value), "score": round(score)})
    return "ambiguous", out
