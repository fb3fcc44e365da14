"""Turn an accepted proposal into a real record (or link it to an existing one), with a Citation."""

from __future__ import annotations

import datetime
import re

from rapidfuzz import fuzz

from colloquy.audit import log as audit
from colloquy.core.errors import DomainError
from colloquy.core.validation import full_clean_or_raise
from colloquy.dialogues.models import (
    Event,
    EventFunding,
    EventStatus,
    SessionRole,
    Theme,
    ThemeLevel,
    ThemeStatus,
    cite,
)
from colloquy.dialogues.services import (
    cycle_get_or_create,
    event_create,
    session_add_participant,
    session_create,
)
from colloquy.directory.models import Organization, Person
from colloquy.directory.services import organization_create, person_create
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus
from colloquy.outcomes.models import Addressee, GoodPractice, KeyMessage, Recommendation

STATUS_MAP = {"held": EventStatus.HELD, "planned": EventStatus.PLANNED, "proposed": EventStatus.PROPOSED,
              "cancelled": EventStatus.CANCELLED, None: EventStatus.PLANNED}


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def _event_for(proposal: Proposal, *, required: bool):
    ep = proposal.event_proposal
    if ep is not None and ep.status == ProposalStatus.ACCEPTED:
        return ep.target
    if required:
        raise DomainError("Accept the event this item belongs to first.", code="needs_event")
    return None


def _cycle(proposal: Proposal, *, actor, year=None):
    from colloquy.ingest.services import forum_for

    ex = proposal.source.extraction
    forum = forum_for(proposal.data.get("forum") or ex["document"].get("forum"), actor=actor)
    if not year:
        doc_date = ex["document"].get("date")
        year = int(doc_date[:4]) if doc_date else proposal.document.date.year if proposal.document.date else None
        year = year or ex["document"].get("year")  # no date of its own: the year of the meetings it reports
    if not year:
        raise DomainError("No year is known for this item: edit it and give a date or year.", code="needs_year")
    cycle, _ = cycle_get_or_create(actor=actor, forum=forum, year=int(year))
    return cycle


def _org_category(name: str, country: str | None) -> str:
    if country and re.search(r"Government|Ministry|Republic|Kingdom|Embassy|Mission", name):
        return "governments"
    if re.search(r"Universit|Institute|College|School|Research", name):
        return "academia"
    if re.search(r"Foundation|Association|Network|Forum|Watch|Council|Society|NGO", name):
        return "ngos"
    if re.search(r"Bank|Company|Corporation|Ltd|Inc\b", name):
        return "private_sector"
    return "international_organizations"


def _organization(name: str, *, country: str | None, actor, link_to: int | None = None) -> Organization:
    if link_to:
        return Organization.objects.get(pk=link_to)
    from colloquy.ingest.resolve import government_country, government_for

    existing = Organization.objects.matching(name).first() or government_for(name)
    if existing:
        return existing
    country = country or government_country(name)
    acronym = name if re.fullmatch(r"[A-Z][A-Za-z&-]{1,9}", name) else ""
    category = _org_category(name, country)
    return organization_create(actor=actor, name=name[:300], category=category, acronym=acronym,
                               country=country if category == "governments" else (country or ""))


def _person(name: str, *, actor, country=None, organization=None, title="", link_to=None) -> Person:
    if link_to:
        return Person.objects.get(pk=link_to)
    from colloquy.directory.models import normalize_name

    existing = Person.objects.filter(normalized_name=normalize_name(name)).first()
    if existing:
        return existing
    return person_create(actor=actor, name=name[:200], country=country or "", organization=organization, title=(title or "")[:200])


def create_record(*, proposal: Proposal, actor, link_to: int | None = None):
    d = proposal.data
    kind = proposal.kind
    if kind == ProposalKind.EVENT:
        record = _accept_event(proposal, d, actor=actor, link_to=link_to)
    elif kind == ProposalKind.SESSION:
        event = _event_for(proposal, required=True)
        record = session_create(actor=actor, event=event, title=d["title"][:400], date=_date(d.get("date")),
                                start_time=_time(d.get("start_time")), end_time=_time(d.get("end_time")), order=proposal.order)
        if d.get("chair"):
            session_add_participant(actor=actor, session=record, person=_person(d["chair"], actor=actor), role=SessionRole.CHAIR)
        for speaker in d.get("speakers") or []:
            org = Organization.objects.matching(speaker["organization"]).first() if speaker.get("organization") else None
            session_add_participant(actor=actor, session=record, person=_person(speaker["name"], actor=actor),
                                    role=SessionRole.SPEAKER, organization=org,
                                    affiliation_title="" if org else (speaker.get("organization") or "")[:200])
    elif kind == ProposalKind.PERSON:
        org = None
        if d.get("organization") and len(d["organization"]) < 120:
            org = Organization.objects.matching(d["organization"]).first()
        record = _person(d["name"], actor=actor, country=d.get("country"), organization=org,
                         title=d.get("role") or "", link_to=link_to)
    elif kind == ProposalKind.ORGANIZATION:
        record = _organization(d["name"], country=d.get("country"), actor=actor, link_to=link_to)
        event = _event_for(proposal, required=False)
        if event is not None and d.get("role") == "donor":
            EventFunding.objects.get_or_create(event=event, donor=record)
    elif kind == ProposalKind.THEME:
        cycle = _cycle(proposal, actor=actor, year=d.get("year"))
        record = Theme(cycle=cycle, title=d["title"][:400], status=d.get("status") or ThemeStatus.PROPOSED,
                       level=d.get("level") or (ThemeLevel.OVERARCHING if "overarching" in (d.get("title", "") + proposal.document.text[max(0, (proposal.start or 0) - 400):proposal.start or 0]).lower() else ThemeLevel.WORKSHOP_TOPIC))
        full_clean_or_raise(record)
        record.save()
        audit.record(actor=actor, action="theme.create", target=record, after=audit.snapshot(record))
    elif kind in (ProposalKind.KEY_MESSAGE, ProposalKind.RECOMMENDATION, ProposalKind.GOOD_PRACTICE):
        event = _event_for(proposal, required=False)
        cycle = event.cycle if event else _cycle(proposal, actor=actor)
        if kind == ProposalKind.KEY_MESSAGE:
            record = KeyMessage(event=event, cycle=cycle, text=d["title"], order=proposal.order)
        elif kind == ProposalKind.RECOMMENDATION:
            addressee = d.get("addressee") if d.get("addressee") in Addressee.values else Addressee.OTHER
            record = Recommendation(event=event, cycle=cycle, text=d["text"], addressee=addressee,
                                    category=(d.get("category") or "")[:200], order=proposal.order)
        else:
            record = GoodPractice(event=event, cycle=cycle, country=d.get("country") or "", actor=(d.get("actor") or "")[:300],
                                  title=d["text"][:300], description=d["text"])
        full_clean_or_raise(record)
        record.save()
        audit.record(actor=actor, action=f"{kind}.create", target=record, after=audit.snapshot(record))
    else:  # pragma: no cover - the choices are closed
        raise DomainError(f"Unknown item kind {kind}.")
    _cite(record, proposal)
    return record


def _accept_event(proposal: Proposal, d: dict, *, actor, link_to):
    if link_to:
        return Event.objects.get(pk=link_to)
    start = _date(d.get("start"))
    cycle = _cycle(proposal, actor=actor, year=start.year if start else None)
    for existing in cycle.events.filter(start_date=start) if start else []:
        if fuzz.token_set_ratio(existing.title.lower(), d["title"].lower()) >= 85:
            return existing  # the same event, reported in another document
    participants = (d.get("participants") or {})
    by_category = participants.get("by_category") or {}
    reported = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in by_category.items())
    kind = d.get("kind") if d.get("kind") in dict(Event._meta.get_field("kind").choices) else "other"
    return event_create(actor=actor, cycle=cycle, title=d["title"][:400], kind=kind, start_date=start,
                        end_date=_date(d.get("end")) or start, city=(d.get("city") or "")[:100],
                        venue=(d.get("venue") or "")[:300], status=STATUS_MAP.get(d.get("status"), EventStatus.PLANNED),
                        participants_total=participants.get("total"), participants_reported=reported[:120])


def _cite(record, proposal: Proposal) -> None:
    quote = proposal.document.text[proposal.start:proposal.end] if proposal.start is not None else ""
    cite(record, document=proposal.document, start=proposal.start, end=proposal.end, page=proposal.page,
         label=proposal.label, quote=quote[:2000])
