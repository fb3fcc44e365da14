"""Segmentation of normalised text: blocks (headings, numbered paragraphs, bullets, programme rows,
paragraphs), sentences, and the split of a compound document into child documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from colloquy.ingest.extraction.dates import parse_time_row

_NUMBERED = re.compile(r"^(?:[-*]\s*)?(\d{1,3})\.\s+(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}\.\))\s*(?=\S)")
_ENUM = re.compile(r"^\s*\(?([a-h]|[ivx]{1,4})\)\s+(?=\S)")
_ROMAN = re.compile(r"^\s*(?:[IVX]{1,5}|[A-H]|[a-h]|\d{1,2})\.?\s*$")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "vs"}


@dataclass
class Block:
    start: int
    end: int
    text: str
    kind: str  # heading | numbered | bullet | enum | row | para
    number: int | None = None
    heading: str = ""  # nearest heading above
    headings: list[str] = field(default_factory=list)  # heading path (outermost first, last 3)


def is_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 140 or s[-1] in ".,;" or "\t" in s:
        return False
    if s[0].islower() or not any(ch.isalpha() for ch in s):
        return False
    if re.match(r"^(?:\d{1,2}|[A-H]|[IVX]{1,4})\.\s+[A-Z]", s) and len(s) < 100 and s[-1] not in ".?!":
        return True
    words = re.findall(r"[A-Za-z][\w'’-]*", s)
    if not words or len(words) > 18:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS)
    if len(words) <= 5 and len(s) < 60 and not s.endswith((",", "?")):
        return caps / len(words) >= 0.5
    return caps / len(words) >= 0.7 or s.isupper()


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    end = len(text) if end is None else end
    out: list[Block] = []
    path: list[str] = []
    pending_prefix = ""
    pos = start
    for line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        s = line.strip()
        if not s:
            continue
        offset = line_start + (len(line) - len(line.lstrip()))
        if _ROMAN.match(s) and len(s) <= 5:
            pending_prefix = s
            continue
        m = _NUMBERED.match(s)
        if parse_time_row(s):
            kind, number = "row", None
        elif m and len(s) > 60 and not (len(s) < 120 and s[-1] not in ".;:!?" and is_heading(s)):
            kind, number = "numbered", int(m.group(1))
        elif _BULLET.match(s) or line.startswith("\t"):
            kind, number = "bullet", None
        elif _ENUM.match(s):
            kind, number = "enum", None
        elif is_heading(s):
            kind, number = "heading", None
        else:
            kind, number = "para", None
        if kind == "heading":
            title = f"{pending_prefix} {s}".strip() if pending_prefix else s
            if re.match(r"^[IVX]+\.", title) or (title.isupper() and len(title) > 5):
                depth = 0
            elif re.match(r"^(?:\d{1,2}|[a-h])[.)]\s", title):
                depth = 2
            else:
                depth = 1
            path = [*path[:depth], title]
            path = path[-3:]
        pending_prefix = ""
        out.append(Block(offset, line_start + len(line), s, kind, number,
                         heading=path[-1] if path and kind != "heading" else (path[-2] if len(path) > 1 else ""),
                         headings=list(path)))
    return out


_ABBREV = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Vol|vs|etc|Jr|Sr|Inc|Co|Corp|Ltd|Gen|Amb|Rev|Hon|para|paras|p|pp|ibid|cf|al|approx|Dept|Univ|Art|Arts)\.|\b(?:e\.g|i\.e|U\.S|U\.N|U\.K|H\.E|a\.m|p\.m)\.|\b[A-Z]\.)$")
_SENT_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


_LEAD_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:\d{1,3}|\(?[a-h]\))[.)]?\s+")


def sentences(text: str, base: int = 0) -> list[tuple[int, int, str]]:
    """Sentences with offsets; a leading paragraph number ("3. ") is not part of the first sentence."""
    lead = _LEAD_NUMBER.match(text)
    if lead:
        return [(s + lead.end(), e + lead.end(), t) for s, e, t in sentences(text[lead.end():], base)]
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        candidate = text[start:m.start() + 1]
        if _ABBREV.search(candidate[-12:]) or re.fullmatch(r"\s*(?:-\s*)?(?:\d{1,3}|[a-z])\.", candidate):
            continue
        out.append((base + start, base + m.start() + 1, candidate))
        start = m.end()
    if text[start:].strip():
        out.append((base + start, base + len(text.rstrip()), text[start:].rstrip()))
    return out


# --- Compound documents -----------------------------------------------------------------------------
ANCHORS = {
    "WORKSHOP REPORT": "workshop_report", "REPORT OF THE WORKSHOP": "workshop_report", "MEETING REPORT": "workshop_report",
    "SEMINAR REPORT": "workshop_report", "BRIEFING REPORT": "workshop_report", "CONFERENCE REPORT": "workshop_report",
    "SUMMARY OF CONCLUSIONS": "summary_of_conclusions",
    "CHAIR'S SUMMARY": "summary_of_conclusions", "CHAIRPERSON'S SUMMARY": "summary_of_conclusions",
    "PROGRAMME": "programme", "PROGRAM": "programme", "AGENDA": "programme", "PROVISIONAL AGENDA": "programme",
}


@dataclass
class Child:
    start: int
    end: int
    doc_type: str
    header: list[Block]


def _title_block_start(bl: list[Block], i: int) -> int:
    j = i
    while j > 0 and i - j < 10:
        prev = bl[j - 1]
        if prev.kind in ("row", "numbered") or len(prev.text) > 150 or prev.text.rstrip().endswith((".", "!", "?")):
            break
        if prev.kind == "bullet" or (prev.text[:1].islower()):
            break
        j -= 1
    return j


def split_children(text: str, bl: list[Block]) -> list[Child]:
    """A compound document (three or more embedded reports/programmes) splits into children."""
    anchors = [i for i, b in enumerate(bl) if b.text.strip().upper().rstrip(":") in ANCHORS and len(b.text) < 40]
    starts: list[tuple[int, str]] = []
    previous = None
    for i in anchors:
        kind = ANCHORS[bl[i].text.strip().upper().rstrip(":")]
        first = _title_block_start(bl, i)
        body_between = previous is not None and any(
            b.kind in ("numbered", "row") or (b.kind == "para" and len(b.text) > 120) for b in bl[previous + 1:i])
        same_header = previous is not None and not body_between
        previous = i
        if starts and same_header:
            if kind != "programme" and starts[-1][1] == "summary_of_conclusions":
                starts[-1] = (starts[-1][0], kind)
            continue  # the same header (e.g. WORKSHOP REPORT ... SUMMARY OF CONCLUSIONS)
        starts.append((first, "workshop_report" if kind == "summary_of_conclusions" else kind))
    if len(starts) < 3:
        return []
    children = []
    for n, (first, kind) in enumerate(starts):
        last = starts[n + 1][0] if n + 1 < len(starts) else len(bl)
        header = []
        for b in bl[first:last]:
            if b.kind in ("numbered", "row") or len(b.text) > 200 or len(header) >= 14:
                break
            header.append(b)
        end = bl[last].start if last < len(bl) else len(text)
        children.append(Child(bl[first].start, end, kind, header))
    return children


def title_case(value: str) -> str:
    if not value.isupper():
        return value
    words = []
    for i, w in enumerate(value.split()):
        lw = w.lower()
        if i and lw in _SMALL_WORDS:
            words.append(lw)
        elif len(w.strip(",:;()")) <= 3 and w.strip(",:;()").isalpha() and lw.strip(",:;()") not in _SMALL_WORDS:
            words.append(w)
        else:
            words.append(w[:1] + w[1:].lower())
    return " ".join(words)
