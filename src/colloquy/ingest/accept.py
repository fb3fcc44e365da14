"""Turn an accepted proposal into a real record (or link it to an existing one), with a Citation.

A mapping from a proposal onto the owning apps' services: dialogues (`event_create`, `theme_create`,
`event_funding_add`, `session_create`, `session_add_participant`), directory (`organization_create`,
`person_create`) and outcomes (`key_message_create`, `recommendation_create`, `good_practice_create`).
Nothing here saves another app's model itself.
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext

from colloquy.core.errors import DomainError
from colloquy.dialogues.models import (
    Event,
    EventStatus,
    Session,
    SessionRole,
    Theme,
    ThemeLevel,
    ThemeStatus,
    cite,
)
from colloquy.dialogues.services import (
    cycle_get_or_create,
    event_create,
    event_funding_add,
    event_update,
    session_add_participant,
    session_create,
    theme_create,
)
from colloquy.directory.models import Organization, Person, normalize_name
from colloquy.directory.services import organization_create, organization_update, person_create, person_update
from colloquy.ingest.forums import forum_for
from colloquy.ingest.matching import parse_date, proposal_year
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus
from colloquy.ingest.resolve import government_country, government_for
from colloquy.outcomes.models import Addressee, GoodPractice, KeyMessage, Recommendation
from colloquy.outcomes.services import good_practice_create, key_message_create, recommendation_create

STATUS_MAP = {"held": EventStatus.HELD, "planned": EventStatus.PLANNED, "proposed": EventStatus.PROPOSED,
              "cancelled": EventStatus.CANCELLED, None: EventStatus.PLANNED}


def _date(value, field: str = "date"):
    if not value:
        return None
    day = parse_date(value)
    if day is None:
        raise DomainError(gettext("Enter a date such as 2007-07-06 or 6 July 2007 (not “%(value)s”).") % {"value": value},
                          code="invalid", field=field)
    return day


def _time(value, field: str = "time"):
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        raise DomainError(gettext("Enter a time such as 09:30 (not “%(value)s”).") % {"value": value}, code="invalid",
                          field=field) from None


def _fill_empty(record, values: dict) -> dict:
    """The values for the record's empty fields only: a link never overwrites what the record already says."""
    return {k: v for k, v in values.items() if v not in (None, "", [], {}) and getattr(record, k) in (None, "", [], {})}


def _event_for(proposal: Proposal, *, required: bool):
    ep = proposal.event_proposal
    if ep is not None and ep.status == ProposalStatus.ACCEPTED:
        return ep.target
    if required:
        raise DomainError(gettext("Accept the event this item belongs to first."), code="needs_event")
    return None


def _cycle(proposal: Proposal, *, actor):
    ex = proposal.source.extraction
    forum = forum_for(proposal.data.get("forum") or ex["document"].get("forum"), actor=actor)
    own = proposal.data.get("year")
    if own not in (None, "") and not str(own).strip().isdigit():
        raise DomainError(gettext("Could not create the record: enter a year such as 2007 (not “%(value)s”).") % {"value": own},
                          code="invalid",
                          field="year")
    year = proposal_year(proposal)
    if not year:
        raise DomainError(gettext("No year is known for this item: edit it and give a date or year."), code="needs_year")
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
        org = Organization.objects.get(pk=link_to)
        fill = _fill_empty(org, {"country": country or ""}) if org.category != "governments" else {}
        return organization_update(actor=actor, organization=org, **fill) if fill else org
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
        person = Person.objects.get(pk=link_to)
        fill = _fill_empty(person, {"country": country or ""})
        return person_update(actor=actor, person=person, **fill) if fill else person
    existing = Person.objects.filter(normalized_name=normalize_name(name)).first()
    if existing:
        return existing
    return person_create(actor=actor, name=name[:200], country=country or "", organization=organization, title=(title or "")[:200])


def _accept_session(proposal: Proposal, d: dict, *, actor, link_to):
    if link_to:
        return Session.objects.get(pk=link_to)  # the programme already lists it, with its people
    event = _event_for(proposal, required=True)
    record = session_create(actor=actor, event=event, title=d["title"][:400], date=_date(d.get("date")),
                            start_time=_time(d.get("start_time"), "start_time"),
                            end_time=_time(d.get("end_time"), "end_time"), order=proposal.order)
    if d.get("chair"):
        session_add_participant(actor=actor, session=record, person=_person(d["chair"], actor=actor), role=SessionRole.CHAIR)
    for speaker in d.get("speakers") or []:
        org = Organization.objects.matching(speaker["organization"]).first() if speaker.get("organization") else None
        session_add_participant(actor=actor, session=record, person=_person(speaker["name"], actor=actor),
                                role=SessionRole.SPEAKER, organization=org,
                                affiliation_title="" if org else (speaker.get("organization") or "")[:200])
    return record


def _accept_person(proposal: Proposal, d: dict, *, actor, link_to):
    org = None
    if d.get("organization") and len(d["organization"]) < 120:
        org = Organization.objects.matching(d["organization"]).first()
    return _person(d["name"], actor=actor, country=d.get("country"), organization=org, title=d.get("role") or "",
                   link_to=link_to)


def _accept_organization(proposal: Proposal, d: dict, *, actor, link_to):
    record = _organization(d["name"], country=d.get("country"), actor=actor, link_to=link_to)
    event = _event_for(proposal, required=False)
    if event is not None and d.get("role") == "donor":
        event_funding_add(actor=actor, event=event, donor=record)
    return record


def _theme_level(proposal: Proposal, d: dict) -> str:
    before = proposal.document.text[max(0, (proposal.start or 0) - 400):proposal.start or 0]
    return ThemeLevel.OVERARCHING if "overarching" in (d.get("title", "") + before).lower() else ThemeLevel.WORKSHOP_TOPIC


def _accept_theme(proposal: Proposal, d: dict, *, actor, link_to):
    if link_to:
        return Theme.objects.get(pk=link_to)
    cycle = _cycle(proposal, actor=actor)
    return theme_create(actor=actor, cycle=cycle, title=d["title"][:400], status=d.get("status") or ThemeStatus.PROPOSED,
                        level=d.get("level") or _theme_level(proposal, d))


def _outcome_place(proposal: Proposal, *, actor):
    event = _event_for(proposal, required=False)
    return event, (event.cycle if event else _cycle(proposal, actor=actor))


def _accept_key_message(proposal: Proposal, d: dict, *, actor, link_to):
    if link_to:
        return KeyMessage.objects.get(pk=link_to)
    event, cycle = _outcome_place(proposal, actor=actor)
    return key_message_create(actor=actor, event=event, cycle=cycle, text=d["title"], order=proposal.order)


def _accept_recommendation(proposal: Proposal, d: dict, *, actor, link_to):
    if link_to:
        return Recommendation.objects.get(pk=link_to)
    event, cycle = _outcome_place(proposal, actor=actor)
    addressee = d.get("addressee") if d.get("addressee") in Addressee.values else Addressee.OTHER
    return recommendation_create(actor=actor, event=event, cycle=cycle, text=d["text"], addressee=addressee,
                                 category=(d.get("category") or "")[:200], order=proposal.order)


def _accept_good_practice(proposal: Proposal, d: dict, *, actor, link_to):
    if link_to:
        return GoodPractice.objects.get(pk=link_to)
    event, cycle = _outcome_place(proposal, actor=actor)
    return good_practice_create(actor=actor, event=event, cycle=cycle, country=d.get("country") or "",
                                practice_actor=(d.get("actor") or "")[:300], title=d["text"][:300], description=d["text"])


def _event_values(d: dict) -> dict:
    start = _date(d.get("start"), "start")
    participants = d.get("participants") or {}
    total = participants.get("total")
    qualifier = participants.get("qualifier") if participants.get("qualifier") in ("over", "about") else ""
    by_category = {k: n for k, n in (participants.get("by_category") or {}).items() if isinstance(n, int) and n > 0}
    return {"start_date": start, "end_date": _date(d.get("end"), "end") or start, "city": (d.get("city") or "")[:100],
            "venue": (d.get("venue") or "")[:300], "participants_total": total,
            "participants_qualifier": qualifier if total else "",
            "participants_reported": f"{qualifier} {total}" if total and qualifier else "",
            "participants_by_category": by_category}


def _accept_event(proposal: Proposal, d: dict, *, actor, link_to):
    values = _event_values(d)
    if link_to:
        event = Event.objects.get(pk=link_to)
        fill = _fill_empty(event, values)
        if "participants_total" not in fill:  # a qualifier belongs to the total it came with
            fill.pop("participants_qualifier", None)
            fill.pop("participants_reported", None)
        if "end_date" in fill and (fill.get("start_date") or event.start_date) and fill["end_date"] < (fill.get("start_date") or event.start_date):
            fill.pop("end_date")
        if "start_date" in fill and event.end_date and fill["start_date"] > event.end_date:
            fill.pop("start_date")
        return event_update(actor=actor, event=event, **fill) if fill else event
    cycle = _cycle(proposal, actor=actor)
    kind = d.get("kind") if d.get("kind") in dict(Event._meta.get_field("kind").choices) else "other"
    return event_create(actor=actor, cycle=cycle, title=d["title"][:400], kind=kind,
                        status=STATUS_MAP.get(d.get("status"), EventStatus.PLANNED), **values)


ACCEPT = {
    ProposalKind.EVENT: _accept_event,
    ProposalKind.SESSION: _accept_session,
    ProposalKind.PERSON: _accept_person,
    ProposalKind.ORGANIZATION: _accept_organization,
    ProposalKind.THEME: _accept_theme,
    ProposalKind.KEY_MESSAGE: _accept_key_message,
    ProposalKind.RECOMMENDATION: _accept_recommendation,
    ProposalKind.GOOD_PRACTICE: _accept_good_practice,
}


def create_record(*, proposal: Proposal, actor, link_to: int | None = None):
    """The record for an accepted proposal (created through its owner's service, or linked), cited."""
    record = ACCEPT[proposal.kind](proposal, proposal.data, actor=actor, link_to=link_to)
    _cite(record, proposal)
    return record


def _cite(record, proposal: Proposal) -> None:
    quote = proposal.document.text[proposal.start:proposal.end] if proposal.start is not None else ""
    cite(record, document=proposal.document, start=proposal.start, end=proposal.end, page=proposal.page,
         label=proposal.label, quote=quote[:2000])
