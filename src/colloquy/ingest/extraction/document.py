"""Document metadata: title, symbol, date, place, type and forum."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.countries import country_code
from colloquy.ingest.extraction.dates import find_dates
from colloquy.ingest.extraction.places import KNOWN_CITIES, city_name
from colloquy.ingest.extraction.segment import ANCHORS, Block, title_case

SYMBOL = re.compile(r"^(?:[A-Z]{1,6}/)(?:[A-Z0-9.]{1,12}/){0,4}[A-Z0-9.]{1,12}$")
FORUMS = [
    ("International Dialogue on Migration", r"International Dialogue on Migration|\bIDM\b"),
    ("UNITAR Migration and Development Series", r"Migration and Development Series"),
    ("Global Forum on Migration and Development", r"Global Forum on Migration and Development|\bGFMD\b"),
    ("Regional Conference on Migration", r"Regional Conference on Migration|Puebla Process"),
    ("Colombo Process", r"Colombo Process"),
    ("Bali Process", r"Bali Process"),
    ("Budapest Process", r"Budapest Process"),
    ("Abu Dhabi Dialogue", r"Abu Dhabi Dialogue"),
    ("Migration Dialogue for Southern Africa", r"Migration Dialogue for Southern Africa|\bMIDSA\b"),
    ("Migration Dialogue for West Africa", r"Migration Dialogue for West Africa|\bMIDWA\b"),
]
GENERIC = re.compile(r"^(?:(?:[IVX]+|\d+)\.?\s+)?(?:introduction|contents|table of contents|summary|executive summary|acknowledge?ments?|background|foreword|preface|annex(?:es)?|programme|agenda|original\b.*)\W*$", re.I)
# a telephone number ("+41 22 717 9111"), not "Dialogue 5+5"
BOILER = re.compile(r"www\.|e-mail|@|postal|tel\.|fax|(?<!\w)\+\d[\d ().-]{6,}|original:|^\W*$", re.I)
TYPE_WORDS = re.compile(r"report|note|series|programme|summary|workshop|seminar|dialogue|conference|consultation|briefing"
                        r"|meeting|statement|declaration|communiqu|overview|address|remarks", re.I)
# A header line that breaks off on a function word ("CLOSING STATEMENT BY") or a line that starts with one
# ("ON INTERNATIONAL MIGRATION") is one title written over two lines.
_DANGLING_END = re.compile(r"\b(?:by|of|on|before|to|the|and|for|at|in|from|de|du|des|sur|del|sobre)$", re.I)
_DANGLING_START = re.compile(r"^(?:on|of|and|for|in|to|de|du|des|sur|del|sobre|y|et)\b", re.I)


def symbol_in(header: list[Block]) -> str | None:
    for b in header:
        s = b.text.strip()
        if SYMBOL.match(s) and any(ch.isdigit() for ch in s) and "/" in s:
            return s
    return None


def header_blocks(bl: list[Block]) -> list[Block]:
    out = []
    for b in bl[:25]:
        if b.kind == "numbered" or (b.kind == "para" and len(b.text) > 250):
            break
        out.append(b)
    return out


FORUM_LINE = re.compile(r"^(?:The\s+)?(?:[A-Z][\w'’-]*\s+){0,6}(?:Dialogue|Process|Forum|Series)(?:\s+(?:on|for)\s+(?:[A-Z][\w'’-]*|and|of|the)(?:\s+(?:[A-Z][\w'’-]*|and|of|the)){0,6})?$")
MEETING_WORDS = re.compile(r"\b(?:Workshop|Seminar|Briefing|Meeting|Training|Session|Report|Note|Summary|Programme|Agenda)\b", re.I)


def forum_line(header: list[Block], text: str) -> str | None:
    """A header line that names a dialogue or process ("West African Dialogue on Labour Mobility") and that the
    body names again: the forum the document belongs to, not its title."""
    for b in header:
        line = b.text.strip()
        if len(line.split()) >= 2 and FORUM_LINE.match(line) and not MEETING_WORDS.search(line) \
                and text.count(line) >= 2:
            return line
    return None


REPORT_OF = re.compile(r"^(?:Report|Summary|Record|Minutes|Proceedings|Summary record)\s+of\s+(?:the\s+)?(.{6,})$", re.I)


def _joined(header: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in header:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("heading", "para") and b.kind in ("heading", "para") \
                and len(prev.text) + len(b.text) < 140 and (prev.text.isupper() == b.text.isupper()) \
                and (_DANGLING_END.search(prev.text.strip()) or _DANGLING_START.match(b.text.strip())) \
                and not find_dates(b.text) and not find_dates(prev.text):
            out[-1] = Block(prev.start, b.end, f"{prev.text.strip()} {b.text.strip()}", prev.kind)
        else:
            out.append(b)
    return out


def _undated(text: str) -> str:
    """A heading that names a meeting, then its place and dates ("Ministerial-level X meeting, Victoria Falls
    Zimbabwe, 7-9 July 2015"): the name before the place. Any other line is returned as it is."""
    dates = find_dates(text)
    head = text.split(",")[0].strip()
    if dates and dates[-1].end >= len(text.rstrip(" .")) - 1 and "," in text and len(head.split()) >= 2 \
            and MEETING_WORDS.search(head) and not find_dates(head):
        return head
    return text


def title_in(header: list[Block], forum: str | None = None) -> str | None:
    header = _joined(header)
    candidates = [_undated(b.text.strip()) for b in header
                  if 2 <= len(b.text.split()) <= 20 and len(b.text) < 160 and not GENERIC.match(b.text.strip())
                  and not BOILER.search(b.text) and not SYMBOL.match(b.text.strip())
                  and not (":" in b.text and _LABEL.match(b.text.split(":")[0].strip()))
                  and (not find_dates(b.text) or _undated(b.text.strip()) != b.text.strip())
                  and not re.search(r"Headquarters|Organi[sz]ation for|Institute for|Organisation|Organización", b.text)
                  and b.kind in ("heading", "para") and b.text.strip().upper().rstrip(":") not in ANCHORS]
    if not candidates:
        return None
    candidates = [c for c in candidates if not c.endswith(":") and c != forum]
    if not candidates:
        return None
    # "REPORT OF THE ANNUAL MEETING" under "ANNUAL MEETING OF THE ... PROCESS" only says what kind of document it is
    generic = [c for c in candidates if (m := REPORT_OF.match(c))
               and any(m.group(1).lower() in other.lower() and other != c for other in candidates)]
    candidates = [c for c in candidates if c not in generic] or candidates
    # "MIDSA Migration Dialogue for Southern Africa" names the forum; the line naming a meeting is the title
    forum_names = [c for c in candidates if FORUM_LINE.match(c) and not MEETING_WORDS.search(c)]
    candidates = [c for c in candidates if c not in forum_names] or candidates
    for c in candidates:
        if TYPE_WORDS.search(c) and re.search(r"\b(?:19|20)\d\d\b", c):
            return title_case(c)
    for c in candidates:
        if candidates.count(c) > 1:
            return title_case(c)
    for c in candidates:
        if TYPE_WORDS.search(c):
            return title_case(c)
    return title_case(candidates[0])


def long_line_title(text: str) -> str | None:
    """A flattened slide or cover runs its title into one long first line: "Overview of the X (XYZ) XYZ Chair ...".
    The title is what comes before the first parenthesis, if it reads as a title."""
    first = next((ln.strip() for ln in text[:2000].split("\n") if ln.strip()), "")
    if len(first) <= 140:
        return None
    segment = re.split(r"\s\(|\s[–—-]\s|:\s", first, maxsplit=1)[0].strip()
    words = re.findall(r"[A-Za-z][\w'’-]*", segment)
    small = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
    if not 3 <= len(words) <= 16 or find_dates(segment) or segment.endswith(","):
        return None
    if sum(1 for w in words if w[0].isupper() or w.lower() in small) / len(words) < 0.8:
        return None
    return title_case(segment)


_GENERIC_TITLE = re.compile(r"^(?:(?:final|annual|summary|series|report|programme|program|overview|general|synthesis|"
                            r"executive|short|brief|rapport|informe|de|of|the|and)\s*)+$", re.I)
_SERIES_NAME = re.compile(r"\"([^\"]{3,80})\"\s+((?:Workshop|Seminar|Briefing|Lecture|Dialogue)\s+)?Series\b"
                          r"|\b((?:[A-Z][\w'’-]*\s+){1,6}(?:Workshop|Seminar|Briefing|Lecture)\s+Series)\b")


def series_title(title: str | None, text: str) -> str | None:
    """A title made of document-type words only ("Series Summary Report") is completed with the name of the
    series the text gives ('the "Key Issues" Workshop Series')."""
    if not title or not _GENERIC_TITLE.match(title):
        return title
    m = _SERIES_NAME.search(text[:5000])
    if not m:
        return title
    name = f"{m.group(1)} {m.group(2) or ''}Series" if m.group(1) else m.group(3)
    return f"{name}: {title}"


def date_in(header: list[Block]) -> str | None:
    for b in header:
        if re.match(r"^\s*(?:[-*•]\s*|\(?\d{1,2}[.)]\s+)", b.text):
            continue  # an item of a list ("2. Labour Mobility (9 June 2011)") dates a meeting, not the document
        dates = find_dates(b.text)
        if dates and dates[0].explicit_year and (re.search(r"original|geneva|new york|\b[A-Z][a-z]+,\s*\d", b.text, re.I) or len(b.text) < 40):
            return dates[0].first.isoformat()
    return None


def place_in(header: list[Block]) -> str | None:
    for b in header:
        for city in sorted(KNOWN_CITIES, key=len, reverse=True):
            # a city name followed by a capitalised word is a person's name ("Ambassador Santiago Chavez")
            if re.search(rf"\b{re.escape(city)}\b(?!\s+[A-Z][a-z])", b.text, re.I if b.text.isupper() else 0) and (find_dates(b.text) or re.search(r"Headquarters|Original|,", b.text)):
                return city
    return None


_DATELINE_CITY = re.compile(r"^(?P<city>[A-ZÀ-Ý][\w'’.À-ÿ-]+(?:\s+[A-ZÀ-Ý][\w'’.À-ÿ-]+){0,2})(?:,\s*[A-ZÀ-Ý][\w'’.À-ÿ-]+(?:\s+[A-ZÀ-Ý][\w'’.À-ÿ-]+){0,2})?\s*(?P<sep>[:,])\s*")
_AFTER_DATE = re.compile(r"^\s*(?:\([A-Z]{2,8}\)\s*)?(?:\.-|[:–—-]|/(?=[A-Z])|,\s*(?P<city>[A-ZÀ-Ý][\w'’.À-ÿ-]+(?:\s+[A-ZÀ-Ý][\w'’.À-ÿ-]+){0,2})\s*(?:[:–—]|-\s))")


_CITY_COUNTRY_DASH = re.compile(r"^(?P<city>[A-ZÀ-Ý][\w'’.À-ÿ-]+(?:\s+[A-ZÀ-Ý][\w'’.À-ÿ-]+){0,2}),\s*"
                                r"(?P<country>[A-ZÀ-Ý][\w'’.À-ÿ-]+(?:\s+(?:of\s+the\s+|of\s+)?[A-ZÀ-Ý][\w'’.À-ÿ-]+){0,4})\s*(?:[–—]|-\s)\s*")
_LABEL = re.compile(r"^(?:Location|Venue|Date|Dates|Theme|Subject|Source|Note|Contact|Email|E-mail|Tel|Fax|Website|Address|Lieu"
                    r"|Lugar|Fecha|Tema|Objective|Purpose|Background|Summary|Title|Participants|Organizer|Organiser)$", re.I)


def dateline(text: str) -> tuple[str | None, str | None]:
    """A news item's dateline at the start of its first paragraphs: "Dubai: A summit ...",
    "Istanbul, 19 April 2013: The ...", "LIMA, 09 de octubre de 2019.- El ...", "10-11 September, Geneva – ...",
    "GENEVA, Switzerland, May 9, 2014/African Press Organization (APO)/ -- The ..." (a wire service's dateline).
    Returns (date with its year written, place that is a city, not a country)."""
    lines = [ln.strip() for ln in text[:3000].split("\n") if ln.strip()]
    for line in lines[:6]:
        if len(line) < 60:
            continue
        m = _DATELINE_CITY.match(line)
        dates = find_dates(line[:80])
        plain = _CITY_COUNTRY_DASH.match(line)  # "Lilongwe, Malawi – The Government of Malawi ...": no date
        if plain and not dates and country_code(plain.group("country")) and city_name(plain.group("city")):
            return None, city_name(plain.group("city"))
        if m and m.group("sep") == ":" and not dates:
            # "Dubai: A summit ...": a known city, or one word that is no label ("Location:", "Venue:")
            name = m.group("city")
            # "WGS: 7th ...": a tag in capitals before a headline is no place
            tag = name.isupper() and len(name) <= 4 and name.title() not in KNOWN_CITIES
            place = city_name(name) if name in KNOWN_CITIES or (" " not in name and not _LABEL.match(name) and not tag) else None
            if place:
                return None, place
            continue
        rest = line[m.end():] if m and m.group("sep") == "," else line
        if not dates or dates[0].start != len(line) - len(rest):
            continue
        d = dates[0]
        after = _AFTER_DATE.match(line[d.end:])
        if not after:
            continue
        place = city_name(m.group("city")) if m else city_name(after.group("city"))
        return (d.first.isoformat() if d.explicit_year else None), place
    return None, None


def forum_in(text: str, title: str | None, header: list[Block] | None = None) -> str | None:
    for name, pattern in FORUMS:
        if title and re.search(pattern, title, re.I if "\\b" not in pattern else 0):
            return name
    counts = [(len(re.findall(pattern, text)), name) for name, pattern in FORUMS]
    counts.sort(reverse=True)
    if counts and counts[0][0] >= 3:
        return counts[0][1]
    return forum_line(header or [], text)


def doc_type_in(text: str, bl: list[Block], *, n_children: int) -> str:
    head = text[:4000]
    if n_children >= 3:
        return "series_report"
    # the document calls itself so in its head ("Background Paper"), or in the body ("this discussion note")
    if re.search(r"discussion note|background paper|concept note|issue paper", head[:600], re.I) or re.search(
            r"\b(?:this|the present)\s+(?:discussion note|background paper|concept note|issue paper)", head, re.I):
        return "discussion_note"
    rows = sum(1 for b in bl if b.kind == "row")
    paras = sum(1 for b in bl if b.kind in ("numbered", "para") and len(b.text) > 250)
    numbered = sum(1 for b in bl if b.kind == "numbered")
    if rows >= 5 and paras < rows and numbered < rows:  # a report with a programme annex has its numbered paragraphs
        return "programme"
    if re.search(r"summary of conclusions|chair(?:person)?'s summary|co-chairs'? (?:summary|statement)|chair(?:person)?'s statement|\b(?:this|the present) summary\b", head, re.I):
        return "summary_of_conclusions"
    if re.search(r"\b(?:workshop|seminar|meeting|conference)\b", text[:20000], re.I) and re.search(
            r"recommendations|participants|delegates|was attended|was opened|was held|took place", text, re.I):
        return "workshop_report"
    return "other"


_PLACE_LABEL = re.compile(r"^\s*(?:Location|Venue|Place|Lieu|Lugar|Sede)\s*:\s*(?P<place>[^\n]{2,80})$", re.I | re.M)


def labelled_place(text: str) -> str | None:
    """A page's "Location: Lima, Peru" / "Lieu : Dakar" line: the city it names (a country alone is no city)."""
    m = _PLACE_LABEL.search(text[:3000])
    if not m:
        return None
    return city_name(m.group("place").split(",")[0]) or None
