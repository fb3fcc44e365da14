"""Registration rules. Views, the API and the CLI call these; each takes keyword-only args and an actor.

Capacity is counted in **in-person persons** (seats). Every approval locks the event's settings row
(`select_for_update`) so concurrent approvals queue and nobody is approved beyond capacity; SQLite gets
the same guarantee from `transaction_mode=IMMEDIATE` (the write lock is taken at BEGIN).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from colloquy.audit import log as audit
from colloquy.core.access import SYSTEM, acting_user, is_focal_point_of, is_secretariat, require_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.uploads import NOMINATION_TYPES, check_upload
from colloquy.core.validation import full_clean_or_raise
from colloquy.core.workflow import TransitionTable
from colloquy.registration import notifications
from colloquy.registration.models import (
    COUNTED_STATES,
    INDIVIDUAL_CATEGORIES,
    SEAT_STATES,
    Attendance,
    Participant,
    Registration,
    RegistrationKind,
    RegistrationSettings,
    RegistrationState,
)

S = RegistrationState
REGISTRATION_TRANSITIONS = TransitionTable(
    {
        S.PENDING: {S.APPROVED, S.REJECTED, S.WAITLISTED, S.WITHDRAWN},
        S.WAITLISTED: {S.OFFERED, S.APPROVED, S.REJECTED, S.WITHDRAWN},
        # accepted / declined (withdrawn, or back to the end of the waitlist) / deadline passed
        S.OFFERED: {S.APPROVED, S.WITHDRAWN, S.WAITLISTED, S.EXPIRED, S.REJECTED},
        S.EXPIRED: {S.WAITLISTED, S.APPROVED, S.REJECTED, S.WITHDRAWN},
        S.APPROVED: {S.WITHDRAWN, S.REJECTED, S.ATTENDED},
        S.ATTENDED: {S.APPROVED},  # undo a mistaken check-in
        S.REJECTED: set(),
        S.WITHDRAWN: set(),
    },
    labels={value: str(label) for value, label in RegistrationState.choices},  # TransitionError text is English
)

SETTINGS_FIELDS = {
    "opens_at", "closes_at", "capacity", "waitlist_enabled", "note_verbale_required", "booked_languages",
    "individual_applications", "offer_days",
}
PARTICIPANT_FIELDS = {
    "honorific", "name", "title", "gender", "role", "attendance", "interpretation_language",
    "accessibility_needs", "email", "consents_to_publication",
}
MAX_PARTICIPANTS = 60


def seats_taken(event, *, exclude=None, states=SEAT_STATES) -> int:
    """In-person participants of approved or attended registrations, and of open offers (they hold seats)."""
    qs = Participant.objects.filter(registration__event=event, registration__state__in=states,
                                    attendance=Attendance.IN_PERSON)
    if exclude is not None:
        qs = qs.exclude(registration=exclude)
    return qs.count()


@dataclass
class Capacity:
    capacity: int | None
    taken: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


def capacity_of(event) -> Capacity:
    settings = RegistrationSettings.objects.filter(event=event).first()
    return Capacity(settings.capacity if settings else None, seats_taken(event))


# --- settings -----------------------------------------------------------------------------------

def registration_settings_set(*, actor, event, **fields) -> RegistrationSettings:
    require_secretariat(actor)
    unknown = set(fields) - SETTINGS_FIELDS
    if unknown:
        raise DomainError(f"Unknown registration setting(s): {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        settings, created = RegistrationSettings.objects.select_for_update().get_or_create(event=event)
        before = None if created else audit.snapshot(settings)
        for name, value in fields.items():
            setattr(settings, name, value)
        full_clean_or_raise(settings)
        settings.save()
        after = audit.snapshot(settings)
        if before != after:
            audit.record(actor=actor, action="registration_settings.set", target=settings, before=before, after=after)
        _offer_waitlist(settings=settings, actor=actor)
    return settings


# --- submitting -----------------------------------------------------------------------------------

def _participants_from(rows: list[dict], registration: Registration) -> list[Participant]:
    if not rows:
        raise DomainError("Add at least one participant.", field="participants")
    if len(rows) > MAX_PARTICIPANTS:
        raise DomainError(f"A registration can list at most {MAX_PARTICIPANTS} participants.", field="participants")
    people = []
    for i, row in enumerate(rows, start=1):
        unknown = set(row) - PARTICIPANT_FIELDS
        if unknown:
            raise DomainError(f"Participant {i}: unknown field(s) {', '.join(sorted(unknown))}.", field="participants")
        participant = Participant(registration=registration, order=i, **row)
        try:
            full_clean_or_raise(participant, exclude=["registration"])
        except DomainError as exc:
            raise DomainError(f"Participant {i}: {exc.message}", field="participants") from exc
        people.append(participant)
    return people


def registration_submit(*, actor, event, participants: list[dict], organization=None,
                        kind: str = RegistrationKind.DELEGATION, organization_name: str = "", category: str = "",
                        country: str = "", contact_email: str = "", nomination_letter=None,
                        note: str = "") -> Registration:
    """A focal point registers their delegation, or a person applies individually. Starts as pending."""
    settings = RegistrationSettings.objects.filter(event=event).select_related("event").first()
    if settings is None:
        raise DomainError("Registration is not available for this event.", code="closed")
    if not settings.is_open() and not is_secretariat(actor):
        raise DomainError("Registration for this event is closed.", code="closed")
    if kind == RegistrationKind.DELEGATION:
        if organization is None:
            raise DomainError("A delegation registration needs the organization it represents.", field="organization")
        if not (is_secretariat(actor) or is_focal_point_of(actor, organization)):
            raise PermissionDenied("Only the focal point of this organization (or the secretariat) can register its delegation.")
        if settings.note_verbale_required and not nomination_letter:
            raise DomainError("This event requires a nomination letter or note verbale; please upload it.",
                              field="nomination_letter")
        organization_name = organization.name
        category = organization.category
        country = organization.country
        contact_email = contact_email or getattr(actor, "email", "") or ""
    elif kind == RegistrationKind.INDIVIDUAL:
        if not settings.individual_applications:
            raise DomainError("This event does not accept individual applications.", code="closed")
        if organization is not None:
            organization_name, category, country = organization.name, organization.category, organization.country
        if category not in INDIVIDUAL_CATEGORIES:
            raise DomainError("Individual applications are open to people from NGOs, academia and the private "
                              "sector; governments and organizations register through their focal point.",
                              field="category")
        if len(participants) != 1:
            raise DomainError("An individual application is for one person.", field="participants")
    else:
        raise DomainError(f"Unknown registration kind {kind!r}.", field="kind")
    if not contact_email:
        raise DomainError("Give a contact e-mail address for the registration.", field="contact_email")
    if nomination_letter:
        check_upload(nomination_letter, allowed=NOMINATION_TYPES, what="nomination letter", field="nomination_letter")

    submitted_by = acting_user(actor)
    registration = Registration(
        event=event, kind=kind, organization=organization, organization_name=(organization_name or "").strip(),
        category=category, country=(country or "").upper(), submitted_by=submitted_by,
        contact_email=contact_email, note=note,
    )
    if nomination_letter:
        registration.nomination_letter = nomination_letter
    full_clean_or_raise(registration, exclude=["nomination_letter"])
    people = _participants_from(participants, registration)
    with transaction.atomic():
        # Same lock as decisions: two simultaneous submissions for one organization cannot both pass.
        RegistrationSettings.objects.select_for_update().filter(pk=settings.pk).first()
        if kind == RegistrationKind.DELEGATION:
            _refuse_duplicate(event, organization)
        registration.save()
        for p in people:
            p.registration = registration
        Participant.objects.bulk_create(people)
        after = audit.snapshot(registration) | {"participants": [audit.snapshot(p) for p in people]}
        audit.record(actor=actor, action="registration.submit", target=registration, after=after)
    notifications.on_commit_send(registration, "received")
    return registration


def _refuse_duplicate(event, organization) -> None:
    live = Registration.objects.filter(event=event, organization=organization).exclude(  # expired offers stay live
        state__in=[S.REJECTED, S.WITHDRAWN])
    if live.exists():
        raise DomainError(f"{organization.name} already has a delegation registered for this event; "
                          "withdraw it first or ask the secretariat to change it.", code="duplicate")


EDITABLE_STATES = (S.PENDING, S.WAITLISTED)


def registration_replace_participants(*, actor, registration: Registration, participants: list[dict]) -> Registration:
    """Change a delegation's list before the decision (pending or waitlisted): registrant or secretariat.

    After approval the seats are committed, so changes go through the secretariat (withdraw and register
    again, or edit in the admin).
    """
    if not registration.can_be_changed_by(actor):
        raise PermissionDenied("Only the registrant or the secretariat can change this registration.")
    with transaction.atomic():
        RegistrationSettings.objects.select_for_update().filter(event_id=registration.event_id).first()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state not in EDITABLE_STATES:
            raise DomainError(f"A registration that is {registration.get_state_display().lower()} can no longer "
                              "be changed; ask the secretariat.", code="locked")
        if registration.kind == RegistrationKind.INDIVIDUAL and len(participants) != 1:
            raise DomainError("An individual application is for one person.", field="participants")
        people = _participants_from(participants, registration)
        before = [audit.snapshot(p) for p in registration.participants.all()]
        registration.participants.all().delete()
        Participant.objects.bulk_create(people)
        audit.record(actor=actor, action="registration.participants", target=registration,
                     before={"participants": before}, after={"participants": [audit.snapshot(p) for p in people]})
    return registration


# --- state changes ------------------------------------------------------------------------------

def _may_set(actor, registration, state) -> None:
    if state == S.WITHDRAWN and registration.can_be_changed_by(actor):
        return
    require_secretariat(actor)


def registration_set_state(*, actor, registration: Registration, state: str, note: str = "") -> Registration:
    """Move a registration through REGISTRATION_TRANSITIONS. Seats (approved + offered) never exceed capacity."""
    if state not in S.values:
        raise DomainError(f"Unknown registration state {state!r}.", field="state")
    if state == S.EXPIRED:
        raise DomainError(_("Offers expire by themselves at their deadline; withdraw or waitlist the "
                            "registration instead."), field="state")
    _may_set(actor, registration, state)
    with transaction.atomic():
        # Lock order: settings row first, then the registration. Every writer follows it.
        settings = RegistrationSettings.objects.select_for_update().filter(event_id=registration.event_id).first()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _transition(settings, registration, state, actor=actor, note=note, action=f"registration.{state}")
    return registration


def _transition(settings, registration, state, *, actor, note, action) -> None:
    """The one place a state changes (settings and registration already locked by the caller)."""
    REGISTRATION_TRANSITIONS.check(registration.state, state)
    if state in SEAT_STATES and registration.state not in SEAT_STATES:
        _check_capacity(settings, registration)
    elif registration.state == S.OFFERED and state == S.APPROVED:
        # An offer already holds its seats. Only if the capacity was lowered since can open offers together
        # exceed it; then acceptances are served first come, against the confirmed seats alone.
        _check_capacity(settings, registration, states=COUNTED_STATES)
    if state == S.WAITLISTED and settings is not None and not settings.waitlist_enabled:
        raise DomainError("The waitlist is turned off for this event.", code="no_waitlist")
    frees_seats = registration.state in SEAT_STATES and state not in SEAT_STATES
    _apply(registration, state, actor=actor, note=note, action=action, settings=settings)
    if frees_seats and settings is not None:
        _offer_waitlist(settings=settings, actor=actor, skip=registration)


def _check_capacity(settings, registration, states=SEAT_STATES) -> None:
    if settings is None or settings.capacity is None:
        return
    taken = seats_taken(registration.event_id, exclude=registration, states=states)
    needed = registration.seats
    if taken + needed > settings.capacity:
        left = max(settings.capacity - taken, 0)
        raise DomainError(
            f"Not enough places: {needed} in-person seat(s) needed, {left} of {settings.capacity} left. "
            "Put the registration on the waitlist, or ask for fewer in-person participants.",
            code="capacity",
        )


NOTICES = {S.APPROVED: "approved", S.REJECTED: "rejected", S.WAITLISTED: "waitlisted", S.OFFERED: "offered",
           S.EXPIRED: "expired"}


def _apply(registration, state, *, actor, note, action, settings=None, now=None) -> None:
    before = audit.snapshot(registration)
    now = now or timezone.now()
    registration.state = state
    registration.state_changed_at = now
    if state == S.WAITLISTED:
        registration.waitlisted_at = now  # (back) at the end of the line
    if state == S.OFFERED:
        days = settings.offer_days if settings is not None else RegistrationSettings._meta.get_field(
            "offer_days").default
        registration.offer_expires_at = now + datetime.timedelta(days=days)
    if note:
        registration.decision_note = note
    registration.save(update_fields=["state", "state_changed_at", "waitlisted_at", "offer_expires_at",
                                     "decision_note"])
    audit.record(actor=actor, action=action, target=registration, before=before, after=audit.snapshot(registration),
                 note=note)
    kind = NOTICES.get(state)
    if kind:
        notifications.on_commit_send(registration, kind)


def _offer_waitlist(*, settings, actor, skip=None) -> list[Registration]:
    """Offer freed places to the waitlist, strictly first come first served.

    The first waitlisted registration is offered the place (state `offered`, holding its seats until it
    accepts, declines or the offer expires) if its in-person participants fit; if it does not fit, nobody
    behind it jumps the queue. `skip` (a registration that just declined and went back in line) is not
    offered again in the same breath. Runs inside the caller's transaction with the settings row locked.
    """
    offered = []
    waitlist = Registration.objects.filter(event_id=settings.event_id).waitlist()
    if skip is not None:
        waitlist = waitlist.exclude(pk=skip.pk)
    while True:
        head = waitlist.exclude(pk__in=[r.pk for r in offered]).first()
        if head is None:
            break
        if settings.capacity is not None and seats_taken(settings.event_id) + head.seats > settings.capacity:
            break
        _apply(head, S.OFFERED, actor=actor, settings=settings, action="registration.offer",
               note="A place became free; offered to the first on the waitlist.")
        offered.append(head)
    return offered


def _answerable_offer(actor, registration) -> None:
    if not registration.can_be_changed_by(actor):
        raise PermissionDenied(_("Only the registrant's focal point or the secretariat can answer this offer."))


def _refuse_unless_offered(registration) -> None:
    if registration.state == S.EXPIRED:
        raise DomainError(_("This offer expired on %(deadline)s; ask the secretariat whether a place is still "
                            "available.") % {"deadline": registration.offer_deadline_text()}, code="offer_expired")
    if registration.state != S.OFFERED:
        raise DomainError(_("There is no open offer for this registration (it is %(state)s).")
                          % {"state": str(registration.get_state_display()).lower()}, code="no_offer")


def registration_offer_accept(*, actor, registration: Registration, now=None) -> Registration:
    """The registrant's focal point (or the secretariat for them) accepts an offered place: offered → approved."""
    _answerable_offer(actor, registration)
    offers_expire(actor=SYSTEM, event=registration.event, now=now)  # a late answer finds the offer expired
    with transaction.atomic():
        settings = RegistrationSettings.objects.select_for_update().filter(event_id=registration.event_id).first()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _refuse_unless_offered(registration)
        _transition(settings, registration, S.APPROVED, actor=actor, note="", action="registration.accept")
    return registration


def registration_offer_decline(*, actor, registration: Registration, stay_on_waitlist: bool = False,
                               now=None) -> Registration:
    """Decline an offered place: withdrawn, or back to the end of the waitlist. The place goes to the next."""
    _answerable_offer(actor, registration)
    offers_expire(actor=SYSTEM, event=registration.event, now=now)
    with transaction.atomic():
        settings = RegistrationSettings.objects.select_for_update().filter(event_id=registration.event_id).first()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _refuse_unless_offered(registration)
        state = S.WAITLISTED if stay_on_waitlist else S.WITHDRAWN
        if state == S.WAITLISTED and settings is not None and not settings.waitlist_enabled:
            state = S.WITHDRAWN
        _transition(settings, registration, state, actor=actor, note="", action="registration.decline")
    return registration


def offers_expire(*, actor, event=None, now=None) -> list[Registration]:
    """Expire every open offer whose deadline has passed and offer the place to the next in line.

    Idempotent (an offer already expired is left alone) and safe to run at any time, from cron
    (`colloquy expire-offers`) or lazily when a registration page is viewed. One transaction per event.
    """
    now = now or timezone.now()
    due = Registration.objects.offers_due(now)
    if event is not None:
        due = due.filter(event=event)
    expired = []
    for event_id in sorted(set(due.values_list("event_id", flat=True))):
        with transaction.atomic():
            settings = RegistrationSettings.objects.select_for_update().filter(event_id=event_id).first()
            for registration in Registration.objects.select_for_update().offers_due(now).filter(event_id=event_id):
                _transition(settings, registration, S.EXPIRED, actor=actor, action="registration.expire",
                            note=f"The offer was not accepted by {registration.offer_deadline_text()}.")
                expired.append(registration)
    return expired


def registration_approve(*, actor, registration, note=""):
    return registration_set_state(actor=actor, registration=registration, state=S.APPROVED, note=note)


def registration_reject(*, actor, registration, note=""):
    return registration_set_state(actor=actor, registration=registration, state=S.REJECTED, note=note)


def registration_waitlist(*, actor, registration, note=""):
    return registration_set_state(actor=actor, registration=registration, state=S.WAITLISTED, note=note)


def registration_withdraw(*, actor, registration, note=""):
    return registration_set_state(actor=actor, registration=registration, state=S.WITHDRAWN, note=note)


def registration_mark_attended(*, actor, registration, note=""):
    return registration_set_state(actor=actor, registration=registration, state=S.ATTENDED, note=note)


def registration_summary(event) -> dict:
    """Counts by state (registrations and persons) for the secretariat's dashboard."""
    rows = (Registration.objects.filter(event=event).values("state")
            .annotate(n=Count("id", distinct=True), persons=Count("participants"),
                      seats=Count("participants", filter=Q(participants__attendance=Attendance.IN_PERSON))))
    return {row["state"]: row for row in rows}
