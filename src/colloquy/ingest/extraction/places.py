"""Where a meeting is held: known cities, venues, and a place named in a sentence."""

from __future__ import annotations

import re
import unicodedata

from colloquy.ingest.extraction.countries import country_code

PLACE = re.compile(r"\b(?:held|take place|took place|organi[sz]ed|convened|hosted)\s+(?:[\w ]{0,30}?\s)?(?:in|at)\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")

KNOWN_CITIES = {
    "Geneva", "New York", "Bangkok", "Brussels", "Vienna", "Paris", "Rome", "Manila", "Dakar", "Nairobi", "Addis Ababa",
    "Cairo", "Rabat", "Tunis", "Accra", "Abuja", "Pretoria", "Johannesburg", "Santiago", "Buenos Aires", "Mexico City",
    "Lima", "Bogota", "Quito", "Washington", "Ottawa", "London", "Berlin", "Madrid", "Lisbon", "Helsinki", "Stockholm",
    "Oslo", "Copenhagen", "The Hague", "Amsterdam", "Bern", "Budapest", "Warsaw", "Prague", "Athens", "Ankara",
    "Istanbul", "Moscow", "Kyiv", "Tbilisi", "Almaty", "Astana", "Tashkent", "Beijing", "Tokyo", "Seoul", "Hanoi",
    "Jakarta", "Bali", "Kuala Lumpur", "Singapore", "Colombo", "Dhaka", "Kathmandu", "New Delhi", "Islamabad",
    "Kabul", "Tehran", "Doha", "Dubai", "Abu Dhabi", "Riyadh", "Amman", "Beirut", "Canberra", "Suva", "Puerto Vallarta",
    "Marrakesh", "Marrakech", "Kampala", "Kigali", "Dar es Salaam", "Harare", "Lusaka", "Maputo", "Gaborone",
}

VENUE_IN = re.compile(r"\b(?:at|in)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s+){0,5}(?:Conference Centre|Conference Center|Headquarters|Hotel|Centre|Center|House|Hall|Palace)|Palais des Nations)\b")

def venue_in(text: str) -> str | None:
    """"at the Accra International Conference Centre", "at the Palais des Nations"."""
    m = VENUE_IN.search(text)
    if not m or re.match(r"(?:UN|United Nations)$", m.group(1)):
        return None
    return m.group(1).strip()


def city_in(text: str) -> str | None:
    m = PLACE.search(text)
    if m:
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            if candidate in KNOWN_CITIES:
                return candidate
    for city in sorted(KNOWN_CITIES, key=len, reverse=True):
        if re.search(rf"\b(?:in|at)\s+{re.escape(city)}\b", text):
            return city
    for m in ROMANCE_HELD_IN.finditer(text):  # "s'est tenue à Paris le 25 ...", "tuvo lugar en la Antigua Guatemala, ..."
        if city_name(m.group(1)):
            return city_name(m.group(1))
        country = re.match(rf",\s+({_NAME})", text[m.end():])  # "la Antigua Guatemala, Guatemala": named by its country
        if country and country_code(_plain(country.group(1))) and country.group(1) != m.group(1) \
                and not _NOT_CITY.match(m.group(1)):
            return m.group(1)
    m = IN_CITY_COUNTRY.search(text)  # "in Victoria Falls, Zimbabwe": a place whose country follows it
    if m and country_code(_plain(m.group(2))) and not country_code(_plain(m.group(1))) and city_name(m.group(1)):
        return city_name(m.group(1))
    m = ROMANCE_PLACE.search(text)  # "en Puebla, México", "à Rabat, Maroc"
    if m and city_name(m.group(1)):
        return city_name(m.group(1))
    m = UNLISTED_CITY.search(text)  # a city not in the list, placed by its country or directly by a date
    if m and not _MONTH_WORD.fullmatch(m.group(1)) and country_code(m.group(1)) is None:
        return m.group(1)
    return None


def held_city(text: str) -> str | None:
    """The city a meeting is said to be held in ("held in Geneva", "s'est tenue à Paris", "se realiza en Santiago"),
    and nothing weaker: for a page that names no other place."""
    m = PLACE.search(text)
    if m and m.group(1).split()[0] in KNOWN_CITIES:
        return m.group(1).split()[0]
    return next((c for m in ROMANCE_HELD_IN.finditer(text) if (c := city_name(m.group(1)))), None)


UNLISTED_CITY = re.compile(
    r"\b(?:held|take place|took place|convened|hosted|organi[sz]ed|meet|met)\s+in\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)"
    r"(?=,\s+(?:the\s+)?[A-Z][a-z]|\s+(?:on|from)\s+\d)")

ROMANCE_PLACE = re.compile(r"\b(?:en|à)\s+([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?)(?=,\s+[A-ZÀ-Ý]|\s*\()")

# A French or Spanish verb of holding a meeting, then "à"/"en" (within a few words) and the place, which a date,
# a comma or the end of the clause follows: "s'est déroulée à Marrakech les 1-2 mars", "se realiza en Santiago hasta
# el 14", "se inauguró, en la sede de la Asociación ... en Montevideo, la primera".
ROMANCE_HELD_IN = re.compile(
    r"(?i:s['’]est\s+(?:tenue?s?|déroulée?s?)|se\s+tiendra|a\s+eu\s+lieu|aura\s+lieu|se\s+sont\s+réuni(?:e?s)?|se\s+réuni(?:ssen)?t"
    r"|tuvo\s+lugar|tendrá\s+lugar|se\s+celebr(?:ó|a|ará|aron)|se\s+realiz(?:ó|a|ará)|se\s+llev(?:ó|a|ará)\s+a\s+cabo|se\s+reunieron"
    r"|se\s+inaugur(?:ó|a)|se\s+desarroll(?:ó|a|ará))"
    r"[^.;]{0,90}?\b(?:à|en)\s+(?:la\s+)?([A-ZÀ-Ý][\w'’-]+(?:\s+(?:de\s+|del\s+)?[A-ZÀ-Ý][\w'’-]+){0,2})"
    r"(?=\s*(?:,|\(|\.|;|$)|\s+(?:les?|du|el|los|las|del|hasta|desde|entre|durante|au|on|from|pour|para|afin|avec|con)\b)")
# "in Victoria Falls, Zimbabwe", "in Lilongwe, Malawi": the first name a city when the second is a country
_NAME = r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2}"
IN_CITY_COUNTRY = re.compile(rf"\b(?:in|at)\s+({_NAME}),\s+(?:the\s+)?({_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?)\b")

_MONTH_WORD = re.compile(r"January|February|March|April|May|June|July|August|September|October|November|December")

CITY_WORDS = r"[A-ZÀ-Ý][\w'’.À-ÿ-]+(?:\s+[A-ZÀ-Ý][\w'’.À-ÿ-]+){0,2}"

CITY_BEFORE = re.compile(rf"(?:^|\s)({CITY_WORDS})(?:,\s*({CITY_WORDS}))?\s*,?\s*$")

CITY_AFTER = re.compile(rf"^\s*,\s*({CITY_WORDS})\s*(?:[–—:]|-\s|\.-)")

_NOT_CITY = re.compile(r"^(?:The|A|An|On|In|At|From|Le|La|Les|El|Los|Las|Original|English|French|Spanish|Date|Dated|Table|Page"
                       r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Report|Conference|Meeting|Workshop)\b")

def _plain(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch))


def city_name(name: str | None) -> str | None:
    """A place name written in a dateline: a known city, or a capitalised name that is not a country or a common word."""
    if not name:
        return None
    name = name.strip(" ,.:")
    known = next((c for c in KNOWN_CITIES if c.lower() == name.lower()), None)
    if known:
        return known
    if _NOT_CITY.match(name) or _MONTH_WORD.search(name) or country_code(_plain(name).title()) or len(name) < 3:
        return None
    return name.title() if name.isupper() else name
