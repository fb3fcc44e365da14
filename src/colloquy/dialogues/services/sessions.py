"""The programme of an event: sessions, the people booked in them, their materials, and the conflict checks.

The programme editor (registration's desk) and the ingest review call these; each takes
keyword-only arguments and an explicit `actor`, runs in one transaction and leaves an audit entry.
`programme_warnings` is the pure rule behind the editor's warnings (room clashes, double-booked speakers,
sessions outside the event's dates).
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.uploads import MATERIAL_TYPES, check_upload
from colloquy.core.validation import full_clean_or_raise as _full_clean
from colloquy.dialogues.models import (
    CHAIR_ROLES,
    SPEAKER_ROLES,
    DocumentStatus,
    Event,
    Session,
    SessionParticipant,
)
from colloquy.dialogues.services.records import document_create
from colloquy.directory.models import Organization, Person, normalize_name
from colloquy.directory.services import person_create

SESSION_FIELDS = {"title", "title_fr", "title_es", "date", "start_time", "end_time", "kind", "room", "description", "order"}


# --- conflict checks --------------------------------------------------------------------------

@dataclass(frozen=True)
class ProgrammeWarning:
    code: str  # room_overlap | speaker_double_booked | outside_dates | no_date | no_times
    message: str
    session_ids: tuple[int, ...]


def _span(session, event):
    day = session.date or None
    if day is None or session.start_time is None:
        return None
    end = session.end_time or session.start_time
    return (datetime.datetime.combine(day, session.start_time), datetime.datetime.combine(day, end))


def _overlap(a, b) -> bool:
    """Half-open spans overlap; two sessions starting at the same moment always clash, even when one or
    both have no end time (a zero-length span)."""
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def _fmt(session) -> str:
    when = f"{session.date:%d %b}" if session.date else ""
    if session.start_time:
        when += f" {session.start_time:%H:%M}"
        if session.end_time:
            when += f"–{session.end_time:%H:%M}"
    return f"“{session.title}” ({when.strip()})"


def programme_warnings(event, sessions, roles) -> list[ProgrammeWarning]:
    """Problems in a programme. Pure: reads only the objects given.

    `sessions`: Session-like objects (pk, title, date, start_time, end_time, room, kind).
    `roles`: (session_pk, person_pk, person_label) tuples for everyone booked in a session.
    Breaks and lunches may share a room with anything (they are for everyone).
    """
    warnings: list[ProgrammeWarning] = []
    spans = {}
    for s in sessions:
        if s.date is None:
            warnings.append(ProgrammeWarning("no_date", f"{_fmt(s)} has no date.", (s.pk,)))
        elif (event.start_date and s.date < event.start_date) or (event.end_date and s.date > event.end_date):
            dates = f"{event.start_date:%d %b %Y}" + (f"–{event.end_date:%d %b %Y}" if event.end_date and event.end_date != event.start_date else "")
            warnings.append(ProgrammeWarning("outside_dates", f"{_fmt(s)} is outside the event's dates ({dates}).", (s.pk,)))
        span = _span(s, event)
        if span is not None:
            spans[s.pk] = span

    timed = [s for s in sessions if s.pk in spans and s.kind not in ("break", "lunch")]
    room_of = {s.pk: (s.room or event.room or "").strip().casefold() for s in timed}
    for i, a in enumerate(timed):
        for b in timed[i + 1:]:
            if room_of[a.pk] and room_of[a.pk] == room_of[b.pk] and _overlap(spans[a.pk], spans[b.pk]):
                room = a.room or event.room
                warnings.append(ProgrammeWarning("room_overlap", f"{_fmt(a)} and {_fmt(b)} overlap in {room}.", (a.pk, b.pk)))

    by_person = defaultdict(set)
    labels = {}
    for session_pk, person_pk, label in roles:
        by_person[person_pk].add(session_pk)
        labels[person_pk] = label
    title = {s.pk: s for s in sessions}
    for person_pk, session_pks in by_person.items():
        booked = sorted((pk for pk in session_pks if pk in spans), key=lambda pk: spans[pk])
        for i, a in enumerate(booked):
            for b in booked[i + 1:]:
                if _overlap(spans[a], spans[b]):
                    warnings.append(ProgrammeWarning(
                        "speaker_double_booked",
                        f"{labels[person_pk]} is booked in {_fmt(title[a])} and {_fmt(title[b])} at the same time.",
                        (a, b)))
    return warnings


def event_programme_warnings(event) -> list[ProgrammeWarning]:
    sessions = list(event.sessions.all())
    roles = [(sp.session_id, sp.person_id, sp.person.display_name)
             for sp in SessionParticipant.objects.filter(session__event=event).select_related("person")]
    return programme_warnings(event, sessions, roles)


# --- writing ----------------------------------------------------------------------------------

@transaction.atomic
def session_create(*, actor, event: Event, title: str, **fields) -> Session:
    require_secretariat(actor)
    session = Session(event=event, title=title, **fields)
    _full_clean(session)
    session.save()
    audit.record(actor=actor, action="session.create", target=session, after=audit.snapshot(session))
    return session


@transaction.atomic
def session_add_participant(*, actor, session: Session, person, role: str, organization=None,
                            affiliation_title: str = "", order: int | None = None) -> SessionParticipant:
    require_secretariat(actor)
    if organization is None and not affiliation_title:
        day = session.date or session.event.start_date
        affiliation = person.affiliation_on(day)
        if affiliation:
            organization, affiliation_title = affiliation.organization, affiliation.title
    if order is None:
        order = session.participants.filter(role=role).count()
    participant = SessionParticipant(session=session, person=person, role=role, organization=organization,
                                     affiliation_title=affiliation_title, order=order)
    _full_clean(participant)
    participant.save()
    audit.record(actor=actor, action="session.add_participant", target=participant, after=audit.snapshot(participant))
    return participant


@transaction.atomic
def session_update(*, actor, session: Session, **fields) -> Session:
    require_secretariat(actor)
    return audit.apply_update(actor=actor, obj=session, fields=fields, allowed=SESSION_FIELDS, action="session.update")


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    require_secretariat(actor)
    before = audit.snapshot(session) | {"participants": [audit.snapshot(p) for p in session.participants.all()]}
    audit.record(actor=actor, action="session.delete", target=session, before=before)
    session.delete()


@transaction.atomic
def session_participant_remove(*, actor, participant: SessionParticipant) -> None:
    require_secretariat(actor)
    audit.record(actor=actor, action="session.remove_participant", target=participant.session,
                 before=audit.snapshot(participant))
    participant.delete()


@transaction.atomic
def session_participant_move(*, actor, participant: SessionParticipant, direction: int) -> None:
    """Move a chair/speaker one place up (-1) or down (+1) among the same group in the session."""
    require_secretariat(actor)
    group = CHAIR_ROLES if participant.role in CHAIR_ROLES else SPEAKER_ROLES
    people = list(participant.session.participants.filter(role__in=group).order_by("order", "pk"))
    i = next(i for i, p in enumerate(people) if p.pk == participant.pk)
    j = i + (1 if direction > 0 else -1)
    if not 0 <= j < len(people):
        return
    before = [p.pk for p in people]
    people[i], people[j] = people[j], people[i]
    for order, p in enumerate(people):
        if p.order != order:
            SessionParticipant.objects.filter(pk=p.pk).update(order=order)
    audit.record(actor=actor, action="session.reorder", target=participant.session,
                 before={"order": before}, after={"order": [p.pk for p in people]})


@transaction.atomic
def session_person_add(*, actor, session: Session, person_name: str, role: str, organization_name: str = "",
                       affiliation_title: str = "", gender: str = "", consents_to_publication: bool = True,
                       anonymous_label: str = "") -> SessionParticipant:
    """Book a person in a session by name: an existing person (same normalised name) is reused."""
    require_secretariat(actor)
    name = " ".join((person_name or "").split())
    if not name:
        raise DomainError(gettext("Give the person's name."), field="person_name")
    organization = None
    if organization_name.strip():
        organization = Organization.objects.matching(organization_name).first()
        if organization is None:
            raise DomainError(gettext('No organization called %(strip)s in the directory; add it there first or leave the field empty.') % {'strip': repr(organization_name.strip())}, field="organization_name")
    person = Person.objects.filter(normalized_name=normalize_name(name)).order_by("pk").first()
    if person is None:
        fields = {"gender": gender, "consents_to_publication": consents_to_publication}
        if anonymous_label.strip():
            fields["anonymous_label"] = anonymous_label.strip()
        person = person_create(actor=actor, name=name, **fields)
    order = session.participants.filter(role__in=CHAIR_ROLES if role in CHAIR_ROLES else SPEAKER_ROLES).count()
    return session_add_participant(actor=actor, session=session, person=person, role=role,
                                   organization=organization, affiliation_title=affiliation_title, order=order)


@transaction.atomic
def material_upload(*, actor, event, title: str, doc_type: str, language: str, access: str, file,
                    session=None):
    """Attach a document (background paper, presentation, list of participants, agenda...) to an event or session."""
    require_secretariat(actor)
    check_upload(file, allowed=MATERIAL_TYPES, what="material")
    if session is not None and session.event_id != event.pk:
        raise DomainError(gettext("That session belongs to another event."), field="session")
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return document_create(actor=actor, title=title, doc_type=doc_type, language=language, access=access,
                           event=event, session=session, file=file, sha256=digest.hexdigest(),
                           date=event.start_date, status=DocumentStatus.PUBLISHED)
