"""Events (meetings a document reports on or announces), their status and participation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from colloquy.ingest.extraction.dates import find_dates
from colloquy.ingest.extraction.event_context import (
    UNNAMED_MEETING,
    in_section,
    split_respectively,
    year_section_city,
)
from colloquy.ingest.extraction.participation import participants_in, participation_extras
from colloquy.ingest.extraction.places import KNOWN_CITIES, city_in, venue_in
from colloquy.ingest.extraction.segment import Block, sentences

KIND_WORDS = [  # English, with the French and Spanish words for the same kinds
    ("training", r"training sessions?|trainings?\b|training courses?"),
    ("briefing", r"briefings?"),
    ("seminar", r"seminars?|symposi(?:um|a)|s[ée]minaires?|seminarios?"),
    ("workshop", r"workshops?|ateliers?|talleres|taller"),
    ("consultation", r"(?:informal )?consultations?"),
    ("conference", r"conferences?|summits?|round ?tables?|roundtables?|conf[ée]rences?|conferencias?|cumbres?|sommets?"),
    # "Side Event", "Civil Society Days": capitalised only
    ("other", r"meetings?|high[- ]level dialogues?|(?-i:Events?)|(?-i:Days?)|r[ée]unions?|reuni[oó]n|reuniones"),
]

KIND_RE = re.compile(r"\b(" + "|".join(p for _, p in KIND_WORDS) + r")\b", re.I)

STATUS_CUES = [
    ("cancelled", r"could not (?:be organi[sz]ed|take place|be held)|was cancell?ed|were cancell?ed|did not take place|has been cancell?ed"),
    ("proposed", r"recommend\w*,?(?: [^,]{0,30},)? (?:the )?(?:convening|holding|organi[sz]ation) of|subject to (?:the )?(?:availability of )?fund|should funding be (?:secured|available)|if funding (?:is|becomes)|could be envisaged|could be (?:organi[sz]ed|held|convened)|is (?:being )?proposed|proposes? to (?:hold|organi[sz]e)|would be organi[sz]ed"),
    ("planned", r"\bbe held\b|would (?:take place|be held|convene|meet)\b|will (?:be held|take place|be organi[sz]ed|be convened|bring together|convene)|(?:is|are|was) scheduled|scheduled for|to be held|planned for|is planned|are now under way|will be on|(?:is|are) planning to (?:hold|organi[sz]e)|scheduled to\b|(?:is|are|was|were) (?:organi[sz]ing|preparing|convening)\b|plans to (?:hold|organi[sz]e)|intends to (?:hold|organi[sz]e)"),
    ("planned", r"\bse (?:celebrar[áa]n?|realizar[áa]n?|llevar[áa]n? a cabo)\b|tendr[áa]n? lugar|\bse tiendra\b|aura lieu|auront lieu"),
    ("held", r"\bse (?:celebr[óo]|realiz[óo]|llev[óo] a cabo|reuni[óo]|reunieron)\b|tuvo lugar|\bs['’]est (?:tenue?|d[ée]roul[ée]e?|r[ée]uni)|\bse sont (?:r[ée]uni(?:e?s)?|tenue?s|d[ée]roul[ée]e?s)\b"
              r"|\ba eu lieu\b|\bont eu lieu\b"),
    ("held", r"(?<!\bbe )(?<!\bto )\b(?:hosted|attended|chaired|convened) (?:the|a|an)\b"),
    ("held", r"\b(?:last|previous|past)\s+(?:\w+\s+){0,2}(?:consultations|workshop|seminar|meeting|session)|took place|\bheld (?:in|on|at|from) (?:[A-Z]|\d)|(?:was|were) (?:held|organi[sz]ed|convened|attended|opened|chaired|hosted)|\bconvened (?:for|in|on|at)\b|brought together|gathered|met in|marked the first"),
]

QUOTED = re.compile(r'"([^"]{8,160}?)[,.]?"')

NAMED_EVENT = re.compile(
    r"\b((?:(?:[A-Z][\w'-]*|of|on|and|the|for)\s+){0,6}(?:Workshop|Seminar|Conference|Briefing|Symposium|Training|Meeting|Roundtable|Round Table|Consultations?|High[- ]Level Dialogue)\s+on\s+"
    r"(?:[A-Z][\w'-]*|of|on|and|the|for|in|its|a|to|,|:|-)(?:\s*(?:[A-Z][\w'-]*|of|on|and|the|for|in|its|a|to|:|-|,(?=\s*[A-Z])))*)"
)

ROMANCE_EVENT = re.compile(  # "la XXVI Reunión Viceministerial de la CRM", "la Conférence ministérielle euro-africaine"
    r"\b((?:[IVXLC]{1,6}\s+|\d{1,2}(?:ª|ᵉ|e|er|a|o|º)?\s+)?(?:Conferencia|Reuni[óo]n|Taller|Seminario|Cumbre|Conférence|Réunion|Atelier"
    r"|S[ée]minaire|Sommet)(?:\s+(?:[A-ZÀ-Ý][\w'’À-ÿ-]*|[a-zà-ÿ]+(?:ial|iel|ielle|al|ale|aux|aire|ario|aria|ana|ano)s?\b|sobre|de|del|la|las|los|y|sur|des|du|et|pour|para|el|le|les|l'))*)")

TOPIC = re.compile(r"\bon the (?:topic|theme|subject) of\s+(?:\"([^\"]{5,160}?)[,.]?\"|([A-Z][^.,;(]{4,120}))")

LOWER_EVENT = re.compile(
    r"\b((?:follow-up )?(?:expert |technical |regional |national |high-level |follow-up |thematic )?(?:workshop|seminar|briefing|training session|training course|conference|consultation|roundtable|meeting))"
    r" (on|of|for) ((?:the )?[A-Za-z][\w ,'’-]{4,80}?)(?=\s+(?:could|was|were|will|would|is|are|took|has|had|planned|held|scheduled|in (?:[A-Z]|\d))\b|[,.;])")

LOWER_EVENT_IN = re.compile(  # "a national consultation in Liberia", "a regional workshop in Dakar"
    r"\b((?:national|regional|sub-regional|subregional|expert|technical|follow-up|thematic) (?:workshop|seminar|briefing|consultation|conference|meeting|training course))"
    r" in ((?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})\b")

KIND_PHRASE = re.compile(r"\b((?:informal |expert |technical |regional |annual |high-level )?(?:consultations?|workshop|seminar|briefing|training session|conference))\b", re.I)

@dataclass
class EventHit:
    title: str
    kind: str
    start: str | None
    end: str | None
    city: str | None
    venue: str | None
    status: str | None
    evidence: tuple[int, int]
    total: int | None = None
    by_category: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # "qualifier" (over/about), "speakers", "women_speakers"

    def key(self) -> str:
        return re.sub(r"[^a-z0-9 ]", "", self.title.lower().replace("-", " "))


_STATUS_RES = [(status, re.compile(pattern, re.I)) for status, pattern in STATUS_CUES]

_MONTH_HINT = re.compile(r"Jan|Feb|F[ée]v|Mar|Apr|Avr|Abr|May|Mai|Jun|Juin|Jul|Juil|Aug|Ao[uû]t|Ago|Sep|Set|Oct|Nov|Dec|D[ée]c|Dic|Ene", re.I)

_PARTICIPANT_HINT = re.compile(r"participant|expert|delegat|represent|attend|people|person|official|governments|organi[sz]ations|speaker", re.I)

def status_of(sentence: str) -> str | None:
    for status, pattern in _STATUS_RES:
        if pattern.search(sentence):
            return status
    return None


def kind_of(text: str) -> str | None:
    m = KIND_RE.search(text)
    if not m:
        return None
    word = m.group(1)
    for kind, pattern in KIND_WORDS:
        if re.fullmatch(pattern, word, re.I):
            return kind
    return None


ORDINAL_MEETING = re.compile(
    r"\b((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th))\s+"
    r"(?:annual\s+|regional\s+|ministerial\s+|plenary\s+|global\s+|high-level\s+)?(?:meeting|conference|session|summit|forum)\s+of\s+"
    r"(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|on|and|for))*)")

ORDINAL_NAMED = re.compile(  # "the first Global Forum on Migration and Development", "the 3rd Regional Conference"
    r"\b((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\s+"
    r"(?:[A-Z][\w'-]*\s+){1,4}(?:Forum|Conference|Meeting|Summit|Session|Dialogue|Consultations?)\b(?!\s+[A-Z])"
    r"(?:\s+on\s+[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|on|and|the|for|in))*)?)")

CAPITALISED_BEFORE = re.compile(r"\b((?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?(?:(?:[A-Z][\w'-]*|[0-9]+(?:st|nd|rd|th))\s+(?:(?:on|and|for|of)\s+(?=[A-Z]))?){1,8}(?:[Mm]eetings?|[Cc]onference|[Ss]ummit|[Ff]orum|[Ss]ession|Event|Consultations|Days?))\b(?!\s+on\s+[A-Z])(?!\s+(?:Centre|Center|Hall|Room|Building|Hotel|Facility|Secretariat)\b)")

NAMED_TAIL = re.compile(r"\s+(?!(?:which|that|who|whose|was|were|is|are|will|has|had|took|held|organi[sz]ed|from|scheduled|in|to|be)\b)([a-z][^,.;(]{2,80}?)(?=\s+(?:was|were|will|is|are|has|had|took|held|organi[sz]ed|which|that|from|scheduled|in\s+(?:[A-Z]|\d))\b|[,.;(]|$)")

_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"

_TITLE_CUT = re.compile(rf",?\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:in|at|,)\s+(?:{'|'.join(sorted(map(re.escape, KNOWN_CITIES), key=len, reverse=True))})\b|(?:{_MONTHS})\b|\d).*$")

_POSSESSOR = re.compile(r"^(?:(?:the|The)\s+)?(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*(?:'s|')\s+(?=[A-Z0-9])")

def clean_title(title: str) -> str:
    """Drop what follows the name (a place, a date) and an owner in front ("the General Assembly's ...")."""
    title = _TITLE_CUT.sub("", title).strip(" ,;:-")
    title = re.sub(r"^(?:(?:of|on|and|the|for|in|to|a|an)\s+)+", "", title)
    title = title[:1].upper() + title[1:]
    stripped = _POSSESSOR.sub("", title)
    return stripped if len(stripped.split()) >= 2 else title


_DEFINED = re.compile(r"\b((?:[A-Z][\w'-]*|of|on|and|the|for|in)(?:\s+(?:[A-Z][\w'-]*|of|on|and|the|for|in)){1,9})\s+\(([A-Z]{2,8})\)")

def acronyms_in(text: str) -> dict[str, str]:
    """Acronyms the document defines, "Global Forum on Migration and Development (GFMD)": {"GFMD": "Global ..."}.
    The long form is the shortest tail of capitalised words whose initials spell the acronym."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        words, acronym = m.group(1).split(), m.group(2)
        for i in range(len(words) - 1, -1, -1):
            if not words[i][:1].isupper():
                continue
            tail = words[i:]
            if "".join(w[0] for w in tail if w[:1].isupper()) == acronym:
                found.setdefault(acronym, " ".join(tail))
                break
    return found


def expand_in_sentence(sentence: str, acronyms: dict[str, str]) -> str:
    """Acronyms used (not defined) in a sentence, written out: "the second IMRF" -> "the second International ..."."""
    if not acronyms:
        return sentence
    return re.sub(r"(?<!\()\b([A-Z]{2,8})\b(?!\))", lambda m: acronyms.get(m.group(1), m.group(1)), sentence)


def local_status(sentence: str, title: str) -> str | None:
    """The status wording that follows this meeting's name, up to the next meeting named in the sentence."""
    at = sentence.find(title)
    if at < 0:
        return None
    later = [pos for pos, name in title_candidates(sentence) if pos > at + len(title)]
    return status_of(sentence[at:min(later) if later else len(sentence)])


def expand_acronyms(title: str, acronyms: dict[str, str]) -> str:
    """"Second meeting of the GFMD" -> "Second meeting of the Global Forum on Migration and Development"."""
    if not acronyms or len(title.split()) < 2:
        return title
    return re.sub(r"\b([A-Z]{2,8})\b", lambda m: acronyms.get(m.group(1), m.group(1)), title)


_PARTICIPLE_HELD = re.compile(r"\s*(?:\([A-Z]{2,8}\)\s*)?,?\s*(?:which |that )?(?:held|took place)\s+(?:in|on|at|from)\b")

def title_candidates(sentence: str) -> list[tuple[int, str]]:
    """(position, title) for every way the sentence names a meeting."""
    out: list[tuple[int, str]] = []
    for m in QUOTED.finditer(sentence):
        candidate = m.group(1).strip(" ,.")
        if candidate[:1].isupper() and len(candidate.split()) >= 2:
            out.append((m.start(), candidate))
    for m in NAMED_EVENT.finditer(sentence):
        value = re.sub(r"^(?:The|the|A|a|An|This|In)\s+", "", m.group(1)).strip(" ,:-")
        value = re.sub(r"(?:\s+(?:of|on|and|the|for|in|its|a|to|:|-))+$", "", value)
        tail = NAMED_TAIL.match(sentence, m.end())
        if tail and value.split()[-1][:1].isupper():  # "Expert Meeting on Data collection and research ..."
            value = f"{value} {tail.group(1)}"
        out.append((m.start(), value))
    m = LOWER_EVENT.search(sentence)
    if m and not TOPIC.search(sentence) and not (m.group(2) == "of" and m.group(3).startswith("the ")):
        # "meeting of the Council" is a body's session (ORDINAL_MEETING reads those); "meeting of labour attachés" is named
        out.append((m.start(), f"{m.group(1)[:1].upper()}{m.group(1)[1:]} {m.group(2)} {m.group(3)}"))
    elif (m := LOWER_EVENT_IN.search(sentence)) and not any(abs(pos - m.start()) < 5 for pos, _ in out):
        out.append((m.start(), f"{m.group(1)[:1].upper()}{m.group(1)[1:]} in {m.group(2)}"))
    for m in ORDINAL_MEETING.finditer(sentence):  # "the tenth annual meeting of the Process"
        out.append((m.start(), m.group(1)[:1].upper() + m.group(1)[1:]))
    for m in ORDINAL_NAMED.finditer(sentence):  # "the first Global Forum on Migration and Development"
        if not any(abs(pos - m.start()) < 5 for pos, _ in out):
            out.append((m.start(), m.group(1)[:1].upper() + m.group(1)[1:]))
    for m in CAPITALISED_BEFORE.finditer(sentence):  # "the second GFMD meeting", "the Euro-African Ministerial Conference"
        phrase = re.sub(r"^(?:(?:The|This|That|These|A|An|Each|Its|Their|Our|Every|Such|In|At|During|After|Before)\s+)+", "", m.group(1).strip())
        if len(phrase.split()) >= 2 and not any(abs(pos - m.start()) < 40 for pos, _ in out):
            out.append((m.start(), phrase))
    for m in ROMANCE_EVENT.finditer(sentence):
        value = re.sub(r"(?:\s+(?:sobre|de|del|la|las|los|y|sur|des|du|et|pour|para|el|le|les|l'))+$", "", m.group(1))
        if len(value.split()) >= 2 and not any(abs(pos - m.start()) < 5 for pos, _ in out):
            out.append((m.start(), value))
    for m in TOPIC.finditer(sentence):
        value = m.group(1) or re.split(r"\s+(?:and\s+)?(?:will|would|to be|which|is|was|were|has|have|shall|in the)\b", m.group(2))[0]
        out.append((m.start(), value.strip(" ,.")))
    return out


def _date_for(sentence: str, title: str, dates):
    """The date that belongs to this meeting: not one separated from it by another meeting's name."""
    if not dates:
        return None
    at = sentence.find(title)
    at = at if at >= 0 else (KIND_RE.search(sentence).start() if KIND_RE.search(sentence) else 0)
    others = [pos for pos, name in title_candidates(sentence) if name != title and sentence.find(name) != at]
    for d in sorted(dates, key=lambda d: abs(d.start - at)):
        lo, hi = sorted((at, d.start))
        if not any(lo < pos < hi for pos in others):
            return d
    return None


def title_in(sentence: str) -> str | None:
    """The name nearest after the event word ("a second training session on the topic of X, prior to the
    workshop "Y"" names X, not Y)."""
    candidates = title_candidates(sentence)
    if not candidates:
        return None
    kind = KIND_RE.search(sentence)
    anchor = kind.start() if kind else 0
    after = [c for c in candidates if c[0] >= anchor - 60]
    return min(after or candidates, key=lambda c: abs(c[0] - anchor))[1]


def _kind_title(sentence: str, dates) -> str | None:
    """No name given: a dated meeting is named by its kind ("Informal consultations"), if the kind word
    sits right beside its date. `dates` offsets are relative to `sentence`."""
    if not dates:
        return None
    for m in KIND_PHRASE.finditer(sentence):
        near = any(0 <= m.start() - d.end <= 5 or 0 <= d.start - m.end() <= 10 for d in dates)
        if near:
            phrase = m.group(1)
            return phrase[:1].upper() + phrase[1:]
    return None


def _also_named(sentence: str, main_title: str, dates, s_start: int, s_end: int, acronyms) -> list[EventHit]:
    """Other numbered meetings named in the same sentence with their own status wording ("a follow-up to the first
    meeting of the Forum held in Brussels in July 2007", "the second Forum would take place in 2026")."""
    out = []
    names = [(m.start(), m.group(1)) for pattern in (ORDINAL_MEETING, ORDINAL_NAMED) for m in pattern.finditer(sentence)]
    for at, name in sorted(names):
        if name in main_title or main_title in name or any(n != name and name in n for _, n in names):
            continue
        status = local_status(sentence, name)
        if not status:
            continue
        later = [pos for pos, other in title_candidates(sentence) if pos > at + len(name)]
        stop = min(later) if later else len(sentence)
        following = [d for d in dates if at + len(name) <= d.start < stop]
        d = following[0] if following else None
        title = expand_acronyms(clean_title(name[:1].upper() + name[1:]), acronyms)
        out.append(EventHit(title, kind_of(name) or "other", d.first.isoformat() if d else None,
                            d.last.isoformat() if d else None, city_in(sentence[at:stop]), None, status, (s_start, s_end)))
    return out


_IN_YEAR = re.compile(r"\s*(?:\([A-Z]{2,8}\)\s*)?in\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")

def _year_only(sentence: str, kind: str, s_start: int, s_end: int, year: int | None, acronyms) -> list[EventHit]:
    """Meetings named with only a year and no status wording ("the Bali Process Ministerial Consultations in
    2002"): held if the year is before the report's, planned if after, left out if the same year."""
    out = []
    if not year:
        return out
    for _, title in title_candidates(sentence):
        at = sentence.find(title)
        m = _IN_YEAR.match(sentence, at + len(title)) if at >= 0 else None
        if not m or len(title.split()) < 2 or not title[:1].isupper() or int(m.group(1)) == year:
            continue
        head = KIND_RE.search(title)
        if head is None or re.search(r"\b(?:of|the)\b", title[:head.start()]):  # "Vice Ministers of the ... Conference"
            continue
        status = "held" if int(m.group(1)) < year else "planned"
        title = expand_acronyms(clean_title(title), acronyms)
        out.append(EventHit(title, kind_of(title) or kind, None, None, None, None, status, (s_start, s_end)))
    return out


_ANAPHORA = re.compile(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+)?{KIND_RE.pattern}", re.I)  # "attended the conference"

def events_in_prose(text: str, bl: list[Block], *, default_year: int | None, acronyms: dict[str, str] | None = None) -> list[EventHit]:
    hits: list[EventHit] = []
    acronyms = acronyms or {}
    recent: EventHit | None = None
    for block in bl:
        if block.kind in ("heading", "row"):
            recent = None
            continue
        if hits and hits[-1].title:
            recent = hits[-1]
        para_events: list[EventHit] = []
        section_city = year_section_city(block)
        named_here: str | None = None  # the last meeting this paragraph named, dated or not
        for s_start, s_end, sentence in sentences(block.text, block.start):
            sentence = expand_in_sentence(sentence, acronyms)  # for reading only: evidence stays (s_start, s_end)
            kind = kind_of(sentence) or ("other" if ORDINAL_MEETING.search(sentence) or ORDINAL_NAMED.search(sentence) else None)
            if kind is None and named_here and (met := UNNAMED_MEETING.search(sentence)):
                # "The Manila Civil Society Days provided ... On 8-9 October 2008, 220 delegates ... met to consider":
                # a dated gathering without a name is the meeting the paragraph named before it
                dated = [d for d in find_dates(sentence, default_year=default_year) if d.explicit_year and d.first.year >= 1950]
                if dated and dated[0].start < met.start():
                    total, by_category = participants_in(sentence)
                    hit = EventHit(named_here, kind_of(named_here) or "other", dated[0].first.isoformat(),
                                   dated[0].last.isoformat(), city_in(sentence) or in_section(section_city, dated[0]), None, "held",
                                   (s_start, s_end), total, by_category, dict(participation_extras(sentence)))
                    para_events.append(hit)
                    hits.append(hit)
                    continue
            status = status_of(sentence) if kind else None
            dates = ([d for d in find_dates(sentence, default_year=default_year) if d.first.year >= 1950]
                     if kind and _MONTH_HINT.search(sentence) else [])
            total, by_category = participants_in(sentence) if _PARTICIPANT_HINT.search(sentence) else (None, {})
            stats = participation_extras(sentence) if _PARTICIPANT_HINT.search(sentence) else {}
            if "qualifier" in stats and total is None:
                del stats["qualifier"]
            if kind and (named := title_in(sentence)) and KIND_RE.search(named):
                named_here = expand_acronyms(clean_title(named), acronyms)
            if kind and (dates or status):
                title = title_in(sentence) or _kind_title(sentence, dates)
                if title and len(title) > 4:
                    d = _date_for(sentence, title, dates)
                    extra = _also_named(sentence, title, dates, s_start, s_end, acronyms)
                    own_kind = kind_of(title) or ("other" if ORDINAL_MEETING.search(title) or ORDINAL_NAMED.search(title) else kind)
                    own_status = (local_status(sentence, title) or status) if extra else status
                    title = expand_acronyms(clean_title(title), acronyms)
                    hit = EventHit(title, own_kind, d.first.isoformat() if d else None, d.last.isoformat() if d else None,
                                   city_in(sentence) or in_section(section_city, d), venue_in(sentence), own_status,
                                   (s_start, s_end), total, by_category, dict(stats))
                    pair = [EventHit(name, hit.kind, day.isoformat(), day.isoformat(), hit.city, hit.venue, hit.status,
                                     hit.evidence) for name, day in split_respectively(sentence, hit.title, d)]
                    if pair:  # "convened for Steering Committee and Senior Officials Meetings respectively" on two days
                        para_events.extend(pair)
                        hits.extend(pair)
                        continue
                    para_events.append(hit)
                    hits.append(hit)
                    hits.extend(extra)
                    for other in dates[1:]:  # "... before the related 21 June informal consultations"
                        named = _kind_title(sentence, [other])
                        if named and named.lower() not in title.lower():
                            hits.append(EventHit(named, kind_of(named) or "other", other.first.isoformat(),
                                                 other.last.isoformat(), None, None, None, (s_start, s_end)))
                    continue
            named_before = para_events[-1] if para_events else recent  # this paragraph's or the previous one's
            if status and not dates and named_before is not None and named_before.status is None \
                    and _ANAPHORA.search(sentence) \
                    and kind_of(named_before.title) in (kind, None):
                named_before.status = status  # "... attended the conference": the meeting named just before
            if kind and not dates and not status:
                hits.extend(_year_only(sentence, kind, s_start, s_end, default_year, acronyms))
            if (total or by_category or stats) and para_events:
                if para_events[-1].total is None and total:
                    para_events[-1].extra.update({k: v for k, v in stats.items() if k == "qualifier"})
                para_events[-1].total = para_events[-1].total or total
                para_events[-1].by_category = para_events[-1].by_category or by_category
                for key in ("speakers", "women_speakers"):
                    if key in stats:
                        para_events[-1].extra.setdefault(key, stats[key])
            elif (total or by_category or stats) and re.search(r"brought together|attended|participa(?:nts|ted)|gathered|speakers", sentence):
                hits.append(EventHit("", kind or "other", None, None, None, None, None, (s_start, s_end), total, by_category,
                                     dict(stats)))
    return hits


_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th)|[IVX]{1,5})\b", re.I)

def _ordinals_differ(a: str, b: str) -> bool:
    """"first meeting of the Forum" and "second meeting of the Forum" are two meetings."""
    oa, ob = {o.lower() for o in _ORDINAL.findall(a)}, {o.lower() for o in _ORDINAL.findall(b)}
    return bool(oa and ob and oa != ob)


def merge_events(hits: list[EventHit]) -> list[EventHit]:
    merged: list[EventHit] = []
    for hit in hits:
        if not hit.title:
            continue
        same = None
        for other in merged:
            if _ordinals_differ(other.title, hit.title):
                continue
            overlapping = bool(other.start and hit.start and other.start <= (hit.end or hit.start)
                               and hit.start <= (other.end or other.start))
            if other.kind == hit.kind and fuzz.token_set_ratio(other.key(), hit.key()) >= 90 and (
                    not other.start or not hit.start or overlapping):
                same = other
                break
            same_days = not other.end or not hit.end or other.end == hit.end  # a one-day side meeting of a longer one stays
            if other.start and other.start == hit.start and same_days and fuzz.token_set_ratio(other.key(), hit.key()) >= 60:
                same = other
                break
        if same is None:
            merged.append(hit)
            continue
        if len(hit.title) > len(same.title) and fuzz.token_set_ratio(same.key(), hit.key()) >= 90:
            same.title = hit.title  # the fuller name
        same.start = same.start or hit.start
        same.end = same.end or hit.end
        same.city = same.city or hit.city
        same.venue = same.venue or hit.venue
        rank = {"cancelled": 4, "held": 3, "planned": 2, "proposed": 1, None: 0}
        if rank[hit.status] > rank[same.status]:
            same.status = hit.status
        if same.total is None and hit.total is not None:
            same.extra.update({k: v for k, v in hit.extra.items() if k == "qualifier"})
        same.total = same.total or hit.total
        same.by_category = same.by_category or hit.by_category
        for key in ("speakers", "women_speakers"):
            if key in hit.extra:
                same.extra.setdefault(key, hit.extra[key])
    return merged
