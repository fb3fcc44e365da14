"""Named people: honorific mentions in prose ("Mr. Djankou Ndjonkou, Representative ... of the ILO"),
appositions with a title ("Tijani Mohammed, Ghana's Deputy Minister for Foreign Affairs") and
programme lines ("Kathleen Newland, Migration Policy Institute (MPI)")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from colloquy.directory.models import normalize_name
from colloquy.ingest.extraction.countries import country_code, find_countries
from colloquy.ingest.extraction.places import KNOWN_CITIES

# Capital letters beyond ASCII: "Şakir", "Émile", "Ólafur".
UC = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
# Role words that French and Spanish put before a name without capitals ("el subsecretario Alejandro ...").
_ROLE_WORDS_FR_ES = ("sub-?secretari[oa]", "secretari[oa]", "vice-?ministr[oa]", "ministr[oa]", "vice-?canciller", "canciller",
                     "senador[a]?", "diputad[oa]", "gobernador[a]?", "alcalde(?:sa)?", "sénat(?:eur|rice)", "député(?:e)?", "maire", "embajador[a]?",
                     "president[ea]", "coordinador[a]?", "ministre", "vice-ministre", "ambassadeur", "ambassadrice",
                     "présidente?", "directeur", "directrice", "secrétaire", "commissaire", "coordonnat(?:eur|rice)")
# Capitalised too at the start of a sentence; "director(a)" only in lower case, since "Director" is English.
ROLE_WORDS_FR_ES = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _ROLE_WORDS_FR_ES) + "|directora?)"
HONORIFIC = (r"(?:[HS]\.\s?E\.?\s+(?:(?:Mr|Ms|Mrs|Dr|Prof|M|Mme)\.?\s+)?|(?:Rt\.?\s+)?Hon\.?\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?"
             r"|(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|Ambassador|Judge|Senator|Minister|Sir|Dame|Dean|Honourable|Honorable"
             r"|Sr|Sra|Srta|Dra|Mme|Mlle|Excm[oa])\.?\s+|M\.\s+|" + ROLE_WORDS_FR_ES + r"\s+)")
PARTICLE = r"(?:de|da|del|della|di|do|dos|du|van|von|der|den|la|le|bin|ibn|al|el|y|ter)"
NAME_WORD = rf"[{UC}][\w'’-]*\.?"
SP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"  # spaces and at most one line break: a name never crosses a paragraph break
NAME = rf"{NAME_WORD}(?:{SP}(?:{PARTICLE}{SP})*{NAME_WORD}){{0,4}}"
HONORIFIC_NAME = re.compile(rf"\b{HONORIFIC}(?P<name>{NAME})")
TITLE_WORDS = (r"Minister|Director|Ambassador|Representative|Secretary|Officer|Adviser|Advisor|Chair|Chairman|Chairperson|"
               r"President|Head|Coordinator|Professor|Manager|Specialist|Expert|Consultant|Chief|Commissioner|Rapporteur|"
               r"Counsellor|Counselor|Attaché|Fellow|Researcher|Lecturer|Associate|Analyst|Founder|Deputy|Vice|Executive|Senior")
APPOSITION = re.compile(rf"(?<![\w.])(?P<name>[{UC}][a-z\u00df-\u024f][\w'’-]+(?:\s+{NAME_WORD}){{1,3}}),\s+(?P<role>(?:(?:the\s+)?[A-Z][\w'’]+(?:'s)?\s+)?(?:{TITLE_WORDS}|{ROLE_WORDS_FR_ES})\b[^.;()\n]{{0,160}})")
PROGRAMME_NAME = re.compile(rf"^(?:{HONORIFIC})?(?P<name>[{UC}][\w'’-]+(?:\s+(?:{PARTICLE}\s+)*[{UC}][\w'’.-]+){{1,3}}),\s+(?P<rest>.+)$")
NOT_NAMES = re.compile(r"^(?:Member|Members|States|Participants|Delegates|Delegations|Observers|Excellencies|Ladies|Distinguished|The|This|These|Those|In|On|At|For|United|Session|Chair|Panel|Opening|Closing|Lunch|Coffee|Discussion|Registration|Introduction|Welcome|Case|Migration|Department|Ministry|Government|Office|International|National|World|Global|Regional|European|African|Asian|Permanent|Mission|Director|Deputy|Programme|Introductory|Summary|Keynote|Question|Questions)\b")
# "the Minister of Labour of Ghana, Ama Mensah, said": the role stands before the name, set off by commas.
ROLE_WORD = rf"(?:\b(?:{TITLE_WORDS})\b|(?<!\w){ROLE_WORDS_FR_ES}(?!\w))"
NAME_AFTER_COMMA = re.compile(
    rf",\s+(?:{HONORIFIC})?(?P<name>[{UC}][\w'’-]+(?:[ \t]+(?:{PARTICLE}[ \t]+)*[{UC}][\w'’-]+){{1,4}})"
    r"(?=\s*(?:,|\(|$|\s(?:said|stated|noted|added|highlighted|stressed|explained|underlined|emphasi[sz]ed|opened|welcomed"
    r"|afirmó|señaló|destacó|subrayó|indicó|dijo|declaró|a déclaré|a souligné|a rappelé|a indiqué)\b))", re.M)
# "Coordinator: Name", "Rapporteur : Name", "Coordinadora: Name" on a line of their own.
LABELLED_NAME = re.compile(
    rf"^[ \t]*(?P<role>(?:Co-?ordinator|Coordinadora?|Coordonnat(?:eur|rice)|Rapporteur|Relatora?|Facilitator|Moderator|Moderadora?"
    rf"|Modérat(?:eur|rice)|Editor|Chair(?:person)?|Presidente|Président(?:e)?|Focal [Pp]oint|Contact)s?)[ \t]*:[ \t]*"
    rf"(?:{HONORIFIC})?(?P<name>[{UC}][\w'’-]+(?:[ \t]+(?:{PARTICLE}[ \t]+)*[{UC}][\w'’.-]+){{1,3}})[ \t]*$", re.M)
# A dateline that opens a news item with a country's name, then a date: "MÉXICO, 02 de diciembre de 2021.-"
DATELINE = re.compile(rf"^[^\w\n]*(?P<place>[{UC}][^\W\d_][^\n,.;:]{{1,40}}),\s+(?:\d{{1,2}}\s+(?:de\s+)?[^\W\d_]+\s+(?:de\s+)?\d{{4}}"
                      r"|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})", re.M)
# Offices of a national government (not of an international organization)
NATIONAL_OFFICE = re.compile(r"(?i:\bminist|secretar[ií]a\b|sub-?secretari|viceministr|gobierno|government|gouvernement|\bcanciller)")
# Words of institutions, never of a person's name ("Social Welfare", "Derechos Humanos").
INSTITUTION_WORD = re.compile(
    # suffixes of abstract nouns that no surname here ends with (not "-ence", "-ía": Lawrence, García)
    r"(?:[ai]tion|[cs]ión|[a-z]{3,}ments?|ity|idad|ité|ness|ship|ism|ology|ística|ancia|encia)$"
    r"|^(?:Affairs|Labour|Labor|Welfare|Rights|Human|Humanos|Studies|Services|Communities|Countries|Authorities|Policies"
    r"|Statistics|Economics|Politics|Members?|Participants|Delegates|Observers|Excellencies|Ladies|Gentlemen|Distinguished"
    r"|Social|Foreign|Interior|Justice|Health|Home|Office|Council|Union|Network|Forum|Process|Dialogue|Affaires|Derechos|Gobierno"
    r"|Ministry|Ministerio|Ministère|Republic|República|République|Kingdom|State|States|Nations|General|Security|Trade|Youth"
    r"|Women|Children|Family|Services|Relations|Exterior|Exteriores|Extranjeros|Trabajo|Travail|Emploi|Empleo|Group|Unit|Division"
    r"|Branch|Section|Partners|Institute|School|University|Committee|Consultations|Envoy|Centre|Center|Bureau|Agency|Fund|Bank"
    r"|Interin[oa]|Relaciones|Asuntos|Pro-?T[ée]mpore|T[ée]mpore|Étrangères|Extérieures|Intérieur|Affaires"
    r"|Secretariat|Programme|Program|Initiative|Project|Team|Board|Inc|Ltd|Foundation)$|^[A-Z]{2,}$")
STOP_TAIL = re.compile(r"\s+(?:and|of|the|for|from|to|at|in|on|with|who|said|also|noted)$")


@dataclass
class PersonHit:
    name: str
    role: str | None
    organization: str | None
    country: str | None
    start: int
    end: int


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", STOP_TAIL.sub("", name.strip(" ,.;:")))
    name = re.sub(r"^(?:(?:Mr|Ms|Mrs|Dr|Prof|Sr|Sra|Srta|Dra|Mme|Mlle|M)\.\s+)+", "", name)  # a second honorific
    if name.isupper() and len(name) > 4:  # a header in capitals: "HAYA RASHED AL KHALIFA" -> "Haya Rashed Al Khalifa"
        name = " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


def _split_role(rest: str) -> tuple[str | None, str | None]:
    """'Senior Trade Specialist at The World Bank' -> (role, organization)."""
    rest = re.split(r"\s+(?:Speakers?|Chair(?:person)?|Co-chairs?|Moderators?|Panell?ists?|Discussants?|Rapporteurs?)\s*:", rest)[0]
    rest = re.split(r",\s+(?=[a-z])", rest)[0].strip(" ,.;")
    if re.match(rf"{ROLE_WORDS_FR_ES}\b", rest):
        return rest, None  # "ministre des Affaires étrangères du Maroc": a French or Spanish role, whole
    if not rest or (rest[:1].islower() and not re.match(r"(?:the|former|a|an|then|acting|deputy)\b", rest)):
        return None, None
    parts = [p.strip() for p in re.split(r",\s+", rest) if p.strip()]
    while len(parts) >= 2 and _is_place(parts[-1]):  # "Ministry of Manpower, Singapore", "... University, Dakar"
        parts.pop()
        rest = ", ".join(parts)
    acronym = re.search(r"\(([A-Z][A-Za-z&]{1,9})\)", rest)
    rest = re.split(r"\s+and\s+(?=(?:former\s+)?(?:" + TITLE_WORDS + r")\b)", rest)[0]  # "..., and Chair of ..."
    m = (re.search(r"^.*\bat\s+(?:the\s+)?(.+)$", rest) or re.search(r"\bof\s+the\s+(.+)$", rest)
         or re.search(r"\b(?:of|with|from)\s+(.+)$", rest))
    if m and country_code(m.group(1)) and len(m.group(1).split()) <= 4:
        if re.search(TITLE_WORDS, rest[: m.start(1)]):
            return rest, None  # "Permanent Representative of Sri Lanka": a role for a country, not an organization
        return None, rest  # "Embassy of Norway", "Ministry of Manpower of Singapore": the organization
    org = None
    role = None
    if len(parts) == 2 and not re.search(TITLE_WORDS, parts[0]) and re.search(TITLE_WORDS, parts[1]):
        parts.reverse()  # "Ministry of Labour, Director" -> role first
    if len(parts) >= 2:
        role = ", ".join(parts[:-1])
        org = parts[-1]
    elif m and re.search(TITLE_WORDS, rest[: m.start(1)]):
        role = re.sub(r"\s+(?:at|of|with|from)(?:\s+the)?\s*$", "", rest[: m.start(1)]).strip() or None
        org = m.group(1).strip()
    elif re.fullmatch(r"[A-Z][A-Za-z&./-]{1,12}", rest) or not re.search(TITLE_WORDS, rest):
        org = rest
    else:
        role = rest
    if acronym and (not org or len(org) > 60):
        org = acronym.group(1)
    if org:
        org = re.sub(r"\s+in\s+[A-Z][\w ]+$", "", org).strip(" ,.") or None
    return role, org


def _is_place(part: str) -> bool:
    part = re.sub(r"^the\s+", "", part.strip(" ."), flags=re.I)
    if part in KNOWN_CITIES:
        return True
    hits = find_countries(part)
    return len(hits) == 1 and hits[0].end - hits[0].start >= len(part) - 1  # the whole part is a country's name


def find_people(text: str, base: int = 0, *, programme: bool = False) -> list[PersonHit]:
    hits: list[PersonHit] = []
    for m in HONORIFIC_NAME.finditer(text):
        name = _clean_name(m.group("name"))
        if len(name.split()) < 2 or NOT_NAMES.match(name):
            continue
        if re.fullmatch(ROLE_WORDS_FR_ES, text[m.start():m.start("name")].strip()) and _institutional(name):
            continue  # "Ministro Interino de Relaciones Exteriores": the rest of an office, not a name
        tail = text[m.end("name"): m.end("name") + 200]
        role = org = None
        rm = re.match(r"\s*,\s*([^.;\n\t(/]*(?:\([^)]*\)[^.;\n\t/]*)?)", tail)
        if rm:
            chunk = rm.group(1)
            if (len(tail) == 200 and rm.end(1) == len(tail)) or (m.end("name") + rm.end(1) == len(text) and _cut_short(text)):
                chunk = _whole_words(chunk)  # the window or a truncated page ends inside it: never keep half a word
            role, org = _split_role(_before_verb(chunk))
        honorific = text[m.start():m.start("name")].strip()
        if re.fullmatch(ROLE_WORDS_FR_ES, honorific) and not (role and re.search(ROLE_WORD, role)):
            role, org = honorific.lower(), None  # "subsecretario X, XXVI Reunión": the word before the name is the role
        hits.append(PersonHit(name, role, org, _country(role, org, rm.group(1) if rm else None), base + m.start(),
                              base + m.end("name")))
    for m in APPOSITION.finditer(text):
        name = _clean_name(m.group("name"))
        if NOT_NAMES.match(name) or any(h.start <= base + m.start() < h.end + 3 for h in hits):
            continue
        role_text = _before_verb(m.group("role"))
        if role_text == m.group("role") and ((m.end("role") < len(text) and text[m.end("role")].isalnum())
                                             or (m.end("role") == len(text) and _cut_short(text))):
            role_text = _whole_words(role_text)  # cut by the length limit or by the end of a truncated page
        role, org = _split_role(role_text)
        hits.append(PersonHit(name, role, org, _country(role_text, org), base + m.start(), base + m.end("name")))
    for m in NAME_AFTER_COMMA.finditer(text):
        name = _clean_name(m.group("name"))
        if NOT_NAMES.match(name) or _institutional(name) or re.match(ROLE_WORD, name) or any(h.start <= base + m.start("name") < h.end + 3 for h in hits):
            continue
        role = _role_before(text[:m.start()])
        # Prose only ("the Minister of X, Name,"; "el subsecretario de X, Name,"), not a list of "Role, Unit, Place"
        # ... or an office in capitals when the prose goes on after the name ("Vicecanciller de Panamá, Name, el ...")
        if role and (re.match(rf"(?i:the|el|la|le|l')\s|[{UC}][\w.]*(?:['’]s|s['’])\s|[a-zé]", role)
                     or (re.match(ROLE_WORD, role) and _PROSE_GOES_ON.match(text[m.end("name"):]))):
            hits.append(PersonHit(name, role, None, _country(role), base + m.start("name"), base + m.end("name")))
    for m in LABELLED_NAME.finditer(text):
        name = _clean_name(m.group("name"))
        if NOT_NAMES.match(name) or _institutional(name) or any(h.start <= base + m.start("name") < h.end + 3 for h in hits):
            continue
        hits.append(PersonHit(name, m.group("role"), None, None, base + m.start("name"), base + m.end("name")))
    for hit in hits:
        if hit.country is None or hit.role is None:
            _role_from_before(hit, text, base)
    home = _dateline_country(text)
    for hit in hits:  # a national official of a press release datelined in a country ("MÉXICO, 2 de diciembre")
        if home and hit.country is None and hit.role and NATIONAL_OFFICE.search(hit.role):
            hit.country = home
    if programme:
        pos = 0
        for line in text.split("\n"):
            for piece in re.split(r"\t|\s+/\s+", line):
                piece = piece.strip()
                pm = PROGRAMME_NAME.match(piece)
                if pm and not NOT_NAMES.match(pm.group("name")) and len(pm.group("rest")) < 160:
                    start = base + pos + line.find(piece)
                    if any(abs(h.start - start) < 8 for h in hits):
                        continue
                    role, org = _split_role(pm.group("rest"))
                    hits.append(PersonHit(_clean_name(pm.group("name")), role, org, _country(pm.group("rest"), org),
                                          start, start + len(pm.group("name"))))
            pos += len(line) + 1
    return hits


def _dateline_country(text: str) -> str | None:
    """The country a dateline in the first lines names as the place, when the place is a country itself."""
    m = DATELINE.search(text[:800])
    if not m:
        return None
    place = m.group("place").strip()
    place = place.title() if place.isupper() else place
    hits = find_countries(place)
    return hits[0].code if len(hits) == 1 and hits[0].end - hits[0].start >= len(place) - 1 else None


VERB_AFTER_ROLE = re.compile(
    r",?\s+(?:and\s+(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\b|who\b|also\b|described|highlighted|noted|said|stated|explained|emphasized|presented|outlined|gave"
    r"|underlined|stressed|spoke|opened|pointed|argued|shared|provided|focused|offered|commented|observed|identified|concurred|agreed"
    r"|added|recalled|reminded|warned|suggested|proposed|asked|called|urged|welcomed|mentioned|reported|cautioned|informed|recognized"
    r"|acknowledged|drew|raised|remarked|indicated|confirmed|insisted|reiterated|expressed|discussed|addressed|elaborated|introduced"
    r"|looked|referred|began|concluded|illustrated|showed|made|delivered|explain|describ|present|highlight|emphasi[sz]"
    r"|underline|stress|note|say|state|argue|point)\b")


def _before_verb(role: str) -> str:
    """'Director of X explained that ...' -> 'Director of X': a role ends where the person starts to speak."""
    return VERB_AFTER_ROLE.split(role, maxsplit=1)[0]


def _cut_short(text: str) -> bool:
    """A page stored cut off mid-sentence (a page, not a programme line: those end without a full stop)."""
    return len(text) > 600 and not re.search(r"[.!?)\]\"'”»]\s*$", text)


def _whole_words(chunk: str) -> str:
    """Drop the last word of a chunk cut short ('... Ministry of Labour of Thailan')."""
    chunk = re.sub(r"\s*\S*$", "", chunk.rstrip()) if not chunk[-1:].isspace() else chunk.rstrip()
    return re.sub(r"(?:\s+(?:of|the|and|for|at|in|on|to|de|del|la|le|du|des|y|et))+$", "", chunk).rstrip(" ,")


_PROSE_GOES_ON = re.compile(r",?\s+(?:el|la|los|las|y|e|the|and|le|les|et|who|quien|qui)\s")


def _institutional(name: str) -> bool:
    return any(INSTITUTION_WORD.search(w) for w in name.split())


def _role_before(before: str) -> str | None:
    """The role that ends where a name begins, within the same sentence: "Addressing the summit, the UAE's
    Minister for X" -> "the UAE's Minister for X"; the last run of role words starts it."""
    sentence = re.split(r"[.;:!?\n]\s", before[-240:])[-1]
    words = list(re.finditer(ROLE_WORD, sentence))
    if not words:
        return None
    start = words[-1].start()
    for w in reversed(words[:-1]):  # "Deputy Director General": a run of role words
        if re.fullmatch(r"[\s-]*", sentence[w.end():start]):
            start = w.start()
        else:
            break
    lead = re.search(rf"(?:\b(?:the|el|la|le|l')\s+)?(?:[{UC}][\w.]*(?:['’]s|s['’])\s+)?(?:[{UC}][\w-]*\s+){{0,2}}$", sentence[:start])
    role = sentence[lead.start() if lead else start:].strip(" ,")
    return role if len(role) <= 160 else None


def _role_from_before(hit: PersonHit, text: str, base: int) -> None:
    """A role written before the name ("Ghana's Minister of Labour, H.E. Ama Mensah"), in the same sentence."""
    before = re.sub(rf",\s*(?:{HONORIFIC})*$", "", text[max(0, hit.start - base - 240):hit.start - base])
    if before == text[max(0, hit.start - base - 240):hit.start - base]:
        return  # the name does not follow a comma: no role stands before it
    role = _role_before(before)
    if role:
        hit.role = hit.role or role
        hit.country = hit.country or _country(role)


def _country(*texts: str | None) -> str | None:
    for t in texts:
        # "President, Republic of Liberia", "Presidente de México": the country presided, right after the title
        m = t and re.search(r"(?i:\bpr[ée]sident[ea]?)\b,?\s+(?:(?:of|de|du|de la)\s+)?(?:the\s+)?(?P<rest>.{3,80})", t)
        if m:
            hits = find_countries(m.group("rest"))
            if hits and re.fullmatch(r"(?:(?:Federal\s+|Islamic\s+|United\s+)?(?:Republic|Kingdom|State|Federation|Rep[úu]blica|R[ée]publique)"
                                     r"\s+(?:of|de|du)\s+(?:the\s+|la\s+)?)?", m.group("rest")[:hits[0].start], flags=re.I):
                return hits[0].code
        if t and re.search(r"Government|Ministry|Minister|Permanent (?:Mission|Representative)|Embassy|Consulat|Department|Ambassador"
                           r"|Prime Minister|\brepresent\w*|['’]s\b|s['’]\s|(?i:gobierno|ministeri?o|ministr[oa]|embajad\w+"
                           r"|gouvernement|minist[èe]re|ministre|ambassad\w+|secr[ée]taire d['’][ée]tat|secretari[oa] de estado|canciller)", t):
            code = country_code(t)
            if code:
                return code
    return None


def merge_people(hits: list[PersonHit]) -> list[PersonHit]:
    """One entry per person: same normalised name, or a near-identical spelling (Thouez / Thouz)."""
    merged: list[PersonHit] = []
    keys: list[str] = []
    for hit in hits:
        key = normalize_name(hit.name)
        match = None
        for i, other in enumerate(keys):
            if key == other or (fuzz.ratio(key, other) >= 90 and key.split()[0][:1] == other.split()[0][:1]) \
                    or (len(key.split()) == 2 and other.endswith(" " + key)):  # "De Vasconcelos" = "Pedro de Vasconcelos"
                match = i
                break
        if match is None:
            merged.append(hit)
            keys.append(key)
        else:
            kept = merged[match]
            if kept.role and hit.role and kept.role.lower() in hit.role.lower() and len(hit.role) <= 160:
                kept.role = hit.role  # "subsecretario" then "el subsecretario de Derechos Humanos ...": the fuller one
            kept.role = kept.role or hit.role
            kept.organization = kept.organization or hit.organization
            kept.country = kept.country or hit.country
    return merged
