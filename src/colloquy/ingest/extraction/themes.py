"""Themes and workshop topics: proposed and selected, with their year."""

from __future__ import annotations

import re

from colloquy.ingest.extraction.segment import Block, sentences

# --- Themes ------------------------------------------------------------------------------------------
THEME_HEADING = re.compile(r"^(?:[A-Z]{2,10}\s+)?((?:19|20)\d\d)\s*:\s*(.{6,150})$")
SELECTED_THEME = re.compile(
    r"(?:overall|overarching|annual|main)\s+(?:[A-Z]{2,10}\s+)?theme\s+(?:for|of|in)\s+((?:19|20)\d\d),?\s+(?:is\s+|was\s+)?\"([^\"]{6,160}?)[,.]?\"", re.I)
SELECTED_TOPIC = re.compile(r"\"([^\"]{6,160}?)[,.]?\",?\s+(?:one of (?:the |two |three )?(?:\w+ )?topics selected|(?:was|were) (?:selected|chosen) by)", re.I)
CHOSEN_BY_MEMBERS = re.compile(r"(?:selected|chosen) by the (?:membership|members|Member States)", re.I)
TOPIC_OF = re.compile(r"\b(?:topic|theme) of \"([^\"]{6,160}?)[,.]?\"")
PROPOSAL_SENTENCE = re.compile(r"(?:possible|potential|proposed|candidate|two|three)\s+(?:overarching\s+)?(?:themes|topics)", re.I)
THEME_AS = re.compile(  # 'Participants proposed "X" as the theme of the 2025 meeting', '... selected "X" as the overarching theme for 2026'
    r"\b(?P<verb>propos\w*|suggest\w*|put forward|recommend\w*|select\w*|chose|chosen|adopt\w*|agreed on|endorsed?)\s+"
    r"(?:the (?:topic|theme) )?\"(?P<title>[^\"]{6,160}?)[,.]?\"\s+as\s+(?:the\s+|a\s+|its\s+)?(?:possible\s+|overarching\s+|annual\s+|main\s+)?(?:theme|topic)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:(?P<year>(?:19|20)\d\d)|next year|coming year))?", re.I)
ENUM_ITEM = re.compile(r"^\(?([a-h]|[ivx]{1,4})\)\s+(.{6,140})$")
# "held under the theme “X”", "bajo el tema «X»", "sous le thème « X »": the theme of the meeting the text reports,
# in straight, typographic or French quotes
UNDER_THEME = re.compile(
    r"\b(?:under|on|with)\s+the\s+(?:overarching\s+|main\s+|central\s+|general\s+)?theme\s*,?:?\s*|\b(?:bajo|con)\s+el\s+(?:lema|tema)\s*:?\s*"
    r"|\b(?:sous|sur)\s+le\s+th[èe]me\s*:?\s*", re.I)
# "Adoptar como el tema de la CRM de 2002 «X»", "adopted as the theme for 2024 “X”", "retenu comme thème « X »"
ADOPTED_AS_THEME = re.compile(
    r"\b(?:adopt(?:ed|s)?|select(?:ed|s)?|chose|adoptar(?:on)?|adoptó|aprobar(?:on)?|aprobó|seleccionar(?:on)?|elegir|eligieron"
    r"|adopter|adopté|retenir|retenu|choisi)\s+(?:as|como|comme)\s+(?:the\s+|el\s+|le\s+)?(?:theme|tema|thème|lema)\b"
    r"(?P<rest>[^\"“”«»\n]{0,60}?)\s*(?=[\"“«„])", re.I)
QUOTED = re.compile(r"^[\"“«„]\s*(?P<title>[^\"“”«»\n]{6,160}?)[,.]?\s*[\"”»“]")
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def themes_in(bl: list[Block], *, doc_year: int | None) -> list[dict]:
    out: list[dict] = []
    for i, block in enumerate(bl):
        if block.kind == "heading":
            m = THEME_HEADING.match(block.text)
            if m and not re.search(r"series|report|programme|summary", m.group(2), re.I):
                out.append(_theme(m.group(2), int(m.group(1)), "selected", block.start, block.end))
            continue
        for s_start, s_end, sentence in sentences(block.text, block.start):
            for m in SELECTED_THEME.finditer(sentence):
                out.append(_theme(m.group(2), int(m.group(1)), "selected", s_start, s_end))
            for m in THEME_AS.finditer(sentence):
                status = "proposed" if re.match(r"propos|suggest|put|recommend", m["verb"], re.I) else "selected"
                year = int(m["year"]) if m["year"] else (doc_year + 1 if doc_year and re.search(r"next|coming", m.group(0)) else doc_year)
                out.append(_theme(m["title"], year, status, s_start, s_end))
            for m in ADOPTED_AS_THEME.finditer(sentence):
                q = QUOTED.match(sentence[m.end():])
                years = YEAR.findall(m["rest"]) or ([str(doc_year)] if doc_year else [])
                if q:
                    out.append(_theme(q.group("title"), int(years[0]) if years else None, "selected", s_start, s_end))
            for m in UNDER_THEME.finditer(sentence):
                q = QUOTED.match(sentence[m.end():])
                if q:
                    years = YEAR.findall(sentence) or ([str(doc_year)] if doc_year else [])
                    out.append(_theme(q.group("title"), int(years[0]) if years else None, "selected", s_start, s_end))
            for m in SELECTED_TOPIC.finditer(sentence):
                years = YEAR.findall(" ".join(block.headings)) or ([str(doc_year)] if doc_year else YEAR.findall(sentence))
                out.append(_theme(m.group(1), int(years[-1]) if years else None, "selected", s_start, s_end))
            if CHOSEN_BY_MEMBERS.search(block.text):
                for m in TOPIC_OF.finditer(sentence):
                    years = YEAR.findall(" ".join(block.headings)) or ([str(doc_year)] if doc_year else [])
                    out.append(_theme(m.group(1), int(years[-1]) if years else None, "selected", s_start, s_end))
            if PROPOSAL_SENTENCE.search(sentence) and re.search(r"propos|possible|potential|consideration", sentence, re.I):
                year = _proposal_year(sentence, block, doc_year)
                for later in bl[i + 1:i + 60]:
                    em = ENUM_ITEM.match(later.text)
                    if em and later.kind in ("enum", "heading", "para") and not later.text.rstrip().endswith((".", "?")):
                        out.append(_theme(em.group(2), year, "proposed", later.start, later.end))
    return _dedupe(out)


def _proposal_year(sentence: str, block: Block, doc_year: int | None) -> int | None:
    years = YEAR.findall(sentence)
    if years:
        return int(years[-1])
    heading_years = YEAR.findall(" ".join(block.headings))
    if heading_years:
        return int(heading_years[-1])
    if re.search(r"coming|next|following", sentence) and doc_year:
        return doc_year + 1
    return doc_year


def _theme(title: str, year: int | None, status: str, start: int, end: int) -> dict:
    return {"title": title.strip(" ,.\"'“”«»"), "year": year, "status": status, "evidence": {"start": start, "end": end}}


def _dedupe(items: list[dict]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for item in items:
        key = (re.sub(r"\W+", " ", item["title"].lower()).strip(), item["year"])
        if key not in seen:
            seen[key] = item
    return list(seen.values())
