"""Match each proposal to the record it may already be, before anyone reviews it.

- events: title similarity (rapidfuzz, ordinals normalised: "Second" = "2nd") plus the same or overlapping
  dates, and the same city. An unknown date or city on either side does not contradict, but then the titles
  must agree more closely; known dates that do not overlap, or two different known cities, rule a record out.
- people: the name (exact, then close), the affiliation preferring among namesakes (`resolve.resolve_person`);
- organizations: name, acronym or alias (`Organization.objects.matching`), a State's government by country;
- themes: the title within the cycle (forum and year);
- outcomes and programme sessions: the text or title within the item's event.

The result is the proposal's `match` (new / exact / alias / ambiguous) and `candidates` ([{id, name, score,
url}], best first). An exact match is linked on acceptance (`accept.py` fills only the record's empty fields);
an ambiguous one waits for the reviewer. Proposals are matched when stored and again when reviewed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from rapidfuzz import fuzz

from colloquy.dialogues.models import Event, Session, Theme
from colloquy.directory.models import Organization, Person
from colloquy.ingest.forums import find_forum
from colloquy.ingest.models import MatchType, Proposal, ProposalKind, ProposalStatus
from colloquy.ingest.resolve import resolve_organization, resolve_person
from colloquy.outcomes.models import GoodPractice, KeyMessage, Recommendation

ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
            "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11", "twelfth": "12"}
TEXT_SAME = 90  # token_sort_ratio at which two outcome texts, theme or session titles are the same item
TEXT_CLOSE = 75  # ... at which they are shown as candidates for the reviewer to decide


def plain(text: str | None) -> str:
    """Lower case, no accents or punctuation, ordinals as numbers ("Second" and "2nd" are "2")."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(ORDINALS.get(word, word) for word in text.split())


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _year_of(value) -> int | None:
    day = parse_date(value)
    return day.year if day else None


def proposal_year(proposal: Proposal) -> int | None:
    """The dialogue year an item belongs to, from the most specific date known *now*: its own date or year; its
    event (accepted: the record; pending: the proposal as edited); the document's date as the reviewer set it
    (the part, then the whole); the date the extractor found, else the year of the meetings it reports. Read at accept time, so one date set during review
    serves every item waiting for it."""
    d = proposal.data or {}
    own = d.get("year") or _year_of(d.get("start")) or _year_of(d.get("date"))
    if own:
        try:
            return int(own)
        except (TypeError, ValueError):
            return None
    ep = proposal.event_proposal
    if ep is not None and ep.pk != proposal.pk:
        if ep.status == ProposalStatus.ACCEPTED and ep.target is not None:
            event = ep.target
            return event.start_date.year if event.start_date else event.cycle.year
        if ep.status == ProposalStatus.PROPOSED and _year_of((ep.data or {}).get("start")):
            return _year_of(ep.data["start"])
    for document in (proposal.document, proposal.source.document):
        if document.date:
            return document.date.year
    extracted = proposal.source.extraction.get("document") or {}
    # A document without a date of its own: the year of the meetings it reports, as the extractor found it.
    year = extracted.get("year")
    return _year_of(extracted.get("date")) or (int(year) if str(year or "").isdigit() else None)


def _url(obj) -> str:
    if isinstance(obj, Theme):
        return obj.cycle.get_absolute_url()
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _candidate(obj, score, name=None) -> dict:
    return {"id": obj.pk, "name": (name or str(obj))[:200], "score": round(score), "url": _url(obj)}


def _with_urls(model, match: str, candidates: list[dict]) -> tuple[str, list[dict]]:
    records = model.objects.in_bulk([c["id"] for c in candidates])
    return match, [{**c, "url": _url(records[c["id"]])} for c in candidates if c["id"] in records]


def _decide(exact: list[dict], close: list[dict]) -> tuple[str, list[dict]]:
    if len(exact) == 1:
        return MatchType.EXACT, exact + [c for c in close if c["id"] != exact[0]["id"]][:2]
    if exact or close:
        return MatchType.AMBIGUOUS, sorted(exact + close, key=lambda c: -c["score"])[:5]
    return MatchType.NEW, []


# --- Events -----------------------------------------------------------------------------------------
def match_event(*, title: str, start=None, end=None, city: str | None = None, year: int | None = None):
    """`year`: the year the item would be filed under when it has no date of its own (from its document). Such a
    guess never makes an exact match with a record of another year, but a close title there is shown as a
    candidate: a series report's undated list of past events names meetings of earlier years."""
    start, end = parse_date(start), parse_date(end)
    end = end if end and start and end >= start else start
    years = {start.year, end.year} if start else {year} if year else set()
    wanted, place = plain(title), plain(city)
    if not wanted:
        return MatchType.NEW, []
    pool = Event.objects.select_related("cycle")
    if start:
        pool = pool.filter(Q(start_date__year__in=years) | Q(start_date__isnull=True, cycle__year__in=years))
    exact, close = [], []
    for event in pool:
        same_year = (event.start_date.year if event.start_date else event.cycle.year) in years
        dates_agree = None
        if start and event.start_date:
            other_end = event.end_date or event.start_date
            if start > other_end or event.start_date > end:
                continue
            dates_agree = True
        city_agrees = None
        if place and event.city:
            if plain(event.city) != place:
                continue
            city_agrees = True
        other = plain(event.title)
        overlap, same = fuzz.token_set_ratio(wanted, other), fuzz.token_sort_ratio(wanted, other)
        if same_year and ((dates_agree and overlap >= 80) or (city_agrees and overlap >= 90) or same >= 92):
            exact.append(_candidate(event, max(overlap, same)))
        elif (same_year and overlap >= TEXT_CLOSE) or same >= TEXT_SAME or _contained(wanted, other):
            close.append(_candidate(event, overlap))
    return _decide(exact, close)


def _contained(a: str, b: str) -> bool:
    """Every word of the shorter title (two words at least) is in the longer: "Labour Migration" in "Key Migration
    Issues: Labour Migration (with ILO)"; "International Migration Law" is not in "... International Migration and
    Development"."""
    shorter, longer = sorted((set(a.split()), set(b.split())), key=len)
    return len(shorter) >= 2 and shorter <= longer


# --- Items within an event or cycle -----------------------------------------------------------------
def _within(objects, text: str, get_text) -> tuple[str, list[dict]]:
    wanted = plain(text)
    exact, close = [], []
    for obj in objects:
        score = fuzz.token_sort_ratio(wanted, plain(get_text(obj)))
        if score >= TEXT_SAME:
            exact.append(_candidate(obj, score, get_text(obj)))
        elif score >= TEXT_CLOSE:
            close.append(_candidate(obj, score, get_text(obj)))
    return _decide(exact, close)


def event_of(proposal: Proposal) -> Event | None:
    """The record of the item's event: accepted, or matched exactly to an existing record."""
    ep = proposal.event_proposal
    if ep is None or ep.pk == proposal.pk:
        return None
    if ep.status == ProposalStatus.ACCEPTED:
        return ep.target
    if ep.status == ProposalStatus.PROPOSED and ep.match == MatchType.EXACT and ep.candidates:
        return Event.objects.filter(pk=ep.candidates[0]["id"]).first()
    return None


OUTCOMES = {
    ProposalKind.KEY_MESSAGE: (KeyMessage, "title", lambda o: o.text),
    ProposalKind.RECOMMENDATION: (Recommendation, "text", lambda o: o.text),
    ProposalKind.GOOD_PRACTICE: (GoodPractice, "text", lambda o: o.description or o.title),
}


def match_proposal(proposal: Proposal) -> tuple[str, list[dict]]:
    d, kind = proposal.data or {}, proposal.kind
    if kind == ProposalKind.EVENT:
        return match_event(title=d.get("title") or "", start=d.get("start"), end=d.get("end"), city=d.get("city"),
                           year=proposal_year(proposal))
    if kind == ProposalKind.PERSON:
        return _with_urls(Person, *resolve_person(d.get("name") or "", organization=d.get("organization")))
    if kind == ProposalKind.ORGANIZATION:
        return _with_urls(Organization, *resolve_organization(d.get("name") or ""))
    if kind == ProposalKind.THEME:
        year = proposal_year(proposal)
        if not year:
            return MatchType.NEW, []
        themes = Theme.objects.filter(cycle__year=year).select_related("cycle__forum")
        forum = find_forum(d.get("forum") or (proposal.source.extraction.get("document") or {}).get("forum"))
        if forum is not None:
            themes = themes.filter(cycle__forum=forum)
        return _within(themes, d.get("title") or "", lambda t: t.title)
    event = event_of(proposal)
    if event is None:
        return MatchType.NEW, []
    if kind == ProposalKind.SESSION:
        day = parse_date(d.get("date"))
        sessions = Session.objects.filter(event=event)
        if day:
            sessions = sessions.filter(Q(date=day) | Q(date__isnull=True))
        return _within(sessions, d.get("title") or "", lambda s: s.title)
    model, field, get_text = OUTCOMES[kind]
    return _within(model.objects.filter(event=event), d.get(field) or "", get_text)


def rematch(proposal: Proposal) -> Proposal:
    """Match a pending proposal again (records change: another document was accepted, a date was set) and store it."""
    if proposal.status != ProposalStatus.PROPOSED:
        return proposal
    match, candidates = match_proposal(proposal)
    if (match, candidates) != (proposal.match, proposal.candidates):
        Proposal.objects.filter(pk=proposal.pk).update(match=match, candidates=candidates)
        proposal.match, proposal.candidates = match, candidates
    return proposal
