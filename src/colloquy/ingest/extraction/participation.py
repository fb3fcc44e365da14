"""Participation sentences: a total (keeping "over"/"about"), counts by stakeholder category, speakers and women speakers."""

from __future__ import annotations

import re

PARTICIPANTS = re.compile(
    r"\b(?:(?:[Mm]ore than|[Oo]ver|[Ss]ome|[Aa]bout|[Aa]round|[Aa]pproximately|[Nn]early|[Aa]lmost|[Cc]lose to|[Aa] total of)\s+)?(\d{1,3}(?:,\d{3})+|\d{1,5}|[A-Za-z]+(?:-[a-z]+)?)\s+"
    r"(?:[a-z-]+\s+){0,2}(participants|experts|delegates|attendees|people|persons|representatives|officials)\b"
)

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
    "twenty-five": 25, "thirty-five": 35,
}

CATEGORY_PATTERNS = [
    ("governments", r"governments|States|Member States|countries|delegations"),
    ("international_organizations", r"international organi[sz]ations|intergovernmental organi[sz]ations|UN agencies|United Nations agencies"),
    ("regional_organizations", r"regional organi[sz]ations|regional institutions|regional economic communities"),
    ("ngos", r"non-governmental organi[sz]ations|NGOs|civil society organi[sz]ations"),
    ("private_sector", r"(?:private sector )?companies|businesses|employers"),
    ("academia", r"academic institutions|universities|research institutes|think tanks"),
    ("media", r"media outlets|journalists"),
    ("trade_unions", r"trade unions|unions"),
    ("diaspora_migrant_organizations", r"diaspora organi[sz]ations|migrant associations|diaspora groups"),
    ("local_authorities", r"local authorities|municipalities|cities"),
]

_COUNT = r"\d{1,4}|(?:" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"

# "15 SADC Member States": a regional body's acronym may stand between the count and the category
CATEGORY_RE = re.compile(r"\b(" + _COUNT + r")\s+(?:[A-Z]{2,8}\s+(?=Member States|States|countries|governments))?(" + "|".join(f"(?P<{k}>{p})" for k, p in CATEGORY_PATTERNS) + r")\b")

def number(value: str) -> int | None:
    """'200', '1,200', 'thirty', 'Thirty' -> int."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", value):
        return int(value.replace(",", ""))
    return WORD_NUMBERS.get(value.lower())


_QUALIFIER = re.compile(r"\b(more than|over|in excess of|some|about|around|approximately|roughly|nearly|almost|close to|up to)\s+$", re.I)

# The review form and the Event model know two qualifiers, "over" and "about" (participants.qualifier in the
# extract output, which the schema's participants object allows): "nearly 200" and "up to 200" are about 200.
_QUALIFIER_WORD = {"more than": "over", "over": "over", "in excess of": "over", "some": "about", "about": "about",
                   "around": "about", "approximately": "about", "roughly": "about", "nearly": "about", "almost": "about",
                   "close to": "about", "up to": "about"}

_SPEAKERS = re.compile(
    rf"\b(?:(?P<n>{_COUNT})\s+(?:[a-z-]+\s+)?)?speakers\b[^.;]{{0,60}}?\b(?:(?P<w1>{_COUNT}) of whom (?:were|are) women"
    rf"|of whom (?P<w2>{_COUNT}) (?:were|are) women)", re.I)

def participation_extras(sentence: str) -> dict:
    """What a total leaves out: "over 200 participants" keeps "over"; "40 speakers, 22 of whom were women"."""
    extra: dict = {}
    for m in PARTICIPANTS.finditer(sentence):
        n = number(m.group(1))
        if n and n >= 2 and not re.match(r"(?:19|20)\d\d$", m.group(1)):
            q = _QUALIFIER.search(sentence[max(0, m.start() - 20):m.start(1)])
            if q:
                extra["qualifier"] = _QUALIFIER_WORD[q.group(1).lower()]
            break
    m = _SPEAKERS.search(sentence)
    if m:
        if m.group("n") and number(m.group("n")):
            extra["speakers"] = number(m.group("n"))
        women = number(m.group("w1") or m.group("w2"))
        if women:
            extra["women_speakers"] = women
    return extra


def participants_in(sentence: str) -> tuple[int | None, dict]:
    total = None
    for m in PARTICIPANTS.finditer(sentence):
        n = number(m.group(1))
        if n and n >= 2 and not re.match(r"(?:19|20)\d\d$", m.group(1)):
            total = n
            break
    by_category: dict[str, int] = {}
    if re.search(r"represent|from|including|comprising|attended|participants", sentence, re.I):
        for m in CATEGORY_RE.finditer(sentence):
            if m.group("governments") == "countries" and re.search(r"\bfrom\s+$", sentence[:m.start()]):
                continue  # "delegates from 80 countries": where people came from, not 80 governments represented
            for key, _ in CATEGORY_PATTERNS:
                if m.group(key):
                    by_category.setdefault(key, number(m.group(1)))
    return total, by_category
