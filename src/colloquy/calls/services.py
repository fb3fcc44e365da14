"""Calls to members: open and close a call, answer it, decide on each answer, remind those who have not answered.

An accepted speaker is booked in a session of the call's event (the programme editor's service) and asked by
e-mail to consent to their name being published; an accepted case study becomes an unpublished good practice.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.calls.models import (
    Call,
    CallKind,
    CallReminder,
    CallResponse,
    CallState,
    ConsentState,
    ResponseStatus,
)
from colloquy.core import mail
from colloquy.core.access import SYSTEM, acting_user, focal_organization, require_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.uploads import EVIDENCE_TYPES, check_upload
from colloquy.core.validation import full_clean_or_raise
from colloquy.core.workflow import TransitionTable
from colloquy.dialogues.models import SessionRole
from colloquy.dialogues.services.sessions import session_person_add
from colloquy.directory.models import Membership
from colloquy.directory.services import person_update
from colloquy.outcomes.services import good_practice_create

CALL_TRANSITIONS = TransitionTable(
    {CallState.OPEN: {CallState.CLOSED}, CallState.CLOSED: {CallState.OPEN}},
    labels=dict(CallState.choices),
)
RESPONSE_TRANSITIONS = TransitionTable(
    {
        ResponseStatus.SUBMITTED: {ResponseStatus.SHORTLISTED, ResponseStatus.ACCEPTED, ResponseStatus.DECLINED},
        ResponseStatus.SHORTLISTED: {ResponseStatus.ACCEPTED, ResponseStatus.DECLINED, ResponseStatus.SUBMITTED},
        ResponseStatus.DECLINED: {ResponseStatus.SHORTLISTED},
        ResponseStatus.ACCEPTED: set(),  # it became a programme entry or a good practice: undo those there
    },
    labels=dict(ResponseStatus.choices),
)
CALL_FILE_TYPES = EVIDENCE_TYPES  # PDF, office files, images, text: what a case study comes as
CONSENT_SALT = "colloquy.calls.consent"
CONSENT_MAX_AGE = 60 * 60 * 24 * 90  # a consent link works for 90 days


@transaction.atomic
def call_open(*, actor, kind: str, title: str, deadline: datetime.datetime, event=None, cycle=None,
              description: str = "") -> Call:
    require_secretariat(actor)
    if event is None and cycle is None:
        raise DomainError(gettext("Say which event or cycle the call is for."), field="event")
    if deadline is None or timezone.is_naive(deadline):
        raise DomainError(gettext("Give the deadline as a date and time with its time zone."), field="deadline")
    if deadline <= timezone.now():
        raise DomainError(gettext("The deadline is in the past; choose a later one."), field="deadline")
    if kind == CallKind.SPEAKERS and event is None:
        raise DomainError(gettext("A call for speakers is for an event: its speakers go into that event's programme."),
                          field="event")
    call = Call(kind=kind, title=(title or "").strip(), description=description.strip(), event=event,
                cycle=cycle if event is None else event.cycle, deadline=deadline, created_by=acting_user(actor))
    full_clean_or_raise(call)
    call.save()
    audit.record(actor=actor, action="call.open", target=call, after=audit.snapshot(call))
    return call


@transaction.atomic
def call_close(*, actor, call: Call, reopen: bool = False, deadline: datetime.datetime | None = None) -> Call:
    """Close a call before its deadline, or reopen it (with a new deadline if the old one has passed)."""
    require_secretariat(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    target = CallState.OPEN if reopen else CallState.CLOSED
    CALL_TRANSITIONS.check(call.state, target)
    before = audit.snapshot(call)
    if reopen and deadline is not None:
        call.deadline = deadline
    if reopen and call.deadline <= timezone.now():
        raise DomainError(gettext("The deadline has passed; give a new deadline to reopen the call."), field="deadline")
    call.state = target
    call.save(update_fields=["state", "deadline"])
    audit.record(actor=actor, action=f"call.{'reopen' if reopen else 'close'}", target=call, before=before,
                 after=audit.snapshot(call))
    return call


@transaction.atomic
def call_set_deadline(*, actor, call: Call, deadline: datetime.datetime, note: str = "") -> Call:
    """Give a call a new deadline: an open call's deadline is extended (audited as `call.extend`); a closed call,
    closed by hand or by its deadline passing, is reopened until the new deadline (`call.reopen`). The new
    deadline must be in the future and, to extend, later than the current one."""
    require_secretariat(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    now = timezone.now()
    if deadline is None or deadline <= now:
        raise DomainError(gettext("The new deadline must be in the future."), field="deadline")
    reopen = not call.is_accepting(now)
    if not reopen and deadline <= call.deadline:
        raise DomainError(gettext("The call is open until %(deadline)s: to extend it, give a later deadline.")
                          % {"deadline": timezone.localtime(call.deadline).strftime("%Y-%m-%d %H:%M %Z")},
                          field="deadline")
    if call.state == CallState.CLOSED:
        CALL_TRANSITIONS.check(call.state, CallState.OPEN)
    before = audit.snapshot(call)
    call.deadline, call.state = deadline, CallState.OPEN
    call.save(update_fields=["state", "deadline"])
    audit.record(actor=actor, action="call.reopen" if reopen else "call.extend", target=call, before=before,
                 after=audit.snapshot(call), note=note)
    return call


def _clean(value) -> str:
    return " ".join((value or "").split())


@transaction.atomic
def response_submit(*, actor, call: Call, name: str = "", email: str = "", affiliation: str = "", title: str = "",
                    country: str = "", summary: str = "", file=None) -> CallResponse:
    """A member's focal point answers the call: a person (speakers, partners) or a case study."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.is_accepting():
        raise DomainError(gettext("This call is closed; answers are no longer accepted."), code="closed")
    if not call.accepts_answers_from(actor):
        raise PermissionDenied(gettext("Only focal points of members of this forum can answer this call."))
    response = CallResponse(call=call, organization=focal_organization(actor), submitted_by=acting_user(actor),
                            name=_clean(name), email=(email or "").strip(), affiliation=_clean(affiliation),
                            title=_clean(title), country=(country or "").strip().upper(), summary=(summary or "").strip())
    if call.kind == CallKind.CASE_STUDIES:
        if not response.title:
            raise DomainError(gettext("Give the case study a title."), field="title")
        if not response.country:
            raise DomainError(gettext("Say which country the case study is from."), field="country")
        if not response.summary:
            raise DomainError(gettext("Summarise the case study: the summary is empty."), field="summary")
    else:
        if not response.name:
            message = (gettext("Give the speaker's name.") if call.kind == CallKind.SPEAKERS
                       else gettext("Give the partner organization's name."))
            raise DomainError(message, field="name")
        if call.kind == CallKind.SPEAKERS and not response.affiliation:
            raise DomainError(gettext("Give the speaker's affiliation (title and organization)."), field="affiliation")
        if call.kind == CallKind.SPEAKERS and not response.email:
            raise DomainError(gettext("Give the speaker's e-mail address: their consent is asked by e-mail."),
                              field="email")
    if file:
        check_upload(file, allowed=CALL_FILE_TYPES, what=gettext("case study file"))
        response.file = file
    full_clean_or_raise(response)
    response.save()
    audit.record(actor=actor, action="call_response.submit", target=response, after=audit.snapshot(response))
    return response


def _consent_link(response: CallResponse) -> str:
    token = signing.dumps({"r": response.pk}, salt=CONSENT_SALT)
    return f"{settings.SITE_URL.rstrip('/')}/calls/consent/{token}/"


def consent_language(call) -> str:
    """The language of a speaker's consent e-mail: the event's working language when it has one, else English (the
    speaker has no account, so no language of their own; a forum has none either). Not the secretariat's."""
    event = call.event
    if event is not None and event.working_language in dict(settings.LANGUAGES):
        return event.working_language
    return settings.LANGUAGE_CODE


def _ask_consent(response: CallResponse) -> None:
    context = {"response": response, "call": response.call, "event": response.call.event,
               "session": response.participant.session, "link": _consent_link(response)}
    with translation.override(consent_language(response.call)):
        subject = render_to_string("calls/email/consent_subject.txt", context).strip()
        body = render_to_string("calls/email/consent.txt", context)
    mail.send(subject=subject, body=body, to=[response.email])


def _accept(*, actor, response: CallResponse, session, role: str) -> None:
    call = response.call
    if call.kind == CallKind.SPEAKERS:
        if session is None:
            raise DomainError(gettext("Choose the session the speaker goes into."), field="session")
        if session.event_id != call.event_id:
            raise DomainError(gettext("That session belongs to another event than the call."), field="session")
        if role not in SessionRole.values:
            raise DomainError(gettext("Choose the speaker's role in the session."), field="role")
        # Not published until the speaker consents: the public programme shows the anonymous label meanwhile.
        response.participant = session_person_add(actor=actor, session=session, person_name=response.name, role=role,
                                                  affiliation_title=response.affiliation, consents_to_publication=False)
        if response.email and not response.participant.person.email:
            person_update(actor=actor, person=response.participant.person, email=response.email)
        response.consent = ConsentState.ASKED
        _ask_consent(response)
    elif call.kind == CallKind.CASE_STUDIES:
        response.good_practice = good_practice_create(
            actor=actor, title=response.title, description=response.summary, country=response.country,
            practice_actor=response.organization.name, event=call.event, cycle=call.cycle, published=False)


@transaction.atomic
def response_decide(*, actor, response: CallResponse, status: str, note: str = "", session=None,
                    role: str = SessionRole.SPEAKER) -> CallResponse:
    """Shortlist, accept or decline an answer. Accepting a speaker needs the session they go into."""
    require_secretariat(actor)
    response = CallResponse.objects.select_for_update().select_related("call", "organization").get(pk=response.pk)
    RESPONSE_TRANSITIONS.check(response.status, status)
    before = audit.snapshot(response)
    if status == ResponseStatus.ACCEPTED:
        _accept(actor=actor, response=response, session=session, role=role)
    response.status = status
    response.note = (note or "").strip() or response.note
    response.decided_at = timezone.now()
    response.save()
    audit.record(actor=actor, action=f"call_response.{status}", target=response, before=before,
                 after=audit.snapshot(response))
    return response


def response_from_consent_token(token: str) -> CallResponse:
    try:
        data = signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise DomainError(gettext("This consent link has expired; ask the secretariat for a new one."),
                          code="expired") from exc
    except signing.BadSignature as exc:
        raise DomainError(gettext("This consent link is not valid."), code="not_found") from exc
    response = CallResponse.objects.filter(pk=data.get("r"), status=ResponseStatus.ACCEPTED,
                                           participant__isnull=False).select_related("participant__person").first()
    if response is None:
        raise DomainError(gettext("This consent link is not valid."), code="not_found")
    return response


@transaction.atomic
def speaker_answer_consent(*, token: str, agree: bool) -> CallResponse:
    """The speaker answers the consent e-mail's link: their name is published in the programme, or not."""
    response = response_from_consent_token(token)
    response = CallResponse.objects.select_for_update().get(pk=response.pk)
    before = audit.snapshot(response)
    person = response.participant.person
    person_update(actor=SYSTEM, person=person, consents_to_publication=agree)
    response.consent = ConsentState.GIVEN if agree else ConsentState.REFUSED
    response.save(update_fields=["consent"])
    audit.record(actor=SYSTEM, action="call_response.consent", target=response, before=before,
                 after=audit.snapshot(response), note=gettext("answered by the speaker through the e-mailed link"))
    return response


def _organizations_to_remind(call: Call):
    today = timezone.localdate()
    answered = set(call.responses.values_list("organization_id", flat=True))
    memberships = Membership.objects.active_on(today).filter(forum=call.forum).select_related("organization")
    return [m.organization for m in memberships if m.organization_id not in answered]


def calls_send_reminders(*, actor, lead_days: int = 7, dry_run: bool = False, now=None) -> list[CallReminder]:
    """E-mail the focal points of members that have not answered a call closing within `lead_days`, once per
    call and address (as follow-up rounds' reminders). Safe to run as often as you like."""
    require_secretariat(actor)
    now = now or timezone.now()
    sent = []
    due = Call.objects.accepting(now).filter(deadline__lte=now + datetime.timedelta(days=lead_days))
    for call in due.select_related("event__cycle__forum", "cycle__forum"):
        for organization in _organizations_to_remind(call):
            for user in organization.focal_points.filter(is_active=True).exclude(email="").order_by("username"):
                if CallReminder.objects.filter(call=call, email=user.email).exists():
                    continue
                reminder = CallReminder(call=call, organization=organization, email=user.email, sent_at=now)
                if not dry_run:
                    with transaction.atomic():
                        reminder.save()
                        _remind(call=call, organization=organization, user=user, now=now)
                        audit.record(actor=actor, action="call.remind", target=call,
                                     after={"email": user.email, "organization": organization.pk})
                sent.append(reminder)
    return sent


def _remind(*, call, organization, user, now) -> None:
    context = {"call": call, "organization": organization, "user": user,
               "days_left": max((call.deadline - now).days, 0), "site_url": settings.SITE_URL.rstrip("/")}
    with translation.override(user.email_language()):  # the recipient's language
        subject = render_to_string("calls/email/reminder_subject.txt", context).strip()
        body = render_to_string("calls/email/reminder.txt", context)
    mail.send(subject=subject, body=body, to=[user.email])
