"""Dates as policy documents write them: ranges, pairs, weekdays, and a year inferred from context.

"25 and 26 March 2009", "18-19 June", "8-9 October 2007", "18 19 July 2017", "Tuesday, 27 June 2006",
"30 November - 1 December 2006", "June 18-19, 2007", "on 6 July". Pure regex + datetime; dateparser
is the fallback for a single date written another way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # French and Spanish
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
# English months in any case ("15 SEPTEMBER 2006"); French and Spanish months as those languages write them
_M = (r"(?P<{name}>May|MAY|(?i:January|February|March|April|June|July|August|September|October|November|December)"
      r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
      r"|(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
      r"|(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre))(?![\w])")
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_SEP = r"\s*(?:-|–|—|to|and|&|/|y|et|au|al)\s*|\s+"
_DE = r"(?:\s+de)?"  # Spanish "13 y 14 de marzo de 1996"
_TO = r"\s*(?:-|–|—|to|au|al)\s*"
_Y = r"(?P<{name}>(?:19|20)\d{{2}})"
_D = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th|er)?"

PATTERNS = [
    # 30 November - 1 December 2006
    re.compile(_WD + _D.format(name="d1") + _DE + r"\s+" + _M.format(name="m1") + r"(?:\s+" + _Y.format(name="y1") + r")?"
               + _TO + _WD + _D.format(name="d2") + _DE + r"\s+" + _M.format(name="m2")
               + r"(?:,?" + _DE + r"\s+" + _Y.format(name="y") + r")?\b"),
    # October 30 - November 2, 2017
    re.compile(_WD + _M.format(name="m1") + r"\s+" + _D.format(name="d1") + r"\s*(?:-|–|—|to)\s*" + _WD
               + _M.format(name="m2") + r"\s+" + _D.format(name="d2") + r"(?:,?\s+" + _Y.format(name="y") + r")?\b"),
    # 22 and 23 February 2007 / 8-9 October 2007 / 18 19 July 2017 / 18-19 June
    re.compile(_WD + _D.format(name="d1") + r"(?:" + _SEP + r")" + _WD + _D.format(name="d2") + _DE + r"\s+" + _M.format(name="m")
               + r"(?:,?" + _DE + r"\s+" + _Y.format(name="y") + r")?\b"),
    # June 18-19, 2007
    re.compile(_M.format(name="m") + r"\s+" + _D.format(name="d1") + r"\s*(?:-|–|to|and)\s*" + _D.format(name="d2")
               + r"(?:,?\s+" + _Y.format(name="y") + r")?\b"),
    # Tuesday, 27 June 2006 / 6 July / 12 June 2007
    re.compile(_WD + _D.format(name="d1") + _DE + r"\s+" + _M.format(name="m") + r"(?:,?" + _DE + r"\s+" + _Y.format(name="y") + r")?\b"),
    # the 3rd of May 2019
    re.compile(_WD + _D.format(name="d1") + r"\s+of\s+" + _M.format(name="m") + r"(?:,?\s+" + _Y.format(name="y") + r")?\b"),
    # 2019-05-03 (ISO); day/month/year written with slashes is ambiguous (3/5 = 3 May or 5 March) and is left out
    re.compile(r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
    # June 27, 2006
    re.compile(_WD + _M.format(name="m") + r"\s+" + _D.format(name="d1") + r"(?:,\s*" + _Y.format(name="y") + r")?\b"),
]
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass
class DateSpan:
    start: int
    end: int
    first: datetime.date
    last: datetime.date
    explicit_year: bool


def _month(value: str) -> int:
    return MONTHS[value.lower().rstrip(".")]


def _make(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, *, default_year: int | None = None, base: int = 0) -> list[DateSpan]:
    """All date expressions in `text`, longest first at each position; a missing year comes from the
    nearest year written earlier in `text`, else `default_year` (else the expression is skipped)."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            if g.get("iy"):
                day = _make(int(g["iy"]), int(g["im"]), int(g["id"])) if 1 <= int(g["im"]) <= 12 else None
                if day:
                    taken.append((m.start(), m.end()))
                    found.append(DateSpan(base + m.start(), base + m.end(), day, day, True))
                continue
            year_text = g.get("y") or g.get("y1")
            if year_text:
                year = int(year_text)
            else:
                earlier = YEAR.findall(text[: m.start()])
                year = int(earlier[-1]) if earlier else default_year
                if year is None:
                    continue
            if "m1" in g and g.get("m1"):
                y1 = int(g["y1"]) if g.get("y1") else year
                first = _make(y1, _month(g["m1"]), int(g["d1"]))
                last = _make(year, _month(g["m2"]), int(g["d2"]))
            else:
                month = _month(g["m"])
                first = _make(year, month, int(g["d1"]))
                last = _make(year, month, int(g["d2"])) if g.get("d2") else first
            if not first or not last or last < first or (last - first).days > 31:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateSpan(base + m.start(), base + m.end(), first, last, bool(year_text)))
    found.sort(key=lambda d: d.start)
    return found


def parse_one(text: str) -> datetime.date | None:
    """A single date in any common form; dateparser as the fallback (no network, no locale download)."""
    spans = find_dates(text)
    if spans:
        return spans[0].first
    import dateparser  # slow to import (~0.5 s) and needed only for dates the rules above cannot read

    parsed = dateparser.parse(text, languages=["en", "fr", "es"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


TIME = r"(?P<{n}h>[0-2]?\d)(?:[:.](?P<{n}m>[0-5]\d))?\s*(?P<{n}ap>a\.?\s?m\.?|p\.?\s?m\.?|noon)?"
TIME_RANGE = re.compile(r"^\s*" + TIME.format(n="a") + r"\s*(?:-|–|—|to)\s*" + TIME.format(n="b") + r"(?=\s|$|\t)", re.I)


def _to24(hour: int, minute: int, meridiem: str | None, hint: str | None) -> tuple[int, int]:
    ap = (meridiem or hint or "").lower().replace(".", "").replace(" ", "")
    if ap.startswith("p") and hour < 12:
        hour += 12
    elif ap.startswith("a") and hour == 12:
        hour = 0
    elif not ap and 1 <= hour <= 6:
        hour += 12  # "1:00-3:00" in a day programme is the afternoon
    return hour, minute


def parse_time_range(line: str) -> tuple[str, str, int] | None:
    """'9:30 - 9:45 a.m.', '12:15 - 1 p.m.', '10:30-11:30', '5:45 - 6:00 pm' -> ('09:30', '09:45', chars)."""
    m = TIME_RANGE.match(line)
    if not m:
        return None
    ah, am, aap = int(m["ah"]), int(m["am"] or 0), m["aap"]
    bh, bm, bap = int(m["bh"]), int(m["bm"] or 0), m["bap"]
    if ah > 23 or bh > 23 or (m["am"] is None and m["bm"] is None and not (aap or bap)):
        return None
    end = _to24(bh, bm, bap, None)
    hint = bap
    if not aap and bap and bap.lower().startswith("p") and ah <= bh and bh != 12:
        hint = "pm"
    elif not aap and bap and bap.lower().startswith("p") and (ah > bh or bh == 12):
        hint = "am" if ah != 12 else "pm"
    start = _to24(ah, am, aap, hint)
    if start > end:
        start = (start[0] - 12, start[1]) if start[0] >= 12 else start
    return f"{start[0]:02d}:{start[1]:02d}", f"{end[0]:02d}:{end[1]:02d}", m.end()


TIME_SINGLE = re.compile(r"^\s*-?\s*(?P<ah>[0-2]?\d)(?:[:.](?P<am>[0-5]\d))?\s*(?P<aap>a\.?\s?m\.?|p\.?\s?m\.?)(?=\s|\t|$)", re.I)


def parse_time_row(line: str) -> tuple[str, str | None, int] | None:
    """A programme row: a time range, or a single time with a.m./p.m. ('10:00 am\tOPENING REMARKS')."""
    found = parse_time_range(line)
    if found:
        return found
    m = TIME_SINGLE.match(line)
    if not m or int(m["ah"]) > 12:
        return None
    hour, minute = _to24(int(m["ah"]), int(m["am"] or 0), m["aap"], None)
    return f"{hour:02d}:{minute:02d}", None, m.end()
