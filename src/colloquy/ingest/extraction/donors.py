"""Donors: the governments and organizations a text names as funders, never the organizer alone."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.countries import country_code

# --- Donors ------------------------------------------------------------------------------------------
DONOR = re.compile(
    r"\b(?:financially supported|supported|funded|(?<!co-)(?<!co)sponsored|financed|made possible|generously supported)\s+by\s+(?P<a>(?:[^.;\n]|(?<=\b[A-Z])\.){3,200})"
    r"|(?:thanks to|with) (?:the )?(?:generous |kind )?(?:financial )?(?:support|contribution|funding)s? (?:of|from)\s+(?P<b>[^.;\n]{3,200})"
    r"|(?:financial|funding) support (?:of|from)\s+(?P<c>[^.;\n]{3,200})"
    # "We thank the Governments of Norway and Spain for their generous financial support"
    r"|\b(?:thank(?:s|ed|ing)?|grateful to|gratitude to|appreciation to)\s+(?P<d>[^.;\n]{3,200}?)\s+for\s+(?:their|its|his|her|the)\s+"
    r"(?:generous\s+|kind\s+|continued\s+)*(?:financial\s+(?:support|contributions?)|funding|financing|financial)\b"
    # French and Spanish: "financé par", "avec le soutien financier de", "financiado por", "con el apoyo financiero de"
    r"|\b(?:financ[ée]e?s?|financiad[oa]s?|patrocinad[oa]s?)\s+(?:par|por)\s+(?P<e>[^.;\n]{3,200})"
    r"|\b(?:avec|grâce à)\s+(?:le|l')\s*(?:généreux\s+)?(?:soutien|appui|concours)\s+(?:financier\s+)?(?:de|du|des)\s+(?P<f>[^.;\n]{3,200})"
    r"|\b(?:con|gracias a)\s+el\s+(?:generoso\s+)?(?:apoyo|financiamiento|aporte)\s+(?:financiero\s+)?(?:de|del)\s+(?P<g>[^.;\n]{3,200})")
# Funding words: a donor named only as "supported by" / "with the support of" must not be the meeting's organizer.
FUNDING = re.compile(r"financ|fund|grant|thank|grateful|gratitude|appreciation|patrocin", re.I)
ORGANIZER = re.compile(
    r"\b(?:organi[sz]ed|convened|hosted|co-organi[sz]ed|organisé|organizado|convocado|accueilli)\s+(?:jointly\s+)?(?:by|par|por)\s+"
    r"(?:the\s+|la\s+|le\s+|l'|el\s+)?(?P<o>[^.;,\n]{2,120})"
    r"|(?P<s>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,6}),?\s+(?:which|that)\s+(?:serves|acts|served|acted)\s+as\s+(?:the\s+)?secretariat"
    r"|\bsecretariat\s+(?:of|for)\s+the\s+[^.;\n]{3,80}?,\s+(?P<t>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,6})"
    # a headline's subject: "IOM Convenes SADC Member States ...", "UNHCR hosts the ..."
    r"|(?:^|\n)(?P<h>[A-Z][\w&.'-]*(?:[ \t]+[A-Z][\w&.'-]*){0,4})[ \t]+(?:[Cc]onvenes|[Hh]osts|[Oo]rgani[sz]es)\b")
ORG_CUT = re.compile(r"\s+(?:to|which|who|through|as|under)\s+.*$")


_CONNECTORS = {"of", "the", "and", "for", "de", "des", "du", "la", "le", "on", "in", "&"}


def _proper_name(name: str) -> str:
    """Keep the leading run of capitalised words and connectors: 'UNFPA launched the Series' -> 'UNFPA'."""
    words = []
    for word in name.split():
        if word[:1].isupper() or word[:1] in "(\"" or (word.lower() in _CONNECTORS and words):
            words.append(word)
        else:
            break
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    return " ".join(words)


def donors_in(text: str, base: int = 0) -> list[dict]:
    out: list[dict] = []
    organizers = _organizers(text)
    for m in DONOR.finditer(text):
        chunk = next(m.group(g) for g in "abcdefg" if m.group(g))
        chunk = re.sub(r"^(?:the\s+)?(?:generous\s+|kind\s+|continued\s+)?(?:financial\s+)?(?:support|contribution|funding|grant)s?\s+(?:of|from)\s+", "", chunk)
        chunk = re.sub(r"^(?:(?:el|la|los|las|le|les|l')\s*)?(?:Gobiernos?|Gouvernements?)\s+(?:de|du|des)\s+(?:la\s+|l'|el\s+)?", "Government of ", chunk)
        chunk = ORG_CUT.sub("", chunk)
        chunk = re.sub(r"^(?:the\s+)?Governments\s+of\s+", "Government of ", chunk)  # "the Governments of Norway and Spain"
        plural_governments = chunk.startswith("Government of ")
        for n, name in enumerate(re.split(r",\s*(?:and\s+|y\s+|et\s+)?|(?<!\b[A-Z]\.)\s+(?:and|y|et)\s+(?=the\s|[A-Z])", chunk)):
            name = re.sub(r"^(?:(?:the|its partners at the|its partners at|la|le|les|el|los|las)\s+|l['’])", "",
                          name.strip(" ,.")).strip()
            name = _proper_name(name)
            if not name or not name[0].isupper() or len(name) > 120:
                continue
            if plural_governments and n > 0 and country_code(name) and not name.startswith("Government"):
                name = f"Government of {name}"
            if not FUNDING.search(m.group(0)) and any(_same_org(name, o) for o in organizers):
                continue  # the organizer "supported" its own meeting: not a donor
            code = country_code(name) if re.search(r"Government|Ministry|Kingdom|Republic|Embassy", name) or len(name.split()) <= 2 else None
            out.append({"name": name, "country": code, "evidence": {"start": base + m.start(), "end": base + m.end()}})
    unique: list[dict] = []
    for d in out:
        if '"' in d["name"]:
            continue
        same = next((u for u in unique if _same_org(d["name"], u["name"])), None)
        if same is None:
            unique.append(d)
        elif len(d["name"]) > len(same["name"]):
            same["name"] = d["name"]  # keep the fullest form
    return unique


def _organizers(text: str) -> list[str]:
    """Who organized, hosted or serves as secretariat, as the text names them."""
    out = []
    for m in ORGANIZER.finditer(text):
        chunk = m.group("o") or m.group("s") or m.group("t") or m.group("h")
        for name in re.split(r"\s+(?:and|in cooperation with|with|together with|y|et)\s+", chunk):
            name = _proper_name(name.strip())
            if name:
                out.append(name)
    return out


def _same_org(a: str, b: str) -> bool:
    """'UNFPA' = 'United Nations Population Fund (UNFPA)'; 'MacArthur Foundation' = 'John D. and ... MacArthur Foundation'."""
    def forms(name: str) -> set[str]:
        out = {name.lower()}
        m = re.match(r"^(.*?)\s*\(([^)]+)\)$", name)
        if m:
            out |= {m.group(1).lower(), m.group(2).lower()}
        return out
    fa, fb = forms(a), forms(b)
    if fa & fb:
        return True
    return any(len(x.split()) >= 2 and len(y.split()) >= 2 and (x.endswith(" " + y) or y.endswith(" " + x)) for x in fa for y in fb)
