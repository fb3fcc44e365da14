"""Turn the pages a reader returns into one clean text plus a map from offsets to page numbers.

Every rule here is generic (no rule names a particular document):
running headers/footers, page-number lines, page numbers glued into sentences, line-end hyphenation,
smart quotes and ligatures, lost apostrophes ("IOM s"), footnote markers and footnote text that
interrupts a paragraph, HTML/Markdown residue, and "similar documents" lists pasted above scraped text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
FOOTNOTE = "\x01"  # internal marker: a footnote paragraph, moved after the paragraph it interrupted
_CHARMAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\u00ad": "", "\ufeff": "",
    "\u2026": "...", "\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl",
    "\u2022": "-", "\u25cf": "-", "\u25aa": "-", "\u2023": "-", "\u25e6": "-", "\uf0b7": "-", "\u2043": "-",
    "\r": "",
})


@dataclass
class NormalizedText:
    text: str
    page_starts: list[int] = field(default_factory=lambda: [0])  # offset where page i+1 begins
    footnotes: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        return bisect.bisect_right(self.page_starts, offset)

    @property
    def page_count(self) -> int:
        return len(self.page_starts)


def clean_chars(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_CHARMAP)
    return text


# --- HTML / Markdown residue -------------------------------------------------------------------------
_P_SPLIT = re.compile(r"</p>\s*<p[^>]*>", re.I)
_TAG = re.compile(r"</?(?:p|i|b|u|em|strong|span|div|font|br|sup|sub|small)\b[^>]*>", re.I)
_ANCHOR = re.compile(r"<a\s+href=[^>\n]*>?|</a>", re.I)
_MD_EMPH = re.compile(r"(?<![\w*])(\*{1,3}|_{2})(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S)
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)


_MD_TABLE_RULE = re.compile(r"^[ \t]*-?[ \t]*\|[-:| ]*\|?[ \t]*$|^[ \t]*-[ \t]*$", re.M)
_MD_TABLE_EDGE = re.compile(r"^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$", re.M)


def strip_markup(text: str) -> str:
    text = _MD_TABLE_RULE.sub("", text)
    text = _MD_TABLE_EDGE.sub("", text)
    text = re.sub(r"(?<=\S) \| (?=\S)", "\t", text)
    text = re.sub(r"^\s*[·]\s*", "- ", text, flags=re.M)
    text = _P_SPLIT.sub("\n\t", text)
    text = _ANCHOR.sub("", text)
    text = _TAG.sub("", text)
    text = _MD_EMPH.sub(r"\2", text)
    text = _MD_HEADING.sub("", text)
    return re.sub(r"\*{2,}", "", text)


# --- Running headers and footers ----------------------------------------------------------------------
_PAGE_NUMBER_LINE = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.I)
ZONE = 3


def _key(line: str) -> str:
    """Short lines match with their numbers masked ("Page 3 of 10"); longer lines must match exactly."""
    key = " ".join(line.split()).casefold()
    return re.sub(r"\d+", "#", key) if len(key) <= 30 else key


def split_pseudo_pages(text: str) -> list[str]:
    """Text without page breaks: gaps of three or more blank lines usually mark page boundaries."""
    return re.split(r"\n[ \t]*\n[ \t]*\n[ \t]*\n+", text)


def _zone(lines: list[str]) -> set[int]:
    idx = [i for i, line in enumerate(lines) if line.strip()]
    size = ZONE
    return set(idx[:size] + idx[-size:])


def remove_running_lines(pages: list[list[str]], *, paginated: bool) -> list[list[str]]:
    """Drop lines that recur in the header/footer zone of many pages, and bare page-number lines."""
    counts: Counter[str] = Counter()
    for lines in pages:
        zone = _zone(lines)
        counts.update({_key(lines[i]) for i in zone if len(lines[i].strip()) <= 100})
    n = len(pages)
    threshold = max(3, int(0.3 * n)) if paginated else max(3, int(0.15 * n))
    running = {k for k, c in counts.items() if c >= threshold and k.strip("# .-") and n >= 3}
    # Boilerplate lines repeated all through the body (a logo line, an institute's name) go too.
    everywhere = Counter(" ".join(line.split()).casefold() for lines in pages for line in lines if 0 < len(line.strip()) <= 60)
    boiler = {k for k, c in everywhere.items() if c >= max(8, int(0.3 * n)) and n >= 3}
    running |= boiler
    out = []
    for lines in pages:
        zone = _zone(lines)
        kept = []
        for i, line in enumerate(lines):
            if i in zone and (_key(line) in running or (paginated and _PAGE_NUMBER_LINE.match(line.strip()))):
                continue
            if " ".join(line.split()).casefold() in boiler:
                continue
            kept.append(line)
        out.append(kept)
    return out


# --- Footnotes ----------------------------------------------------------------------------------------
_FOOTNOTE_LINE = re.compile(rf"^\s*[{SUPERSCRIPTS}]+\s*\S")
_PLAIN_FOOTNOTE_LINE = re.compile(r"^\s*\d{1,2}\s+[A-Z][a-z]")
_MARKER_AFTER_PUNCT = re.compile(r"(?<=[a-z\)\]\"'][.,;:!?\"'])\d{1,2}(?=\s+[A-Z(\"]|\s*$)", re.M)
_SUPERSCRIPT_MARKER = re.compile(rf"[{SUPERSCRIPTS}]+")


def take_footnotes(lines: list[str], *, paginated: bool, notes: list[str]) -> list[str]:
    kept = []
    n = len(lines)
    for i, line in enumerate(lines):
        if _FOOTNOTE_LINE.match(line) or (paginated and i >= n * 0.6 and _PLAIN_FOOTNOTE_LINE.match(line)
                                          and len(line) < 400 and not line.rstrip().endswith(":")):
            note = _SUPERSCRIPT_MARKER.sub("", line).strip()
            notes.append(note)
            kept.extend(["", FOOTNOTE + note, ""])
            continue
        kept.append(line)
    return kept


def remove_markers(text: str) -> str:
    text = _SUPERSCRIPT_MARKER.sub("", text)
    return _MARKER_AFTER_PUNCT.sub("", text)


# --- Joining, hyphenation, apostrophes, glued page numbers -----------------------------------------------
_TERMINAL = tuple('.!?:;")]')
_LIST_START = re.compile(r"^\s*(?:[-*•–]\s|\(?[a-z0-9]{1,3}[.)]\s|\d{1,2}[:.]\d{2}|[IVX]+\.\s)")


def join_fragments(paragraphs: list[str]) -> list[str]:
    """Re-join a paragraph split by a page break or a removed footnote (it resumes in lower case)."""
    out: list[str] = []
    for para in paragraphs:
        stripped = para.strip()
        if (out and stripped and stripped[0].islower() and not _LIST_START.match(stripped)
                and not out[-1].rstrip().endswith(_TERMINAL) and not out[-1].lstrip().startswith("\t")):
            prev = out[-1].rstrip()
            out[-1] = prev[:-1] + stripped if prev.endswith("-") else prev + " " + stripped
        else:
            out.append(para)
    return out


_HYPHEN = re.compile(r"([a-z])-\n[ \t]*([a-z])")
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z]) s(?=[ ,.;:])")
_NUMBER_LABEL = re.compile(r"\b(?:[A-Z]\w*|(?i:section|article|chapter|para|paragraph|page|annex|session|room|mode|phase|level|step|table|figure|no|number|goal|target|objective))$")
MIN_PAGE_CHARS = 600  # page numbers recur at most once a page
_GLUED_NUMBER = re.compile(r"(?<=[a-z,;]) (\d{1,3}) (?=[a-z])")


_COMPOUND_BREAK = re.compile(r"(?<=[A-Za-z])-(?:\n[ \t]*| )(?=[A-Z][a-z])")  # "Euro-\nAfrican" -> "Euro-African"


_GLUED_HONORIFIC = re.compile(r"\b(M|Mme|Mlle|Mr|Ms|Mrs|Dr|Sr|Sra)\.(?=[A-ZÀ-Ý][a-zà-ÿ]{2,})")


def fix_inline(text: str) -> str:
    text = _GLUED_HONORIFIC.sub(r"\1. ", text)  # "M.Ousmane Ngom" -> "M. Ousmane Ngom"
    text = _HYPHEN.sub(r"\1\2", text)
    text = _COMPOUND_BREAK.sub("-", text)
    text = _LOST_APOSTROPHE.sub("'s", text)
    return text


def remove_glued_page_numbers(text: str) -> str:
    """Numbers between two lower-case words that form a page sequence (n, n+1, ...) are page numbers."""
    cands = [(m.start(1), m.end(1), int(m.group(1))) for m in _GLUED_NUMBER.finditer(text)
             if not _NUMBER_LABEL.search(text[max(0, m.start() - 12):m.start()])]
    if len(cands) < 3:
        return text
    # longest chain where each number is 1-3 more than the previous
    best: list[int] = []
    chains: list[list[int]] = []
    for i, (_, _, n) in enumerate(cands):
        extended = False
        for chain in chains:
            if 1 <= n - cands[chain[-1]][2] <= 3 and cands[i][0] - cands[chain[-1]][0] >= MIN_PAGE_CHARS:
                chain.append(i)
                extended = True
                break
        if not extended:
            chains.append([i])
    for chain in chains:
        if len(chain) > len(best):
            best = chain
    if len(best) < 3:
        return text
    for i in reversed(best):
        start, end, _ = cands[i]
        text = text[: start - 1] + text[end:]
    return text


# --- "Similar documents" lists pasted above scraped text ------------------------------------------------
_SIMILAR = re.compile(
    r"^\s*(?:similar|related|recommended|more|other)\s+(?:documents?|items|reports?|publications|papers|content)\b"
    r"|^\s*you (?:may|might) also (?:like|be interested)|^\s*people (?:also|who read)",
    re.I,
)


def remove_similar_lists(text: str) -> str:
    lines = text.split("\n")
    limit = max(40, len(lines) // 5)
    for i, line in enumerate(lines[:limit]):
        if _SIMILAR.match(line) and len(line) < 80:
            j = i + 1
            blanks = 0
            while j < len(lines):
                current = lines[j].strip()
                if not current:
                    blanks += 1
                    if blanks >= 2:
                        break
                elif (len(current) > 200 or re.match(r"^\d+\.\s+[A-Z]", current) or j - i > 25
                      or (current.isupper() and len(current) > 3) or re.match(r"^[A-Z]{1,6}/\S+/\d", current)):
                    break
                else:
                    blanks = 0
                j += 1
            return "\n".join(lines[:i] + lines[j:])
    return text


# --- Web-page chrome: navigation, widgets and file-sharing metadata a scrape keeps ---------------------
_CHROME = re.compile(
    r"^\s*(?:[-*]\s*)?(?:"
    r"skip to (?:main )?(?:content|navigation)|aller au contenu(?: principal)?|(?:saltar|ir) al contenido(?: principal)?"
    r"|select (?:your )?language|choisir (?:votre |la )?langue|seleccione (?:su |el )?idioma"
    r"|(?:main )?menu|search|rechercher|buscar|upload|download(?: pdf)?|share(?: this)?|print|back to top|read more"
    r"|(?:[\w'.-]+\s+){1,4}logo"  # an image's alt text
    r"|total pages?\s*:\s*\d+|file type\s*:.*size\s*:.*|file size\s*:.*|\d+(?:\.\d+)?\s+views"
    r"|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\s+views"
    # a blog platform's toolbar and ad label ("Editer l'article Suivre ce blog Administration + Créer mon blog",
    # "Publicité", "Publicidad", "Advertisement")
    r"|.*\b(?:cr[ée]er (?:mon|un) blog|suivre ce blog|create (?:a|your) (?:free )?blog|follow this blog|crear (?:mi|un) blog)\b.*"
    r"|publicit[ée]|publicidad|advertisement"
    r")\s*$",
    re.I,
)


def remove_web_chrome(text: str) -> str:
    """Drop lines that are a web page's furniture, not its text ("Skip to main content", "Select your language",
    "United Nations Logo", "File Type:pdf, Size:1020Kb"): they would otherwise be read as a title."""
    return "\n".join(line for line in text.split("\n") if not (len(line) < 80 and _CHROME.match(line)))


# --- The pipeline --------------------------------------------------------------------------------------
def normalize(pages: list[str], *, paginated: bool) -> NormalizedText:
    pages = [remove_web_chrome(strip_markup(clean_chars(p))) for p in pages]
    if not paginated:
        whole = remove_similar_lists("\n".join(pages))
        pages = split_pseudo_pages(whole)
    else:
        pages = [remove_similar_lists(p) if i == 0 else p for i, p in enumerate(pages)]
    page_lines = [[line.rstrip() for line in p.split("\n")] for p in pages]
    page_lines = remove_running_lines(page_lines, paginated=paginated)
    notes: list[str] = []
    page_lines = [take_footnotes(lines, paginated=paginated, notes=notes) for lines in page_lines]

    chunks: list[tuple[int, str]] = []  # (page number, paragraph)
    for number, lines in enumerate(page_lines, start=1):
        text = fix_inline(remove_markers("\n".join(lines)))
        for para in re.split(r"\n[ \t]*\n", text):
            para = re.sub(r"[ ]{2,}", " ", para).strip("\n ")
            if para.strip():
                chunks.append((number if paginated else 1, para))

    # Join fragments across page breaks and removed footnotes, keeping the page of each start.
    merged: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []
    for page, para in chunks:
        if para.startswith(FOOTNOTE):
            pending.append((page, para[1:].strip()))
            continue
        if merged:
            joined = join_fragments([merged[-1][1], para])
            if len(joined) == 1:
                merged[-1] = (merged[-1][0], joined[0])
                continue
        merged.extend(pending)
        pending = []
        merged.append((page, para))
    merged.extend(pending)

    parts: list[str] = []
    page_starts = [0]
    offset = 0
    current_page = 1
    for page, para in merged:
        para = remove_glued_page_numbers(para) if paginated else para
        while page > current_page:
            page_starts.append(offset)
            current_page += 1
        parts.append(para)
        offset += len(para) + 2
    text = "\n\n".join(parts)
    if not paginated:
        text = remove_glued_page_numbers(text)
    return NormalizedText(text=text, page_starts=page_starts, footnotes=notes)
