"""Key messages, recommendations and good practices."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.commitments import (
    AGREEMENT_CUE,
    COMMITMENT_ITEM,
    ROMANCE_DECLARATION,
    ROMANCE_PRONOUN,
    agreement_list_at,
)
from colloquy.ingest.extraction.countries import country_code, find_countries
from colloquy.ingest.extraction.donors import DONOR
from colloquy.ingest.extraction.segment import Block, sentences

# --- Key messages and recommendations -----------------------------------------------------------------
KEY_MESSAGE_CUE = re.compile(
    r"(?:consensus|agreement) (?:emerged|was reached|seems to emerge|seemed to emerge)|converged (?:around|on)|areas? of convergence"
    r"|(?:participants|experts|speakers|panellists|panelists|delegates) (?:\w+ly )?(?:agreed|concluded|concurred)\b(?! on a number)|it was (?:agreed|concluded)\b"
    r"|key (?:insight|message|conclusion|finding|lesson) (?:was|is|that)|common understanding"
    # "A key outcome of the meeting was a Statement ...", "the main result of the conference was ..."
    r"|\b(?:key|main|principal) (?:outcomes?|results?) of the (?:meeting|conference|dialogue|consultation|workshop|seminar|forum)"
    r" (?:was|were|is|are)\b|there was (?:broad |general )?(?:agreement|consensus)"
    # "One of the key messages of the seminar was that ...", in the three languages
    r"|\bkey (?:insights?|messages?|conclusions?|findings?|lessons?|takeaways?)\b[^.;:]{0,80}?\b(?:was|were|is|are)\s+that\b"
    r"|\bmessages? cl[ée]s?\b[^.;:]{0,80}?\b(?:était|étaient|est|sont|a été)\s+que\b"
    r"|\bmensajes? clave\b[^.;:]{0,80}?\b(?:fue|fueron|es|son)\s+que\b"
    # "These two days have proven that ...", "the discussions showed that ..."
    r"|\b(?:discussions?|debates?|deliberations|exchanges|days|meeting|dialogue|seminar|workshop|conference)\s+(?:have\s+|has\s+)?"
    r"(?:clearly\s+)?(?:shown|showed|proven|proved|demonstrated|confirmed|revealed)\s+that\b", re.I)
# What the participants of a meeting declared together, as communiqués, declarations and chair's summaries put it:
# "The Ministers recognized that ...", "los gobiernos reconocieron que ...", "les ministres ont souligné que ...".
# The subject is the governments, not workshop participants (whose points are discussion, not declaration);
# a Spanish verb in the third person plural carries its subject.
_DECLARING_BODY = (r"(?:(?:the\s+)?(?:ministers|governments|member states|participating states|states|delegations|heads of delegation"
                   r"|senior officials|co-chairs)|the\s+(?:meeting|conference|ministerial conference|forum|dialogue))")
_DECLARING_VERB = (r"(?:recogni[sz]ed|acknowledged|agreed|stressed|underlined|underscored|emphasi[sz]ed|reaffirmed|highlighted"
                   r"|affirmed|concluded|noted|welcomed|endorsed|committed|expressed\s+(?:concern|support|appreciation)"
                   r"|reiterated)")
# A declaration in the first person plural: "We reaffirm ...", "We are determined to ...", and its French and
# Spanish forms ("Nous réaffirmons", "Reafirmamos"): the declaring States' own voice, even under "Introduction".
_FIRST_PERSON = (
    r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?We\s+(?:also\s+|further\s+|therefore\s+|strongly\s+)?(?:reaffirm|recogni[sz]e|acknowledge"
    r"|commit|stress|underline|emphasi[sz]e|welcome|agree|affirm|resolve|pledge|reiterate"
    r"|are\s+(?:determined|committed|convinced|concerned))\b"
    r"|^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?Nous\s+(?:réaffirmons|reconnaissons|nous engageons|soulignons"
    r"|sommes (?:déterminés|résolus|convaincus)|convenons)\b"
    r"|^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:Reafirmamos|Reconocemos|Nos comprometemos|Destacamos|Subrayamos|Acordamos|Reiteramos)\b")
FIRST_PERSON_DECLARATION = re.compile(_FIRST_PERSON)
DECLARATION_CUE = re.compile(
    r"\b(?:ministers|governments|member states|states|delegations|heads of delegation)\s+"
    r"(?:also\s+|further\s+|\w+ly\s+)?(?:recogni[sz]ed|acknowledged|agreed|stressed|underlined|underscored|emphasi[sz]ed|reaffirmed"
    r"|highlighted|affirmed|concluded)\s+(?:that|the (?:need|importance))\b"
    # A statement or chair's summary opens a sentence with the body that speaks: "The meeting acknowledged the
    # challenges of ...", "Ministers endorsed ...": the sentence's subject, whatever the object.
    rf"|^\s*{_DECLARING_BODY}\s+(?:also\s+|further\s+|\w+ly\s+)?{_DECLARING_VERB}\b"
    rf"|{_FIRST_PERSON}"
    r"|(?:\b(?:los|las)\s+(?:gobiernos|ministr[oa]s|viceministr[oa]s|estados(?: miembros)?|delegaciones|países(?: miembros)?)\s+"
    r"(?:participantes\s+)?(?:también\s+|además\s+)?|^|[,;]\s*|\by\s+|\btambién\s+)"
    r"(?:reconocieron|destacaron|subrayaron|acordaron|coincidieron|reafirmaron|enfatizaron|resaltaron|convinieron|concluyeron"
    r"|estuvieron de acuerdo)\s+(?:en\s+)?(?:que|la necesidad|la importancia)\b"
    r"|\b(?:les\s+(?:ministres|gouvernements|États(?: membres)?|délégations|pays(?: membres)?)|ils)\s+ont\s+(?:également\s+|aussi\s+)?"
    r"(?:reconnu|souligné|convenu|réaffirmé|insisté|conclu|affirmé)\s+(?:que|qu'|qu’|la nécessité|l'importance|l’importance|sur)",
    re.I)
PRONOUN_DECLARATION = re.compile(rf"\s*(?:It|They)\s+(?:also\s+|further\s+|\w+ly\s+)?{_DECLARING_VERB}\b")
RECOMMENDATION_CUE = re.compile(
    r"\b(?:it was|were|was|is|are) (?:also )?(?:recommended|suggested|proposed) that\b|\brecommend(?:s|ed)? that\b"
    r"|\b(?:participants|experts|speakers|panellists|panelists) (?:recommended|suggested|urged|called (?:on|for))\b"
    r"|\b(?:States|Governments|countries|international organizations|agencies|IOM|donors|civil society) (?:should|are (?:encouraged|urged|invited))\b"
    # French and Spanish: "il est recommandé que", "les États devraient", "se recomienda", "los gobiernos deberían"
    r"|\b(?:il est|ont) recommandé\b|\brecommandent\b|\b(?:États|gouvernements|pays|organisations internationales) devraient\b"
    r"|\bse recomienda\b|\brecomendaron\b|\brecomiendan\b|\b(?:Estados|gobiernos|países|organismos internacionales) deberían\b", re.I)
ACTION_WORDS = re.compile(r"recommend|should|urged|encouraged|invited|called|recommand|devraient|recomend|recomiend|deberían", re.I)
BACKGROUND_SECTION = re.compile(r"\b(?:introduction|background|context)\b", re.I)
RECOMMENDATION_SECTION = re.compile(r"recommendation|way forward|action points|proposals for action|recommandation|recomendaci[oó]n", re.I)
KEY_MESSAGE_SECTION = re.compile(r"\b(?:conclusions?|key messages?|convergence|main findings|lessons learned|common understandings?"
                                 r"|main outcomes?|key outcomes?|messages? cl[ée]s?|principales conclusions|mensajes? clave"
                                 r"|conclusiones)\b", re.I)
# A page that says it summarises a meeting: its bulleted statements are what the meeting concluded.
SUMMARY_PAGE = re.compile(r"\bsummar(?:y|ies|ises|izes|ised|ized)\b|\br[ée]sum[ée]\b|\bresumen\b|\bs[ií]ntesis\b|\bsynth[èe]se\b", re.I)
# "1. ...; 2. ..." or "(a) ... (b) ..." inside one paragraph
INLINE_ITEM = re.compile(r"(?:^|(?<=[\s:;]))(?:\((?P<p>\d{1,2}|[a-h])\)|(?P<n>\d{1,2})[.)])\s+(?=\S)")
ADDRESSEES = [
    ("countries_of_origin", r"countries of origin|origin countries|sending countries"),
    ("countries_of_destination", r"countries of destination|destination countries|receiving countries|host countries"),
    ("countries_of_transit", r"countries of transit|transit countries"),
    ("un_agencies", r"United Nations (?:agencies|system)|UN agencies|agencies of the United Nations|Special Rapporteurs?"),
    ("international_organizations", r"international organi[sz]ations|intergovernmental organi[sz]ations|IOM\b|ILO\b"),
    ("civil_society", r"civil society|NGOs|non-governmental|indigenous (?:peoples|groups|leaders)|diaspora"),
    ("private_sector", r"private sector|employers|businesses"),
    ("forum", r"High-Level Dialogue|Global Forum|GFMD|Permanent Forum|the Forum\b|the Dialogue\b"),
    ("states", r"\bStates\b|\bGovernments?\b|policy ?makers|countries|ministries|authorities|\bÉtats\b|\bEstados\b|gouvernements|gobiernos"),
]
ACTION_LANGUAGE = re.compile(r"\b(?:should|must|encouraged|urged|invited|recommend\w*|suggest\w*|called (?:on|for)|need to|ought)\b", re.I)
_BULLET_PREFIX = re.compile(r"^(?:[-*•·]\s*|\(?[a-z0-9]{1,3}[.)]\s+)")


def addressee_of(text: str, category: str | None) -> str | None:
    """The addressee named first (the grammatical subject, usually), in the category heading or the text."""
    for source in (category or "", text):
        found = []
        for key, pattern in ADDRESSEES:
            m = re.search(pattern, source, re.I if key != "states" else 0)
            if m:
                found.append((m.start(), key))
        if found:
            return min(found)[1]
    return None


def _category(block: Block) -> str | None:
    """The innermost heading below the recommendations section heading ('State responsibility')."""
    if len(block.headings) < 2 or (RECOMMENDATION_SECTION.search(block.headings[-1]) and not re.match(r"^\d", block.headings[-1])):
        return None
    return re.sub(r"^(?:\d{1,2}|[IVX]+|[a-h])[.)]\s*", "", block.headings[-1]).strip() or None


def _rank(heading: str) -> int:
    """Heading level from its form: roman-numbered or capitals 0, numbered '1. X' 2, other 1."""
    if re.match(r"^[IVX]+\.", heading) or (heading.isupper() and len(heading) > 5):
        return 0
    return 2 if re.match(r"^(?:\d{1,2}|[a-h])[.)]\s", heading) else 1


def recommendation_sections(bl: list[Block]) -> dict[int, str | None]:
    """Index of every block inside a recommendations section -> its category (the sub-heading it sits
    under, if any). A section runs from a heading such as "Recommendations" to the next heading of the
    same or higher level that does not introduce a list of its own."""
    out: dict[int, str | None] = {}
    level: int | None = None
    category: str | None = None
    for i, block in enumerate(bl):
        if block.kind == "heading":
            rank = _rank(block.text)
            starts_list = i + 1 < len(bl) and bl[i + 1].kind in ("bullet", "enum")
            if RECOMMENDATION_SECTION.search(block.text) and rank < 2 and level is None:
                level, category = rank, None
            elif level is not None and rank <= level and KEY_MESSAGE_SECTION.search(block.text):
                level, category = None, None  # "Areas of convergence" after the recommendations
            elif level is not None and (rank > level or starts_list):
                category = re.sub(r"^(?:\d{1,2}|[IVX]+|[a-h])[.)]\s*", "", block.text).strip() or None
            elif level is not None:
                level, category = None, None
            continue
        if level is not None:
            out[i] = category
    return out


def key_messages_and_recommendations(bl: list[Block]) -> tuple[list[dict], list[dict]]:
    messages: list[dict] = []
    recs: list[dict] = []
    rec_sections = recommendation_sections(bl)
    summary_page = bool(SUMMARY_PAGE.search(" ".join(b.text for b in bl if b.start < 1500)))
    list_after_cue = False  # "The following areas of convergence emerged:" opens a list of messages
    listed = {tuple(b.headings) for b in bl if b.kind in ("bullet", "enum")}  # sections whose messages are a list
    declared_before = False  # the previous paragraph ended with what the governments declared ("Ils ont ..." goes on)
    for i, block in enumerate(bl):
        carried, declared_before = declared_before, False
        if block.kind in ("bullet", "enum", "numbered") and COMMITMENT_ITEM.match(block.text) and _after_lead_in(bl, i):
            # "Los Países Miembros: - Reafirman su compromiso ...": each commitment of the list is a message
            messages.append({"title": _INLINE_PREFIX.sub("", _BULLET_PREFIX.sub("", block.text)).strip(),
                             "evidence": {"start": block.start, "end": block.end}})
            continue
        if block.kind in ("heading", "numbered") and FIRST_PERSON_DECLARATION.match(block.text) and len(block.text) > 60:
            # "2. We reaffirm the Global Compact ... also known as the" / "Marrakech Compact ...": a declaration's
            # numbered paragraph hard-wrapped into lines (its first line can look like a heading)
            start, _end, text = _unwrapped(bl, i)
            first = sentences(text, start)[0]
            messages.append({"title": _LEAD_NUMBER.sub("", first[2]).strip(), "evidence": {"start": first[0], "end": first[1]}})
            continue
        if block.kind in ("heading", "row"):
            list_after_cue = (list_after_cue and block.kind == "row") or (
                block.kind == "heading" and block.text.rstrip().endswith(":") and bool(AGREEMENT_CUE.search(block.text)))
            continue
        path = " / ".join(block.headings)
        in_rec_section = i in rec_sections
        in_msg_section = bool(KEY_MESSAGE_SECTION.search(path)) and not in_rec_section and not RECOMMENDATION_SECTION.search(path)
        text = _BULLET_PREFIX.sub("", block.text)
        evidence = {"start": block.start, "end": block.end}
        if list_after_cue:
            if block.kind in ("bullet", "enum", "numbered") or INLINE_ITEM.match(block.text):
                messages.append({"title": _INLINE_PREFIX.sub("", text).strip(), "evidence": evidence})
                continue
            list_after_cue = False
        if block.kind in ("bullet", "enum") and (in_rec_section or in_msg_section):
            if in_rec_section:
                category = rec_sections[i]
                recs.append({"text": text, "addressee": addressee_of(text, category), "category": category, "evidence": evidence})
            else:
                messages.append({"title": text, "evidence": evidence})
            continue
        if block.kind in ("para", "numbered") and block.headings and KEY_MESSAGE_SECTION.search(block.headings[-1]) \
                and in_msg_section and len(text.split()) >= 6 and tuple(block.headings) not in listed \
                and not RECOMMENDATION_CUE.search(text) and not DONOR.search(text) and not text.rstrip().endswith(":"):
            messages.append({"title": _LEAD_NUMBER.sub("", text).strip(), "evidence": evidence})  # key messages as paragraphs
            continue
        if block.kind == "bullet" and summary_page and not in_rec_section and _statement(text) \
                and re.match(r"\s*[-*•·]", block.text) and (text.rstrip().endswith((".", "!")) or _cut_off_last(bl, i)):
            messages.append({"title": text.strip(), "evidence": evidence})
            continue
        if BACKGROUND_SECTION.search(path) and not FIRST_PERSON_DECLARATION.match(block.text):
            continue  # an introduction recalls what others recommended or agreed before the meeting
        declaration: dict | None = None  # a declaration runs on to the next cue, as in a communiqué
        added = 0
        for s_start, s_end, sentence in sentences(block.text, block.start):
            sentence = _BULLET_PREFIX.sub("", sentence)
            if RECOMMENDATION_CUE.search(sentence) and ACTION_WORDS.search(sentence):
                declaration = None
                if re.search(r"\brecommendations? (?:of|emerging|made|were|from|on|for)\b|\bthe recommendations\b", sentence, re.I) and not re.search(r"recommended that|should", sentence):
                    continue
                recs.append({"text": sentence.strip(), "addressee": _sentence_addressee(sentence), "category": None,
                             "evidence": {"start": s_start, "end": s_end}})
            elif KEY_MESSAGE_CUE.search(sentence):
                declaration = None
                rest = block.text[s_start - block.start:]
                items = _inline_items(rest, s_start)
                if items and items[0]["evidence"]["start"] > s_end + 3:
                    items = []  # a list that starts after the cue's sentence is not what the cue announces
                if items:  # "ten areas of convergence: 1. ... 2. ...": one message each
                    messages.extend(items)
                    break
                if rest.rstrip().endswith(":") and rest.strip() == sentence.strip():
                    list_after_cue = True  # the list follows in the next blocks
                    continue
                messages.append({"title": sentence.strip(), "evidence": {"start": s_start, "end": s_end}})
            elif AGREEMENT_CUE.search(sentence) and (at := agreement_list_at(block.text, s_start - block.start)) is not None \
                    and (items := _inline_items(block.text[at:], block.start + at)):
                messages.extend(items)  # "The Ministers agreed to: 1. ... 2. ...": one message per commitment
                break
            elif AGREEMENT_CUE.search(sentence) and sentence.rstrip().endswith(":") and block.text.rstrip().endswith(sentence.strip()):
                list_after_cue = True  # "The Ministers agreed to:" and the list in the next blocks
                declaration = None
            elif DECLARATION_CUE.search(sentence) or ROMANCE_DECLARATION.search(sentence) \
                    or (declaration is not None and added == 0 and PRONOUN_DECLARATION.match(sentence)) \
                    or (((declaration is not None and added == 0) or (carried and s_start == block.start))
                        and ROMANCE_PRONOUN.match(sentence)):
                # "The meeting acknowledged X. It noted that Y.": "It" right after the body's own sentence is the
                # body again, so each is a message; after someone else's sentence it is that speaker.
                declaration = {"title": sentence.strip(), "evidence": {"start": s_start, "end": s_end}}
                messages.append(declaration)
                added = 0
                declared_before = True
            elif declaration is not None and added < 3:
                declaration["title"] += " " + sentence.strip()
                declaration["evidence"]["end"] = s_end
                added += 1
    return messages, recs


_LEAD_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.)]|\(?[a-h]\))\s+")
_INLINE_PREFIX = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)|\d{1,2}\.)\s+")


def _unwrapped(bl: list[Block], i: int) -> tuple[int, int, str]:
    """A paragraph hard-wrapped into lines, from line i on: the lines that continue it (the previous one does not end
    a sentence and the next is plain text, not a heading, list item or numbered paragraph), joined with spaces, at
    most twelve lines; the offsets span the lines joined."""
    parts = [bl[i].text]
    j = i
    while j + 1 < len(bl) and j - i < 12 and bl[j + 1].kind == "para" \
            and not parts[-1].rstrip().endswith((".", "!", "?", ":", ";")):
        j += 1
        parts.append(bl[j].text)
    return bl[i].start, bl[j].end, " ".join(parts)


def _after_lead_in(bl: list[Block], i: int) -> bool:
    """Block i belongs to a list whose lead-in (the last paragraph before the list) ends with a colon."""
    j = i - 1
    while j >= 0 and bl[j].kind in ("bullet", "enum", "numbered"):
        j -= 1
    return j >= 0 and bl[j].kind in ("para", "heading") and bl[j].text.rstrip().endswith(":")


def _cut_off_last(bl: list[Block], i: int) -> bool:
    """The last bullet of a list on a page stored cut off mid-sentence: long, and no bullet after it."""
    return len(bl[i].text.split()) >= 12 and (i == len(bl) - 1 or bl[i + 1].kind != "bullet")


def _statement(text: str) -> bool:
    """A bullet that states something (a sentence of eight words or more), not a label, a sub-item or a lead-in."""
    text = text.strip()
    words = text.split()
    prose = sum(w[:1].islower() for w in words) >= 0.4 * len(words)  # not "Mr. Name, Title, Organization, Inc."
    return len(words) >= 8 and prose and text[:1].isupper() and not text.endswith((":", ";", ","))


def _inline_items(text: str, base: int) -> list[dict]:
    """The items of a list numbered inside one paragraph ("... convergence: 1. X. 2. Y." or "(a) X; (b) Y"),
    counted from 1 or (a) and in order; none unless there are two or more."""
    marks = []
    expected = None
    for m in INLINE_ITEM.finditer(text):
        label = m.group("p") or m.group("n")
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        if (expected is None and value == 1) or expected == value:
            marks.append(m)
            expected = value + 1
    if len(marks) < 2:
        return []
    items = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        end = nxt.start() if nxt else len(text.rstrip())
        item = re.sub(r"[;,]?\s+(?:and|or|et|ou|y|o)$", "", text[m.end():end].strip(" ;,\n")).strip(" ;,")
        if nxt is None:  # the last item ends with its sentence
            cut = re.search(r"(?<=[.!?])\s+(?=[A-Z])", item)
            item = item[:cut.start()] if cut else item
        if len(item.split()) >= 2:
            items.append({"title": item, "evidence": {"start": base + m.start(), "end": base + end}})
    return items if len(items) >= 2 else []


def _sentence_addressee(sentence: str) -> str | None:
    """"States should ensure that ..." -> the subject before the action word; "Participants recommended that
    States ..." -> the subject of the clause after "that"."""
    action = ACTION_LANGUAGE.search(sentence)
    that = re.search(r"\bthat\b", sentence)
    if action and (that is None or action.start() < that.start()):
        subject = addressee_of(sentence[:action.start()], None)
        if subject:
            return subject
    return addressee_of(_after_that(sentence), None)


def _after_that(sentence: str) -> str:
    m = re.search(r"\bthat\s+(.*)$", sentence)
    return m.group(1)[:80] if m else sentence


# --- Good practices ----------------------------------------------------------------------------------
PRACTICE_CUE = re.compile(r"\b(?:good|best|promising|successful) practices?\b|\bbonnes? pratiques?\b|\b(?:buenas?|mejores) prácticas?\b|\bsuccessful (?:example|initiative|model)\b|\bmodel (?:programme|project)\b", re.I)
IN_COUNTRY_DONE = re.compile(r"^In ([A-Z][\w' -]+?),\s+.{10,300}?\b(?:ha(?:s|ve) been|was|were)\s+(?:developed|established|adopted|introduced|launched|set up|created|implemented)\b")
_MEASURE = (r"(?:programmes?|programs?|laws?|polic(?:y|ies)|schemes?|mechanisms?|initiatives?|strategy|strategies|frameworks?"
            r"|plans?|procedures|centres?|centers?|agreements?|arrangements?|protocols?|accords?|memorand(?:um|a) of understanding)")
COUNTRY_MEASURE = re.compile(  # "For example, it was noted that Guatemala and Mexico have an agreement to ..."
    r"^(?:(?:For (?:example|instance)|As an example|By way of example),?\s+)?"
    r"(?:it was (?:noted|mentioned|reported|pointed out|explained) that\s+"
    r"|.{0,200}?\b(?:explained|noted|said|reported|stated|recalled|mentioned|pointed out|indicated) that\s+)?"
    r"(?P<subject>(?:the\s+)?[A-Z][\w'-]*(?:(?:\s+|,\s+|\s+and\s+(?:the\s+)?)[A-Z][\w'-]*){0,5})\s+"
    r"(?:(?:has|have)\s+(?:(?:recently|successfully|already|jointly)\s+)?(?:an?|a new|a national|a bilateral)\s+(?:\w+\s+){0,2}" + _MEASURE + r"\b"
    r"|(?:(?:has|have)\s+)?(?:(?:recently|successfully|already|jointly)\s+)?"
    r"(?:adopted|established|developed|introduced|launched|signed|concluded|created|implemented|set up)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}"
    + _MEASURE + r"\b)")


def _country_subject(subject: str) -> list[str] | None:
    """The countries a subject names ("Guatemala and Mexico"), or None if it names anything else."""
    hits = find_countries(subject)
    rest = subject
    for h in sorted(hits, key=lambda h: h.start, reverse=True):
        rest = rest[:h.start] + rest[h.end:]
    if not hits or re.sub(r"\b(?:and|the)\b|[,\s]", "", rest):
        return None
    return sorted({h.code for h in hits})


ACTOR = re.compile(r"^([A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,6})(?:,\s+an?\s+[^,]{3,80},)?\s+(?:was|were|is|has been)\s+(?:presented|cited|highlighted|described|mentioned)\s+as\s+a\s+(?:good|best)")


# "Mexico shared its experience with ...", "The delegation of Ghana presented its good practices on ...",
# "Colombia compartió su experiencia", "le Maroc a partagé ses bonnes pratiques"
SHARED_PRACTICE = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|while|whereas|y|et)\s+)(?i:(?:the\s+|la\s+|le\s+|l')?(?:delegation|representative|Government|délégation|représentant|"
    r"gouvernement|delegación|representante|gobierno)\s+(?:of|de|du|del)\s+(?:the\s+|la\s+|l')?)?(?P<subject>(?i:the\s+|le\s+|la\s+|l')?[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})"
    r"\s+(?:shared|presented|described|showcased|outlined|compartió|presentó|describió|a\s+partagé|a\s+présenté|a\s+décrit)\s+"
    r"(?:its|their|his|her|su|sus|son|sa|ses)\s+(?:own\s+|national\s+|nacional(?:es)?\s+)?"
    r"(?:good\s+|best\s+|promising\s+|successful\s+|bonnes?\s+|buenas?\s+|mejores\s+)?"
    r"(?:practices?|experiences?|model|approach|pratiques?|expériences?|prácticas?|experiencias?|modelo)\b")


def good_practices_in(bl: list[Block]) -> list[dict]:
    out: list[dict] = []
    for block in bl:
        if block.kind in ("heading", "row"):
            continue
        heading_practice = bool(re.search(r"good practice|best practice", " ".join(block.headings[-1:]), re.I))
        for s_start, s_end, sentence in sentences(block.text, block.start):
            shared = SHARED_PRACTICE.search(sentence.strip())
            shared_countries = _country_subject(re.sub(r"^(?:the|le|la|l')\s*", "", shared.group("subject"), flags=re.I)) if shared else None
            if shared_countries and len(shared_countries) == 1:
                out.append({"country": shared_countries[0], "actor": None, "text": sentence.strip(),
                            "evidence": {"start": s_start, "end": s_end}})
                continue
            measure = COUNTRY_MEASURE.match(sentence.strip())
            measure_countries = _country_subject(measure.group("subject")) if measure else None
            if measure_countries:
                out.append({"country": measure_countries[0] if len(measure_countries) == 1 else None, "actor": None,
                            "text": sentence.strip(), "evidence": {"start": s_start, "end": s_end}})
                continue
            m = IN_COUNTRY_DONE.match(sentence.strip())
            cue = PRACTICE_CUE.search(sentence) and re.search(r"as an? (?:good|best)|(?:good|best) practices? (?:in|from|of)\b|presented .* as a", sentence)
            if not (m or cue or heading_practice):
                continue
            countries = find_countries(sentence)
            code = country_code(m.group(1)) if m else (countries[0].code if countries else None)
            if not m and not code and not cue:
                continue
            if heading_practice and not (m or cue) and not code:
                continue
            actor_m = ACTOR.match(sentence.strip())
            out.append({"country": code, "actor": actor_m.group(1) if actor_m else None, "text": sentence.strip(),
                        "evidence": {"start": s_start, "end": s_end}})
    return out
