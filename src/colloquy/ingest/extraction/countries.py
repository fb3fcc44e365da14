"""Country mentions to ISO 3166-1 alpha-3, with the usual traps handled.

Names come from pycountry (name, common_name, official_name) plus a short table of variants and
demonyms. Ambiguous words (Georgia the US state, Jordan the surname, Chad the first name) resolve only
when the context decides; otherwise they are left out.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass

import pycountry

VARIANTS = {
    "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR", "United Kingdom": "GBR", "England": "GBR",
    "USA": "USA", "U.S.A.": "USA", "U.S.": "USA", "US": "USA", "United States": "USA", "United States of America": "USA",
    "the Netherlands": "NLD", "Netherlands": "NLD", "Holland": "NLD", "the Philippines": "PHL", "Philippines": "PHL",
    "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "Vietnam": "VNM", "Viet Nam": "VNM", "Laos": "LAO",
    "South Korea": "KOR", "Republic of Korea": "KOR", "Korea": "KOR", "North Korea": "PRK",
    "Democratic People's Republic of Korea": "PRK", "Tanzania": "TZA", "United Republic of Tanzania": "TZA",
    "Bolivia": "BOL", "Venezuela": "VEN", "Moldova": "MDA", "Republic of Moldova": "MDA", "Czech Republic": "CZE",
    "Ivory Coast": "CIV", "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV", "Cape Verde": "CPV", "Swaziland": "SWZ",
    "Macedonia": "MKD", "Burma": "MMR", "Myanmar": "MMR", "Congo": "COG", "Democratic Republic of the Congo": "COD",
    "DR Congo": "COD", "DRC": "COD", "Micronesia": "FSM", "Palestine": "PSE", "Occupied Palestinian Territory": "PSE",
    "Turkey": "TUR", "Türkiye": "TUR", "East Timor": "TLS", "Timor-Leste": "TLS", "Brunei": "BRN", "Taiwan": "TWN",
    "Kyrgyzstan": "KGZ", "Slovakia": "SVK", "Vatican": "VAT", "Holy See": "VAT", "Gambia": "GMB", "the Gambia": "GMB",
    "Bahamas": "BHS", "the Bahamas": "BHS", "Sao Tome and Principe": "STP", "Libya": "LBY", "Kosovo": None,
    "Arabia Saudita": "SAU", "Rusia": "RUS", "Russie": "RUS", "Costa de Marfil": "CIV", "Côte d’Ivoire": "CIV",
    "Guinée équatoriale": "GNQ", "RDC": "COD", "République dominicaine": "DOM", "Viêt Nam": "VNM",
    "La Réunion": "REU", "Reunion Island": "REU", "UAE": "ARE", "U.A.E.": "ARE", "EAU": "ARE", "EE.UU.": "USA", "EE. UU.": "USA", "EEUU": "USA",
}
# French and Spanish names come from pycountry's own translations (see _translated_names). These are
# first names, cities or common words in those languages, never countries on their own.
TRANSLATION_BLOCKED = {"Maurice", "Mauricio", "Dominique", "Dominica", "Granada", "Grenade", "Jersey", "Guernesey",
                       "Man", "Niue", "Chad", "Georgia", "Géorgie",
                       "Reunión", "Réunion", "Salvador", "Guadalupe"}
DEMONYMS = {
    "Afghan": "AFG", "Albanian": "ALB", "Algerian": "DZA", "Angolan": "AGO", "Argentine": "ARG", "Argentinian": "ARG",
    "Armenian": "ARM", "Australian": "AUS", "Austrian": "AUT", "Azerbaijani": "AZE", "Bangladeshi": "BGD",
    "Belgian": "BEL", "Beninese": "BEN", "Bolivian": "BOL", "Bosnian": "BIH", "Brazilian": "BRA", "British": "GBR",
    "Bulgarian": "BGR", "Burkinabe": "BFA", "Burundian": "BDI", "Cambodian": "KHM", "Cameroonian": "CMR",
    "Canadian": "CAN", "Chadian": "TCD", "Chilean": "CHL", "Chinese": "CHN", "Colombian": "COL", "Congolese": None,
    "Costa Rican": "CRI", "Croatian": "HRV", "Cuban": "CUB", "Czech": "CZE", "Danish": "DNK", "Dominican": None,
    "Dutch": "NLD", "Ecuadorian": "ECU", "Egyptian": "EGY", "Salvadoran": "SLV", "Eritrean": "ERI", "Estonian": "EST",
    "Ethiopian": "ETH", "Fijian": "FJI", "Filipino": "PHL", "Finnish": "FIN", "French": "FRA", "Gabonese": "GAB",
    "Gambian": "GMB", "Georgian": None, "German": "DEU", "Ghanaian": "GHA", "Greek": "GRC", "Guatemalan": "GTM",
    "Guinean": None, "Guyanese": "GUY", "Haitian": "HTI", "Honduran": "HND", "Hungarian": "HUN", "Icelandic": "ISL",
    "Indonesian": "IDN", "Iranian": "IRN", "Iraqi": "IRQ", "Irish": "IRL", "Israeli": "ISR", "Italian": "ITA",
    "Ivorian": "CIV", "Jamaican": "JAM", "Japanese": "JPN", "Jordanian": "JOR", "Kazakh": "KAZ", "Kenyan": "KEN",
    "Kuwaiti": "KWT", "Kyrgyz": "KGZ", "Lao": "LAO", "Latvian": "LVA", "Lebanese": "LBN", "Liberian": "LBR",
    "Libyan": "LBY", "Lithuanian": "LTU", "Malagasy": "MDG", "Malawian": "MWI", "Malaysian": "MYS", "Malian": "MLI",
    "Maltese": "MLT", "Mauritanian": "MRT", "Mauritian": "MUS", "Mexican": "MEX", "Moldovan": "MDA",
    "Mongolian": "MNG", "Moroccan": "MAR", "Mozambican": "MOZ", "Namibian": "NAM", "Nepalese": "NPL", "Nepali": "NPL",
    "New Zealander": "NZL", "Nicaraguan": "NIC", "Nigerien": "NER", "Nigerian": "NGA", "Norwegian": "NOR",
    "Pakistani": "PAK", "Palestinian": "PSE", "Panamanian": "PAN", "Paraguayan": "PRY", "Peruvian": "PER",
    "Polish": "POL", "Portuguese": "PRT", "Qatari": "QAT", "Romanian": "ROU", "Russian": "RUS", "Rwandan": "RWA",
    "Saudi": "SAU", "Senegalese": "SEN", "Serbian": "SRB", "Sierra Leonean": "SLE", "Singaporean": "SGP",
    "Slovak": "SVK", "Slovenian": "SVN", "Somali": "SOM", "South African": "ZAF", "Spanish": "ESP", "Sri Lankan": "LKA",
    "Sudanese": "SDN", "Swedish": "SWE", "Swiss": "CHE", "Syrian": "SYR", "Tajik": "TJK", "Tanzanian": "TZA",
    "Thai": "THA", "Togolese": "TGO", "Tunisian": "TUN", "Turkish": "TUR", "Ugandan": "UGA", "Ukrainian": "UKR",
    "Uruguayan": "URY", "Uzbek": "UZB", "Venezuelan": "VEN", "Vietnamese": "VNM", "Yemeni": "YEM", "Zambian": "ZMB",
    "Zimbabwean": "ZWE", "Ghanaian's": "GHA",
}
# Words that are countries only when the context says so.
AMBIGUOUS = {"Georgia", "Jordan", "Chad"}
# Never countries on their own in running text (US states, cities and adjectives that collide).
BLOCKED_BEFORE = re.compile(r"(?:New|South|Papua New|Equatorial|Latin|Central|North|Inter|Anglo|Afro|Native|American)[\s-]$")
BLOCKED_AFTER = {
    "Indian": re.compile(r"^\s+Ocean"), "Mexican": re.compile(r"^\s+(?:wave|standoff)"),
    "Jersey": re.compile(r""), "Guernsey": re.compile(r""), "Chinese": re.compile(r"^\s+Taipei"),
}


@dataclass
class CountryHit:
    start: int
    end: int
    code: str
    surface: str


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], re.Pattern]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value] = c.alpha_3
                if "," in value:  # "Korea, Republic of" -> also "Republic of Korea"
                    head, tail = (p.strip() for p in value.split(",", 1))
                    names[f"{tail} {head}"] = c.alpha_3
    # "Réunion" / "Reunión" is also the French and Spanish word for a meeting: only "La Réunion" is the island
    for blocked in ("Jersey", "Guernsey", "Man", "Niue", "Georgia", "Jordan", "Chad", "Indian", "Réunion"):
        names.pop(blocked, None)
    for value, code in _translated_names().items():
        names.setdefault(value, code)
    names.update({k: v for k, v in VARIANTS.items() if v})
    names.update({k: v for k, v in DEMONYMS.items() if v})
    for word in AMBIGUOUS:
        names[word] = {"Georgia": "GEO", "Jordan": "JOR", "Chad": "TCD"}[word]
    pattern = re.compile(r"(?<![\w.])(?:" + _trie_regex(names) + r")(?:['’]s)?(?![\w-])")
    return names, pattern


def _trie_regex(words) -> str:
    """One alternation per shared prefix ("Guinea", "Guinea-Bissau", "Guyana" share "Gu"): the same matches as a
    flat alternation sorted longest first, but the engine tries a character once instead of once per name,
    which keeps a 350 KB report fast with the French and Spanish names added."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if "" in node else inner

    return build(trie)


@functools.lru_cache(maxsize=1)
def _translated_names() -> dict[str, str]:
    """French and Spanish country names ("Mexique", "Estados Unidos", "Émirats arabes unis") from the
    translations pycountry ships, so that pages in those languages name their countries too."""
    out: dict[str, str] = {}
    for lang in ("fr", "es"):
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:  # a pycountry build without its locales: English names only
            continue
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                translated = tr.gettext(value) if value else None
                if translated and translated != value and translated not in TRANSLATION_BLOCKED and len(translated) > 3:
                    out[translated] = c.alpha_3
    return out


_GOV_CUE = re.compile(r"(?:Government|Republic|Kingdom|State|Ministry|Embassy|Mission|delegation|President|Minister|people|citizens|nationals)s?\s+of\s+(?:the\s+)?$", re.I)
_PLACE_CUE = re.compile(r"\b(?:in|to|from|and|with|between|including|as|visit(?:ed)?)\s+(?:the\s+)?$", re.I)
_US_STATE_CONTEXT = re.compile(r"Atlanta|Savannah|Augusta|state of Georgia|Georgia,\s*(?:USA|U\.S\.|United States)|U\.S\. state|Georgia \((?:USA|US)\)", re.I)
_GEORGIA_COUNTRY_CONTEXT = re.compile(r"Tbilisi|Caucasus|Armenia|Azerbaijan|Georgian Government", re.I)
_LANGUAGE_CONTEXT = re.compile(r"\b(?:English|Arabic|languages?|interpretation|translat\w+|speaking|spoken|official languages)\b", re.I)
_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+(?:[A-Z][\w.'-]+\s+)?$")


def resolve_ambiguous(word: str, text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 60):start]
    after = text[end:end + 40]
    window = text[max(0, start - 300):end + 300]
    if word == "Georgia":
        if _US_STATE_CONTEXT.search(text[max(0, start - 40):end + 40]):
            return None
        if _GEORGIA_COUNTRY_CONTEXT.search(window) or _GOV_CUE.search(before) or text[end:end + 2] == "'s":
            return "GEO"
        return _list_context(text, start, end, "GEO")
    # Jordan / Chad: a capitalised word right after or an honorific/given name before means a person.
    if re.match(r"^\s+[A-Z][a-z]", after) and word == "Chad":
        return None
    if _HONORIFIC.search(before) or (re.search(r"[A-Z][a-z]+\s+$", before) and not _PLACE_CUE.search(before) \
            and not _GOV_CUE.search(before) and not re.search(r"(?:^|[.;:,]\s*|\n)[A-Z][a-z]+\s+$", before)):
        return None
    if _GOV_CUE.search(before) or _PLACE_CUE.search(before) or text[end:end + 2] == "'s":
        return {"Jordan": "JOR", "Chad": "TCD"}[word]
    return _list_context(text, start, end, {"Jordan": "JOR", "Chad": "TCD"}[word])


def _list_context(text: str, start: int, end: int, code: str) -> str | None:
    """Decided by neighbours: 'Egypt, Jordan and Lebanon' is a list of countries."""
    _names, pattern = _table()
    window = text[max(0, start - 40):start] + " " + text[end:end + 40]
    for m in pattern.finditer(window):
        if m.group(0).replace("'s", "") not in AMBIGUOUS:
            return code
    return None


def find_countries(text: str, base: int = 0) -> list[CountryHit]:
    names, pattern = _table()
    hits = []
    for m in pattern.finditer(text):
        surface = m.group(0)
        word = surface[:-2] if surface.endswith(("'s", "’s")) else surface
        if word not in names:
            continue
        if BLOCKED_BEFORE.search(text[max(0, m.start() - 15):m.start()]) and word != "Korea":
            continue
        blocked_after = BLOCKED_AFTER.get(word)
        if blocked_after is not None and blocked_after.match(text[m.end():m.end() + 20]):
            continue
        if word in ("US", "UK") and not text[m.start():m.end()].isupper():
            continue
        code = names[word]
        if word in DEMONYMS and _LANGUAGE_CONTEXT.search(text[max(0, m.start() - 60):m.end() + 60]):
            continue
        if word in AMBIGUOUS:
            code = resolve_ambiguous(word, text, m.start(), m.end())
            if code is None:
                continue
        hits.append(CountryHit(base + m.start(), base + m.end(), code, surface))
    for m in OFFICE_DEMONYM.finditer(text):  # "le ministre espagnol", "la ministra colombiana"
        code = ROMANCE_DEMONYMS.get(m.group(1).lower())
        if code:
            hits.append(CountryHit(base + m.start(1), base + m.end(1), code, m.group(1)))
    return sorted(hits, key=lambda h: h.start)


# French and Spanish nationality adjectives are lower case and are also the names of languages ("en espagnol"),
# so they count only right after an office: "le ministre sénégalais", "la ministra colombiana", "le gouvernement
# suisse". Masculine stems; the feminine forms are read by the pattern.
ROMANCE_DEMONYMS = {
    "espagnol": "ESP", "français": "FRA", "marocain": "MAR", "sénégalais": "SEN", "nigérien": "NER", "nigérian": "NGA",
    "malien": "MLI", "mauritanien": "MRT", "ivoirien": "CIV", "burkinabè": "BFA", "burkinabé": "BFA", "italien": "ITA",
    "allemand": "DEU", "belge": "BEL", "portugais": "PRT", "suisse": "CHE", "algérien": "DZA", "tunisien": "TUN",
    "ghanéen": "GHA", "camerounais": "CMR", "gambien": "GMB", "libérien": "LBR", "togolais": "TGO", "béninois": "BEN",
    "tchadien": "TCD", "libyen": "LBY", "égyptien": "EGY", "néerlandais": "NLD", "britannique": "GBR",
    "español": "ESP", "mexicano": "MEX", "colombiano": "COL", "peruano": "PER", "chileno": "CHL", "argentino": "ARG",
    "boliviano": "BOL", "ecuatoriano": "ECU", "venezolano": "VEN", "paraguayo": "PRY", "uruguayo": "URY",
    "brasileño": "BRA", "guatemalteco": "GTM", "hondureño": "HND", "salvadoreño": "SLV", "nicaragüense": "NIC",
    "costarricense": "CRI", "panameño": "PAN", "dominicano": "DOM", "estadounidense": "USA", "canadiense": "CAN",
    "marroquí": "MAR", "francés": "FRA", "beliceño": "BLZ",
}
_FEMININE = {"espagnole": "espagnol", "française": "français", "nigérienne": "nigérien", "nigériane": "nigérian",
             "malienne": "malien", "mauritanienne": "mauritanien", "ivoirienne": "ivoirien", "italienne": "italien",
             "algérienne": "algérien", "tunisienne": "tunisien", "ghanéenne": "ghanéen", "gambienne": "gambien",
             "libérienne": "libérien", "tchadienne": "tchadien", "libyenne": "libyen", "égyptienne": "égyptien",
             "española": "español", "francesa": "francés"}
ROMANCE_DEMONYMS.update({f: ROMANCE_DEMONYMS[m] for f, m in _FEMININE.items()})
ROMANCE_DEMONYMS.update({w[:-1] + "a": c for w, c in list(ROMANCE_DEMONYMS.items()) if w.endswith("o")})
ROMANCE_DEMONYMS.update({w + "e": c for w, c in list(ROMANCE_DEMONYMS.items()) if w.endswith(("ais", "ain", "and"))})
OFFICE_DEMONYM = re.compile(
    r"\b(?:[Mm]inistre|[Mm]inistr[oa]|[Vv]ice-?[Mm]inistre|[Vv]iceministr[oa]|[Gg]ouvernement|[Gg]obierno|[Dd]élégation"
    r"|[Dd]elegación|[Pp]résidente?|[Pp]residente|[Pp]residenta|[Aa]mbassadeur|[Aa]mbassadrice|[Ee]mbajador[a]?|[Cc]anciller"
    r"|[Cc]hef de la diplomatie|[Ss]ecrétaire d['’]État|[Ss]ecretari[oa] de Estado)\s+([a-zéèêëàâçíóúñüè-]+)\b")


# A list a web page appends after its text ("Similar documents", "Related news", "Documents similaires",
# "Noticias relacionadas"): the countries it names are another page's.
TRAILER = re.compile(
    r"^[ \t#*]*(?:similar|related)\s+(?:documents?|news|articles?|items?|publications?|stories|content|posts?)\b"
    r"|^[ \t#*]*(?:see also|you may also like|read more|share this|documents similaires|articles? similaires|voir aussi|à lire aussi"
    r"|documentos relacionados|noticias relacionadas|art[ií]culos relacionados|ver tambi[eé]n|publicaciones relacionadas)\b",
    re.I | re.M)


def countries_in(text: str) -> list[str]:
    """The ISO codes of the countries a document names in its own text (not in a trailer a web page appended
    after it, once past the first third)."""
    cut = next((m.start() for m in TRAILER.finditer(text) if m.start() > len(text) // 3), len(text))
    return sorted({h.code for h in find_countries(text[:cut])})


def country_code(name: str | None) -> str | None:
    """One name (a country, a demonym, 'Government of X') to ISO alpha-3, or None."""
    if not name:
        return None
    hits = find_countries(name)
    return hits[0].code if hits else None
