"""Meetings a document states by its layout: the meeting its head names with a date, and meetings listed under a heading that names their kind ("Workshops and briefings")."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.dates import find_dates
from colloquy.ingest.extraction.events import EventHit, kind_of, title_candidates
from colloquy.ingest.extraction.places import CITY_AFTER, CITY_BEFORE, KNOWN_CITIES, city_name
from colloquy.ingest.extraction.segment import Block, title_case

# --- The meeting a document's head names with its date ------------------------------------------------
HEADER_KIND = re.compile(
    r"\b(?:conferences?|meetings?|workshops?|seminars?|symposium|summit|consultations?|briefings?|round ?tables?|forum"
    r"|high[- ]level dialogue|conferencia|reuni[oó]n|taller|seminario|cumbre|foro|consulta"
    r"|conf[ée]rence|r[ée]union|atelier|s[ée]minaire|sommet)\b", re.I)

STATEMENT_HEAD = re.compile(
    r"\b(?:statement|address|remarks|speech|message|d[ée]claration|declaraci[óo]n|communiqu[ée]|comunicado|discours"
    r"|discurso|press release)\b", re.I)

_REPORT_PREFIX = re.compile(
    r"^(?:(?:final\s+)?(?:report|summary|proceedings|record|programme|program|agenda|minutes|rapport|informe|relatoría)"
    r"(?:\s+(?:and|et|y)\s+(?:recommendations|conclusions|recomendaciones|recommandations))?\s+(?:of|on|from|de|du|des|del)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?)", re.I)

_VENUE_TAIL = re.compile(r"\s+(?:[A-Z][a-z'’.-]*\s+){0,5}(?:Conference Centre|Conference Center|Convention Centre|Convention Center"
                         r"|Headquarters|Hotel|Centre|Center|House|Hall|Palace|Palais)\b.*$")

def _title_like(segment: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", segment)
    small = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
             "de", "del", "la", "las", "los", "el", "y", "en", "du", "des", "le", "les", "et", "sur", "sobre", "pour", "para"}
    return bool(words) and all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in words)


def _name_in(segment: str) -> str | None:
    segment = segment.strip(" ,;:-–—")
    if not segment or not HEADER_KIND.search(segment):
        return None
    if _title_like(segment):
        name = _REPORT_PREFIX.sub("", segment)
        name = _VENUE_TAIL.sub("", name).strip(" ,;:-–—")
        name = re.sub(r"\s+(?:on|sur|sobre):\s+", " on ", name)
        return title_case(name) if HEADER_KIND.search(name) and len(name.split()) >= 2 else None
    for _, candidate in sorted(title_candidates(segment)):
        if HEADER_KIND.search(candidate) and candidate[:1].isupper():
            return candidate.strip(" ,.")
    return None


def header_event(text: str, *, year: int | None, doc_type: str, doc_date: str | None) -> EventHit | None:
    """The meeting a document's head names beside its date: "TITLE / City, 18-19 April 2017", a slide's
    "Title City, Country 4-5 June 2009", or a news item's headline over "10-11 September, City – ...".

    Left out where the date is the document's own (a statement, a speech, an "Original:" line, a symbol)."""
    head = text[:800]
    dates = [d for d in find_dates(head, default_year=year) if d.explicit_year or year]
    if not dates:
        return None
    d = dates[0]
    line_start = head.rfind("\n", 0, d.start) + 1
    line_end = head.find("\n", d.end)
    line_end = len(head) if line_end < 0 else line_end
    before, after = head[line_start:d.start], head[d.end:line_end]
    previous = [ln.strip() for ln in head[:line_start].split("\n") if ln.strip()]
    if re.match(r"\s*(?:[-*•]\s*|\(?\d{1,2}[.)]\s+)", before):
        return None  # an item of a list of meetings, not the document's own meeting
    if re.search(r"original|symbol|distr\.", before, re.I) or STATEMENT_HEAD.search(" ".join([*previous[:4], before])):
        return None
    city = None
    m = CITY_BEFORE.search(before)
    if m:
        words = m.group(1).split()
        tails = [" ".join(words[i:]) for i in range(len(words))]
        city = next((c for t in tails if (c := city_name(t)) and c in KNOWN_CITIES), None) \
            or city_name(words[-1]) or (city_name(m.group(2)) if m.group(2) else None)
        if city:  # keep the words before the city: "Global Forum on Migration and Development Athens,"
            kept = m.group(1)[:m.group(1).find(city.split()[0])] if city in m.group(1) else ""
            before = before[:m.start()] + " " + kept
    if re.search(r"(?:^|\s)(?:on|le|el|du|from|between|los días|les|en)\s*$", before.strip() + " ", re.I) \
            or re.search(r"(?:^|\s)[a-z][\w'’-]*[,;]?\s*$", before):
        return None  # a date inside prose ("On 27-28 April 2023, the Chair hosted ..."), not a dateline
    news = bool(CITY_AFTER.match(after)) and not before.strip()
    if news:
        city = city or city_name(CITY_AFTER.match(after).group(1))
    known = [c for c in KNOWN_CITIES if re.search(rf"\b{re.escape(c)}\b", before)]
    city = city or (max(known, key=len) if known else None)
    # the name: the nearest segment before the date that names a meeting
    segments = [s for s in re.split(r"\([^)]*\)", before) if s.strip()][::-1] + previous[::-1][:3]
    title = None
    for segment in segments:
        if find_dates(segment) or re.match(r"^[A-Z]{1,6}/\S+/\d", segment):
            break
        title = _name_in(segment)
        if title:
            break
    if not title:
        return None
    sentence_end = re.search(r"[.!?](?:\s|$)", text[d.end:d.end + 600])
    following = text[d.end:d.end + (sentence_end.end() if sentence_end else 600)]
    future = re.search(r"\bwill (?:be held|take place|bring together|convene)|\bto be held\b", following)
    if doc_type in ("discussion_note", "programme") or (doc_date and d.first.isoformat() > doc_date) or future:
        status = "planned"
    else:
        status = "held"
    kind = kind_of(title) or "other"
    return EventHit(title, kind, d.first.isoformat(), d.last.isoformat(), city, None, status, (line_start, line_end))


# --- Meetings listed under a heading that names their kind ("Workshops and briefings") ------------------
_LIST_HEADING = re.compile(r"^(?:[\w'’-]+\s+){0,4}(?:workshops|seminars|briefings|meetings|conferences|events|sessions|consultations"
                           r"|ateliers|s[ée]minaires|r[ée]unions|talleres|seminarios|reuniones)\b", re.I)

_ITEM_LEAD = re.compile(r"^\s*(?:[-*•]\s*|\(?\d{1,2}[.)]\s+|\(?[a-h]\)\s+)")

_ITEM = re.compile(r"^(?P<title>[A-Z][^()]{3,120}?)\s*(?:\((?P<paren>[^()]{4,60})\)|[,:–—-]\s*(?P<tail>[^,()]{4,60}))\s*\.?$")

_ITEM_CUT = re.compile(r",?\s+(?:(?:co-)?organi[sz]ed|held|hosted|convened|jointly|in (?:cooperation|collaboration|partnership))\b.*$", re.I)

def listed_events(bl: list[Block], *, year: int | None) -> list[EventHit]:
    """Items of a list under a heading such as "Workshops and briefings": "3. Labour Mobility, organized with
    the ILO (15 March 2006)". Each item is one meeting of the heading's kind, on the date it gives; no status
    wording, so no status."""
    out: list[EventHit] = []
    list_kind = None
    for block in bl:
        text = block.text.strip()
        item = _ITEM_LEAD.match(text)
        if not item and block.kind == "heading" and len(text) < 120:
            hm = _ITEM.match(text)  # a section headed "Steering Group Meeting (10 September)"
            if hm and hm.group("paren") and HEADER_KIND.search(hm.group("title")) and _title_like(hm.group("title")) \
                    and not _REPORT_PREFIX.match(hm.group("title")):
                when = hm.group("paren")
                dates = find_dates(when, default_year=year)
                if dates and dates[0].end - dates[0].start >= len(when.strip()) - 2:
                    d = dates[0]
                    title = hm.group("title").strip(" ,;:")
                    out.append(EventHit(title, kind_of(title) or "other", d.first.isoformat(), d.last.isoformat(), None,
                                        None, None, (block.start, block.end)))
                    continue
            list_kind = kind_of(text) if len(text) < 60 and _LIST_HEADING.match(text) else None
            continue
        if list_kind is None:
            continue
        if not item or len(text) > 200:
            if block.kind in ("para", "numbered") and len(text) > 200:
                list_kind = None
            continue
        m = _ITEM.match(text[item.end():].strip())
        if not m:
            continue
        when = m.group("paren") or m.group("tail")
        dates = find_dates(when, default_year=year)
        if not dates or dates[0].end - dates[0].start < len(when.strip()) - 2:
            continue  # the parenthesis must be the date, nothing more
        title = _ITEM_CUT.sub("", m.group("title")).strip(" ,;:")
        if len(title.split()) < 2:
            continue
        d = dates[0]
        out.append(EventHit(title, kind_of(title) or list_kind, d.first.isoformat(), d.last.isoformat(), None, None, None,
                            (block.start, block.end)))
    return out
