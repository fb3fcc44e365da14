"""Business rules for the dialogue record: forums, cycles, themes, events, funding, documents.

Every function takes keyword-only arguments and an explicit `actor`, runs in one transaction,
validates before writing and leaves an audit entry.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.translated import OTHER_LANGUAGES
from colloquy.core.validation import full_clean_or_raise as _full_clean
from colloquy.core.workflow import TransitionTable
from colloquy.dialogues.models import (
    Cycle,
    CycleState,
    Document,
    Event,
    EventFunding,
    EventStatus,
    Forum,
    SessionParticipant,
    Theme,
    ThemeLevel,
    ThemeStatus,
)

EVENT_TRANSITIONS = TransitionTable(
    {
        EventStatus.PROPOSED: {EventStatus.PLANNED, EventStatus.CANCELLED},
        EventStatus.PLANNED: {EventStatus.PROPOSED, EventStatus.CONFIRMED, EventStatus.POSTPONED, EventStatus.CANCELLED, EventStatus.HELD},
        EventStatus.CONFIRMED: {EventStatus.HELD, EventStatus.POSTPONED, EventStatus.CANCELLED},
        EventStatus.POSTPONED: {EventStatus.PLANNED, EventStatus.CONFIRMED, EventStatus.CANCELLED},
        EventStatus.CANCELLED: {EventStatus.PROPOSED, EventStatus.PLANNED},
        EventStatus.HELD: set(),
    },
    labels=dict(EventStatus.choices),
)


@transaction.atomic
def forum_create(*, actor, name: str, acronym: str = "", slug: str, secretariat=None, description: str = "",
                 note: str = "") -> Forum:
    require_secretariat(actor)
    forum = Forum(name=name, acronym=acronym, slug=slug, secretariat=secretariat, description=description)
    _full_clean(forum)
    forum.save()
    audit.record(actor=actor, action="forum.create", target=forum, after=audit.snapshot(forum), note=note)
    return forum


@transaction.atomic
def cycle_get_or_create(*, actor, forum: Forum, year: int, overarching_theme: str = "",
                        state: str = CycleState.ACTIVE, note: str = "") -> tuple[Cycle, bool]:
    require_secretariat(actor)
    cycle = Cycle.objects.filter(forum=forum, year=year).first()
    if cycle:
        if overarching_theme and not cycle.overarching_theme_en:
            before = audit.snapshot(cycle)
            cycle.overarching_theme = overarching_theme
            cycle.save(update_fields=["overarching_theme"])  # and overarching_theme_en (core/translated.py)
            audit.record(actor=actor, action="cycle.update", target=cycle, before=before, after=audit.snapshot(cycle),
                         note=note)
        return cycle, False
    cycle = Cycle(forum=forum, year=year, overarching_theme=overarching_theme, state=state)
    _full_clean(cycle)
    cycle.save()
    audit.record(actor=actor, action="cycle.create", target=cycle, after=audit.snapshot(cycle), note=note)
    return cycle, True


# The cycle's life: draft → theme selection → active (its theme set) → concluded.
CYCLE_TRANSITIONS = TransitionTable(
    {
        CycleState.DRAFT: {CycleState.THEME_SELECTION, CycleState.ACTIVE},
        CycleState.THEME_SELECTION: {CycleState.ACTIVE},
        CycleState.ACTIVE: {CycleState.CONCLUDED},
        CycleState.CONCLUDED: set(),
    },
    labels=dict(CycleState.choices),
)


@transaction.atomic
def cycle_set_theme(*, actor, cycle: Cycle, theme: str, rationale: str = "", note: str = "",
                    versions: dict | None = None) -> Cycle:
    """Set the cycle's overarching theme; a cycle still before its theme (draft, theme selection) becomes active.
    `versions` gives its French and Spanish versions (`{"fr": ..., "es": ...}`); the others are cleared."""
    require_secretariat(actor)
    before = audit.snapshot(cycle)
    cycle.overarching_theme = theme
    for lang in OTHER_LANGUAGES:
        setattr(cycle, f"overarching_theme_{lang}", ((versions or {}).get(lang) or "").strip() or None)
    cycle.theme_rationale = rationale
    if CYCLE_TRANSITIONS.can(cycle.state, CycleState.ACTIVE):
        cycle.state = CycleState.ACTIVE
    _full_clean(cycle)
    cycle.save()
    audit.record(actor=actor, action="cycle.set_theme", target=cycle, before=before, after=audit.snapshot(cycle), note=note)
    return cycle


@transaction.atomic
def theme_create(*, actor, cycle: Cycle, title: str, level: str = ThemeLevel.OVERARCHING,
                 status: str = ThemeStatus.PROPOSED, rationale: str = "", event: Event | None = None,
                 versions: dict | None = None) -> Theme:
    """`versions`: the title's French and Spanish versions (`{"fr": ..., "es": ...}`), when known."""
    require_secretariat(actor)
    theme = Theme(cycle=cycle, title=title, level=level, status=status, rationale=rationale, event=event,
                  **{f"title_{lang}": ((versions or {}).get(lang) or "").strip() or None for lang in OTHER_LANGUAGES})
    _full_clean(theme)
    theme.save()
    audit.record(actor=actor, action="theme.create", target=theme, after=audit.snapshot(theme))
    return theme


@transaction.atomic
def event_funding_add(*, actor, event: Event, donor) -> EventFunding:
    """Name `donor` as a funder of `event` (one row per donor; a second call changes nothing). Amounts are
    pledges, recorded by the funding app (docs/funding.md)."""
    require_secretariat(actor)
    row = EventFunding.objects.select_for_update().filter(event=event, donor=donor).first()
    if row is None:
        row = EventFunding(event=event, donor=donor)
        _full_clean(row)
        row.save()
        audit.record(actor=actor, action="event_funding.add", target=event, after=audit.snapshot(row))
    return row


EVENT_FIELDS = {
    "kind", "title", "start_date", "end_date", "timezone", "city", "country", "venue", "room", "status",
    "funding_status", "interpretation_languages", "working_language", "description", "participants_total",
    "participants_reported",
    "participants_qualifier", "participants_by_category", "source_url",
}


@transaction.atomic
def event_create(*, actor, cycle: Cycle, title: str, **fields) -> Event:
    require_secretariat(actor)
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise DomainError(gettext('Unknown event field(s): %(join)s.') % {'join': ', '.join(sorted(unknown))})
    event = Event(cycle=cycle, title=title, **fields)
    _full_clean(event, exclude=["slug"])
    event.save()
    audit.record(actor=actor, action="event.create", target=event, after=audit.snapshot(event))
    return event


@transaction.atomic
def event_update(*, actor, event: Event, **fields) -> Event:
    require_secretariat(actor)
    if "status" in fields and fields["status"] != event.status:
        EVENT_TRANSITIONS.check(event.status, fields["status"])
    return audit.apply_update(actor=actor, obj=event, fields=fields, allowed=EVENT_FIELDS | {"cycle"}, action="event.update")


def event_set_status(*, actor, event: Event, status: str, note: str = "") -> Event:
    with transaction.atomic():
        require_secretariat(actor)
        event = Event.objects.select_for_update().get(pk=event.pk)
        EVENT_TRANSITIONS.check(event.status, status)
        before = audit.snapshot(event)
        event.status = status
        event.save(update_fields=["status"])
        audit.record(actor=actor, action="event.set_status", target=event, before=before, after=audit.snapshot(event), note=note)
        return event


@transaction.atomic
def event_duplicate(*, actor, event: Event, start_date: datetime.date | None = None, title: str | None = None) -> Event:
    """Copy an event and its programme (sessions and their people) as a new *proposed* event.

    With `start_date`, the copy and its sessions are shifted by the same number of days.
    """
    require_secretariat(actor)
    shift = (start_date - event.start_date) if (start_date and event.start_date) else datetime.timedelta(0)
    copy = Event.objects.get(pk=event.pk)
    copy.pk = copy.id = None
    copy.slug = ""
    copy.title_en = title or f"{event.title_en} (copy)"  # the English original; its French and Spanish stay
    copy.status = EventStatus.PROPOSED
    copy.participants_total = None
    copy.participants_reported = ""
    copy.participants_qualifier, copy.participants_by_category = "", {}
    copy.start_date = event.start_date + shift if event.start_date else start_date
    copy.end_date = event.end_date + shift if event.end_date else None
    copy.save()
    copy.co_organizers.set(event.co_organizers.all())
    for session in event.sessions.prefetch_related("participants"):
        people = list(session.participants.all())
        session.pk = session.id = None
        session.event = copy
        if session.date:
            session.date = session.date + shift
        session.save()
        SessionParticipant.objects.bulk_create(
            SessionParticipant(session=session, person_id=p.person_id, role=p.role, organization_id=p.organization_id,
                               affiliation_title=p.affiliation_title, order=p.order)
            for p in people
        )
    audit.record(actor=actor, action="event.duplicate", target=copy, after=audit.snapshot(copy),
                 note=f"Copied from event {event.pk}")
    return copy


@transaction.atomic
def document_create(*, actor, title: str, **fields) -> Document:
    require_secretariat(actor)
    document = Document(title=title, **fields)
    _full_clean(document, exclude=["file"])
    document.save()
    audit.record(actor=actor, action="document.create", target=document, after=audit.snapshot(document))
    return document


DOCUMENT_FIELDS = {"title", "symbol", "date", "language", "doc_type", "forum", "cycle", "event", "session", "source_url",
                   "access", "status"}


@transaction.atomic
def document_update(*, actor, document: Document, **fields) -> Document:
    """Change a document's fields (e.g. publish it, or set the date a reviewer found); audited when anything changed."""
    require_secretariat(actor)
    return audit.apply_update(actor=actor, obj=document, fields=fields, allowed=DOCUMENT_FIELDS, action="document.update")
