"""Programme tables: timed rows with session titles, chairs and speakers."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.dates import find_dates, parse_time_row
from colloquy.ingest.extraction.people import HONORIFIC, PROGRAMME_NAME, find_people
from colloquy.ingest.extraction.segment import Block

CHAIR = re.compile(r"\b(?:Chair(?:ed by)?|Moderator|Moderated by|Chairperson|Co-chairs?)\s*:?\s+(?P<rest>.+)$", re.I)
TITLE_END = re.compile(rf"\s+(?=(?:Chair|Moderator|Moderated by|Chairperson)\s*:)|\s+(?={HONORIFIC}[A-Z])|\t")


def sessions_in(text: str, bl: list[Block], *, default_date: str | None, year: int | None) -> tuple[list[dict], list]:
    sessions: list[dict] = []
    people = []
    current_date = default_date
    current: dict | None = None
    for block in bl:
        if block.kind == "heading" and len(block.text) < 60:
            dates = find_dates(block.text, default_year=year)
            if dates:
                current_date = dates[0].first.isoformat()
        timed = parse_time_row(block.text) if block.kind == "row" else None
        if timed:
            start, end, consumed = timed
            rest = block.text[consumed:].strip(" \t-–")
            parts = TITLE_END.split(rest, maxsplit=1)
            title = parts[0].strip(" :-")
            current = {"title": title, "date": current_date, "start_time": start, "end_time": end, "chair": None,
                       "speakers": [], "evidence": {"start": block.start, "end": block.end}}
            sessions.append(current)
            _people_into(current, block.text[consumed:], block.start + consumed, people)
            continue
        if current is not None and not current["title"] and len(block.text) < 200:
            current["title"] = TITLE_END.split(block.text, maxsplit=1)[0].strip(" :-")
            current["evidence"]["end"] = block.end
            continue
        if current is None or (block.kind == "heading" and block.text.isupper() and len(block.text) > 20):
            if block.kind == "heading":
                current = None
            continue
        if len(block.text) > 300:
            current = None
            continue
        if not current["title"]:
            current["title"] = TITLE_END.split(block.text, maxsplit=1)[0].strip(" :-")
        current["evidence"]["end"] = block.end
        _people_into(current, block.text, block.start, people)
    for s in sessions:
        if not s["title"]:
            s["title"] = "Session"
    return sessions, people


def _people_into(session: dict, text: str, base: int, people: list) -> None:
    chair = CHAIR.search(text)
    hits = find_people(text, base, programme=True)
    for piece in re.split(r"\t|\s+/\s+|;", text):
        pm = PROGRAMME_NAME.match(piece.strip())
        if pm and not any(h.name == pm.group("name") for h in hits):
            continue
    for hit in hits:
        people.append(hit)
        is_chair = chair and base + chair.start("rest") <= hit.start <= base + chair.start("rest") + 30
        if is_chair and not session["chair"]:
            session["chair"] = hit.name
        elif not any(sp["name"] == hit.name for sp in session["speakers"]):
            session["speakers"].append({"name": hit.name, "organization": hit.organization})
