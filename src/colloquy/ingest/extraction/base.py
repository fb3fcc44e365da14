"""The extractor interface and the deterministic rule-based extractor.

`Extractor.extract(norm)` returns the `colloquy.extract/1` body (without `source`). A model-based
extractor could implement the same interface later; the CLI, ingest and evaluation only see this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from colloquy.ingest.extraction import document as doc_rules
from colloquy.ingest.extraction.countries import countries_in
from colloquy.ingest.extraction.dates import YEAR, find_dates
from colloquy.ingest.extraction.donors import donors_in
from colloquy.ingest.extraction.events import EventHit, acronyms_in, events_in_prose, kind_of, merge_events
from colloquy.ingest.extraction.headed import header_event, listed_events
from colloquy.ingest.extraction.outcomes import good_practices_in, key_messages_and_recommendations
from colloquy.ingest.extraction.people import find_people, merge_people
from colloquy.ingest.extraction.places import KNOWN_CITIES, held_city
from colloquy.ingest.extraction.programme import sessions_in
from colloquy.ingest.extraction.segment import ANCHORS, Block, Child, blocks, split_children, title_case
from colloquy.ingest.extraction.themes import themes_in
from colloquy.ingest.normalize import NormalizedText


class Extractor:
    """Interface: normalised text in, a colloquy.extract/1 body out."""

    name = "base"

    def extract(self, norm: NormalizedText) -> dict:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class Region:
    start: int
    end: int
    blocks: list[Block]
    doc_type: str
    header: list[Block]


VENUE = re.compile(r"([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,5}\s+(?:Headquarters|Palais des Nations|Conference Centre|Conference Center|Hotel|Centre|Center|House|Hall))")


class RuleExtractor(Extractor):
    name = "rules"

    def extract(self, norm: NormalizedText) -> dict:
        text = norm.text
        bl = blocks(text)
        children = split_children(text, bl)
        header = doc_rules.header_blocks(bl)
        if children:
            header = [b for b in header if b.start < children[0].start]
        doc_year = self._doc_year(text, header)
        forum_line = doc_rules.forum_line(header, text)
        title = doc_rules.title_in(header, forum_line)
        line_date, line_place = doc_rules.dateline(text)
        date = doc_rules.date_in(header) or line_date
        title = title or doc_rules.long_line_title(text)

        events: list[EventHit] = []
        main_events: list[EventHit] = []
        sessions: list[dict] = []
        people_hits = []
        child_records = []
        regions = self._regions(text, bl, children)
        acronyms = acronyms_in(text)
        doc_type = doc_rules.doc_type_in(text, bl, n_children=len(children))
        for region in regions:
            r_text = text[region.start:region.end]
            region_year = self._doc_year(r_text, region.header) or doc_year
            main = self._header_event(region, text, parent_is_report=bool(children)) if region.header else None
            if not children:  # a single document: the meeting its head names beside a date
                main = header_event(text, year=region_year, doc_type=doc_type, doc_date=date)
            prose = events_in_prose(text, region.blocks, default_year=region_year, acronyms=acronyms)
            prose += listed_events(region.blocks, year=region_year)
            region_events = ([main] if main else []) + prose
            main_events += [main] if main else []
            self._attach_orphan_participation(region_events)
            if main is not None and main.start:  # a meeting dated before the (child) report's own event was held
                self._within_main(prose, main)
                self._status_from_dates(prose, main.start)
            events.extend(region_events)
            r_sessions, r_people = sessions_in(text, region.blocks, default_date=main.start if main else None, year=region_year)
            sessions.extend(r_sessions)
            people_hits.extend(r_people)
            people_hits.extend(find_people(r_text, region.start))
            if region.header:
                child_records.append({"title": main.title if main else None, "doc_type": region.doc_type,
                                      "date": main.start if main else None, "start": region.start, "end": region.end})
        merged_events = merge_events(events)
        self._status_from_dates(merged_events, date)
        label_place = doc_rules.labelled_place(text)
        for e in merged_events:  # "Location: Lima, Peru" over "Date: 10 March 2031": the place of the meeting of that date
            if e.city is None and label_place and date and e.start == date:
                e.city = label_place
        if not title and merged_events:
            title = self._main_title(text, merged_events)
        title = doc_rules.series_title(title, text)
        if doc_type not in ("series_report", "programme") and re.search(r"\bseries\b", text[:1500], re.I) \
                and sum(1 for e in merged_events if e.start) >= 4:
            doc_type = "series_report"  # a document about a series of meetings that lists them with their dates
        messages, recs = key_messages_and_recommendations(bl)
        place = line_place or label_place or doc_rules.place_in(header) or next((e.city for e in merged_events if e.city), None) \
            or held_city(text[:1500])
        people = merge_people(people_hits)
        countries = countries_in(text)
        return {
            "document": {
                "title": title, "symbol": doc_rules.symbol_in(header), "date": date, "place": place,
                "doc_type": doc_type, "forum": doc_rules.forum_in(text, title, header),
                "year": self._year_of(date, main_events, merged_events),
            },
            "events": [self._event_json(e) for e in merged_events],
            "themes": themes_in(bl, doc_year=doc_year),
            "key_messages": messages,
            "recommendations": recs,
            "good_practices": good_practices_in(bl),
            "people": [{"name": p.name, "role": p.role, "organization": p.organization, "country": p.country,
                        "evidence": {"start": p.start, "end": p.end}} for p in people],
            "sessions": sessions,
            "donors": donors_in(text),
            "countries": countries,
            "children": child_records,
        }

    # --- helpers ---
    @staticmethod
    def _doc_year(text: str, header: list[Block]) -> int | None:
        for b in header:
            dates = find_dates(b.text)
            if dates and dates[0].explicit_year:
                return dates[0].first.year
        years = YEAR.findall(text[:3000])
        return int(years[0]) if years else None

    @staticmethod
    def _regions(text: str, bl: list[Block], children: list[Child]) -> list[Region]:
        if not children:
            return [Region(0, len(text), bl, "", [])]
        regions = [Region(0, children[0].start, [b for b in bl if b.start < children[0].start], "", [])]
        for child in children:
            regions.append(Region(child.start, child.end, [b for b in bl if child.start <= b.start < child.end],
                                  child.doc_type, child.header))
        return regions

    @staticmethod
    def _header_event(region: Region, text: str, *, parent_is_report: bool) -> EventHit | None:
        header = region.header
        date_idx = next((i for i, b in enumerate(header) if find_dates(b.text) and any(d.explicit_year for d in find_dates(b.text))), None)
        if date_idx is None:
            return None
        dates = [d for d in find_dates(header[date_idx].text) if d.explicit_year]
        title = None
        for b in reversed(header[:date_idx]):
            candidate = b.text.strip()
            # "TITLE organized jointly with the World Health Organization (WHO)": judge the title, not its tail
            candidate = re.sub(r"\s*,?\s*(?:organi[sz]ed|co-organi[sz]ed|organised)\s+(?:jointly\s+)?(?:with|by)\b.*$", "",
                               candidate, flags=re.I) or candidate
            upper = candidate.upper().rstrip(":")
            if (upper in ANCHORS
                    or re.search(r"Headquarters|Conference Room|www\.|Postal|^\W*$|Summary Reports|Seminar Programmes|\(\w+\)\s*/?$|/$", candidate)
                    or re.match(r"^(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s", candidate)):
                continue
            candidate = re.sub(r"\s*,?\s*(?:organi[sz]ed|co-organi[sz]ed|organised)\s+(?:jointly\s+)?(?:with|by)\b.*$", "", candidate, flags=re.I)
            if re.match(r"^(?:organi[sz]ed|organised)\b", candidate, re.I):
                continue
            candidate = re.sub(r"^.*?\bSeries\b\s*:?\s*", "", candidate, flags=re.I) if re.search(r"\bSeries\b", candidate, re.I) else candidate
            if not candidate.strip(" :"):
                if title:
                    break
                continue
            title = candidate.strip(" :") if not title else f"{candidate.strip(' :')} {title}"
            if not header[header.index(b) - 1].text.strip().upper().startswith(("BRIEFING ON", "SEMINAR ON", "WORKSHOP ON")):
                break
        if not title:
            return None
        title = title_case(title)
        header_text = " \n".join(b.text for b in header if not re.search(r"Institute|Organi[sz]ation|University|Foundation", b.text, re.I))
        anchor = re.search(r"\b(WORKSHOP|SEMINAR|BRIEFING|CONFERENCE|TRAINING)\s+(?:REPORT|PROGRAMME)\b", header_text, re.I)
        anchor_kind = kind_of(anchor.group(1)) if anchor else None
        kind = kind_of(title) or anchor_kind or kind_of(header_text) or "other"
        venue_line = " ".join(b.text for b in header[max(0, date_idx - 1):date_idx + 3])
        city = next((c for c in sorted(KNOWN_CITIES, key=len, reverse=True) if re.search(rf"\b{re.escape(c)}\b", venue_line)), None)
        venue = VENUE.search(venue_line)
        status = "held" if region.doc_type != "programme" or parent_is_report else "planned"
        d = dates[0]
        return EventHit(title, kind, d.first.isoformat(), d.last.isoformat(), city, venue.group(1) if venue else None,
                        status, (header[0].start, header[-1].end))

    @staticmethod
    def _attach_orphan_participation(region_events: list[EventHit]) -> None:
        """'The meeting was attended by 30 participants' belongs to the nearest event named before it."""
        for orphan in [e for e in region_events if not e.title]:
            before = [e for e in region_events if e.title and e.evidence[0] <= orphan.evidence[0]]
            target = max(before, key=lambda e: e.evidence[0]) if before else None
            if target is not None and target.total is None:
                target.total = orphan.total
                target.by_category = target.by_category or orphan.by_category
                target.extra.update({k: v for k, v in orphan.extra.items() if k == "qualifier"})
            if target is not None:
                for key in ("speakers", "women_speakers"):
                    if key in orphan.extra:
                        target.extra.setdefault(key, orphan.extra[key])

    @staticmethod
    def _year_of(date: str | None, mains: list[EventHit], events: list[EventHit]) -> int | None:
        """The year a document belongs to: its own date's, else its own meeting's, else the year most of its dated
        meetings fall in (a report that gives no date of its own still files under a year)."""
        if date:
            return int(date[:4])
        dated = [e for e in mains if e.start] or [e for e in events if e.start]
        if not dated:
            return None
        years = [int(e.start[:4]) for e in dated]
        return max(sorted(set(years)), key=years.count)

    @staticmethod
    def _within_main(events: list[EventHit], main: EventHit) -> None:
        """A meeting held during the document's own meeting (its steering group on the first day) shares its
        status and city."""
        for e in events:
            if e is not main and e.start and main.start <= e.start <= (main.end or main.start):
                e.status = e.status or main.status
                e.city = e.city or main.city

    @staticmethod
    def _status_from_dates(events: list[EventHit], doc_date: str | None) -> None:
        """No wording about status: a meeting dated before the document was held, after it is planned."""
        for e in events:
            if e.status is None and e.start and doc_date and e.start != doc_date:  # the same day: say nothing
                e.status = "held" if e.start < doc_date else "planned"

    @staticmethod
    def _main_title(text: str, events: list[EventHit]) -> str | None:
        """The event named most often is what the document is about."""
        def mentions(e: EventHit) -> int:
            key = " ".join(e.title.split()[:5])
            return text.count(key) if key else 0
        return max(events, key=mentions).title if events else None

    @staticmethod
    def _event_json(e: EventHit) -> dict:
        return {
            "title": e.title, "kind": e.kind, "start": e.start, "end": e.end, "city": e.city, "venue": e.venue,
            "status": e.status, "participants": {"total": e.total, "by_category": e.by_category, **e.extra},
            "evidence": {"start": e.evidence[0], "end": e.evidence[1]},
        }
