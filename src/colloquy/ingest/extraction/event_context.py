"""Where a meeting's missing parts come from when its own sentence lacks them: the year heading of a history page,
the meeting its paragraph named before, and a "respectively" that shares two days between two meetings."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.places import KNOWN_CITIES, city_name
from colloquy.ingest.extraction.segment import Block

# "On 8-9 October 2008, 220 delegates ... met to consider ...": a dated gathering that names no meeting
# and its French and Spanish forms ("se sont réunis", "se reunieron", "se dieron cita")
UNNAMED_MEETING = re.compile(r"\b(?:met|gathered|came together|convened|se\s+sont\s+réuni(?:e?s)?|se\s+réuniront|se\s+reunieron"
                             r"|se\s+reunirán|se\s+dieron\s+cita)\b")
_YEAR_HEADING = re.compile(r"^\s*((?:19|20)\d\d)\s*[:–—-]\s*(.{3,80})$")
_TWO_KINDS = re.compile(r"^(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?P<kind>Meetings|Conferences|Workshops|Seminars|Sessions|Consultations)$")


def year_section_city(block: Block) -> tuple[str, int] | None:
    """A history page's section heading "2010: Puerto Vallarta, Mexico": the city and year its meetings are in."""
    m = _YEAR_HEADING.match(block.heading or "") if block.kind != "heading" else None
    if not m:
        return None
    name = m.group(2).split(",")[0].strip()
    city = city_name(name) if name in KNOWN_CITIES else None
    return (city, int(m.group(1))) if city else None


def in_section(section: tuple[str, int] | None, date) -> str | None:
    """The section heading's city, for a meeting dated in the heading's year."""
    return section[0] if section and date is not None and date.first.year == section[1] else None


def split_respectively(sentence: str, title: str, date) -> list[tuple[str, object]]:
    """"On the 15th and 16th December, the members convened for Steering Committee and Senior Officials Meetings
    respectively": (title, day) of two meetings, the first on the first day and the second on the last."""
    m = _TWO_KINDS.match(title)
    if not (m and date is not None and re.search(r"\brespectively\b", sentence) and (date.last - date.first).days == 1):
        return []
    singular = m.group("kind")[:-1]
    return [(f"{m.group('a')} {singular}", date.first), (f"{m.group('b')} {singular}", date.last)]
