"""Registration API, mounted at /api/registration. Writes need a bearer token (or a browser session).

Focal points register their delegation and see their own registrations; the secretariat sees all and
decides. Participation statistics are public for published events.
"""

import base64
import binascii

from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Router, Status

from colloquy.accounts.auth import api_user, authenticated
from colloquy.core.access import SYSTEM, focal_organization, is_secretariat
from colloquy.core.apischema import Id
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.dialogues.models import Event
from colloquy.directory.models import Organization
from colloquy.registration import services
from colloquy.registration.models import Registration, RegistrationKind, RegistrationSettings
from colloquy.registration.schemas import (
    FileIn,
    OfferDeclineIn,
    ParticipantIn,
    RegistrationIn,
    RegistrationOut,
    SettingsOut,
    StateIn,
    StatisticsOut,
)
from colloquy.registration.stats import event_statistics

router = Router(tags=["registration"])
MAX_LETTER_BYTES = 20 * 1024 * 1024


def _event(request, slug):
    return get_object_or_404(Event.objects.visible_to(api_user(request)), slug=slug)


def _letter(data: FileIn | None):
    if data is None:
        return None
    try:
        content = base64.b64decode(data.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DomainError(gettext("nomination_letter.content_base64 is not valid base64."), field="nomination_letter") from exc
    if not content:
        raise DomainError(gettext("The nomination letter is empty."), field="nomination_letter")
    if len(content) > MAX_LETTER_BYTES:
        raise DomainError(gettext("The nomination letter is larger than 20 MB."), field="nomination_letter")
    name = data.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "nomination-letter"
    return ContentFile(content, name=name)


@router.get("/events/{slug}", response=SettingsOut, summary="Registration settings and places left")
def event_settings(request, slug: str):
    event = _event(request, slug)
    settings = get_object_or_404(RegistrationSettings, event=event)
    capacity = services.capacity_of(event)
    return {"event": event.slug, "is_open": settings.is_open(), "opens_at": settings.opens_at,
            "closes_at": settings.closes_at, "capacity": settings.capacity, "places_taken": capacity.taken,
            "places_left": capacity.left, "waitlist_enabled": settings.waitlist_enabled,
            "note_verbale_required": settings.note_verbale_required,
            "individual_applications": settings.individual_applications,
            "booked_languages": settings.booked_languages}


@router.get("/events/{slug}/statistics", response=StatisticsOut, summary="Participation statistics")
def event_stats(request, slug: str, rounded: bool = False):
    """`rounded=true`: the sentence states the total as the reports do ("more than 200"); numbers stay exact."""
    return event_statistics(_event(request, slug), rounded=rounded)


@router.get("/events/{slug}/registrations", response=list[RegistrationOut], auth=authenticated,
            summary="Registrations you may see (secretariat: all; focal point: your organization's)")
def list_registrations(request, slug: str, state: str | None = None):
    event = _event(request, slug)
    qs = (Registration.objects.filter(event=event).visible_to(request.auth).select_related("event")
          .prefetch_related("participants"))
    if state:
        qs = qs.filter(state=state)
    return list(qs)


@router.post("/events/{slug}/registrations", response={201: RegistrationOut}, auth=authenticated,
             summary="Register your delegation (focal points) or apply individually")
def create_registration(request, slug: str, payload: RegistrationIn):
    event = _event(request, slug)
    user = request.auth
    organization = focal_organization(user) if payload.kind == RegistrationKind.DELEGATION else None
    if payload.organization and payload.kind == RegistrationKind.DELEGATION:
        if not is_secretariat(user):
            raise PermissionDenied(gettext("Only the secretariat can register on another organization's behalf."))
        organization = Organization.objects.filter(slug=payload.organization).first()
        if organization is None:
            raise DomainError(gettext('No organization with slug %(organization)s.') % {'organization': repr(payload.organization)}, field="organization")
    if payload.kind == RegistrationKind.DELEGATION and organization is None:
        raise PermissionDenied(gettext("Only a member focal point (or the secretariat, naming the organization) can register a delegation."))
    extra = {}
    if payload.kind == RegistrationKind.INDIVIDUAL:
        extra = {"organization_name": payload.organization_name, "category": payload.category,
                 "country": payload.country}
    registration = services.registration_submit(
        actor=user, event=event, kind=payload.kind, organization=organization,
        participants=[p.dict() for p in payload.participants], contact_email=payload.contact_email,
        note=payload.note, nomination_letter=_letter(payload.nomination_letter), **extra)
    return Status(201, registration)


def _registration(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not registration.is_visible_to(request.auth):
        raise Registration.DoesNotExist  # 404, never reveal that it exists
    if registration.state == "offered" and services.offers_expire(actor=SYSTEM, event=registration.event):
        registration.refresh_from_db()  # the offer's deadline is checked lazily on every read
    return registration


@router.get("/registrations/{pk}", response=RegistrationOut, auth=authenticated)
def get_registration(request, pk: Id):
    return _registration(request, pk)


@router.post("/registrations/{pk}/state", response=RegistrationOut, auth=authenticated,
             summary="Decide (secretariat) or withdraw (the registrant)")
def set_state(request, pk: Id, payload: StateIn):
    registration = _registration(request, pk)
    return services.registration_set_state(actor=request.auth, registration=registration, state=payload.state,
                                           note=payload.note)


@router.put("/registrations/{pk}/participants", response=RegistrationOut, auth=authenticated,
            summary="Replace the list of participants (while pending or waitlisted)")
def replace_participants(request, pk: Id, payload: list[ParticipantIn]):
    registration = _registration(request, pk)
    return services.registration_replace_participants(actor=request.auth, registration=registration,
                                                      participants=[p.dict() for p in payload])


@router.post("/registrations/{pk}/offer/accept", response=RegistrationOut, auth=authenticated,
             summary="Accept the place offered to a waitlisted registration (its focal point or the secretariat)")
def accept_offer(request, pk: Id):
    registration = _registration(request, pk)
    return services.registration_offer_accept(actor=request.auth, registration=registration)


@router.post("/registrations/{pk}/offer/decline", response=RegistrationOut, auth=authenticated,
             summary="Decline the offered place: withdraw, or go back to the end of the waitlist")
def decline_offer(request, pk: Id, payload: OfferDeclineIn | None = None):
    registration = _registration(request, pk)
    return services.registration_offer_decline(actor=request.auth, registration=registration,
                                               stay_on_waitlist=bool(payload and payload.stay_on_waitlist))
