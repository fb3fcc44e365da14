"""Pages for focal points, applicants and the public: registering, printed programme, iCal, lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from colloquy.core import access as core_access
from colloquy.core.errors import DomainError
from colloquy.core.files import file_response
from colloquy.dialogues.calendar import event_calendar
from colloquy.dialogues.models import Event
from colloquy.registration import access, exports, lists, pdf, services
from colloquy.registration.forms import DelegationForm, IndividualForm, OnBehalfForm, ParticipantFormSet
from colloquy.registration.models import Registration, RegistrationKind, RegistrationSettings


def _event(request, slug):
    return get_object_or_404(Event.objects.visible_to(request.user).select_related("cycle__forum"), slug=slug)


def _file(content: bytes, content_type: str, filename: str, inline=False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


# --- printed programme, calendars, lists ------------------------------------------------------

def programme_pdf(request, slug):
    event = _event(request, slug)
    return _file(pdf.programme_pdf(event), "application/pdf", f"{event.slug}-programme.pdf", inline=True)


def session_ical(request, slug, pk):
    event = _event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    return _file(event_calendar(event, sessions=[session]), "text/calendar; charset=utf-8",
                 f"{event.slug}-session-{session.pk}.ics")


def _public_version(request) -> bool:
    """The full list (with people who did not consent) only for the secretariat, and only when asked."""
    if request.GET.get("version") == "full":
        if not access.can_see_private_participant_details(request.user):
            raise DjangoPermissionDenied("The full list of participants is for the secretariat only.")
        return False
    return True


def participants_pdf(request, slug):
    event = _event(request, slug)
    public = _public_version(request)
    suffix = "" if public else "-full"
    return _file(pdf.participants_pdf(event, public=public), "application/pdf",
                 f"{event.slug}-participants{suffix}.pdf", inline=True)


def participants_csv(request, slug):
    event = _event(request, slug)
    public = _public_version(request)
    rows = lists.csv_rows(lists.participants(event, public=public))
    suffix = "" if public else "-full"
    return _file(exports.to_csv(lists.CSV_HEADER, rows), "text/csv; charset=utf-8",
                 f"{event.slug}-participants{suffix}.csv")


# --- registering ------------------------------------------------------------------------------

def open_events(request):
    rows = []
    for event in access.registrable_events(request.user).select_related("registration_settings", "cycle__forum"):
        if event.registration_settings.is_open():
            rows.append((event, services.capacity_of(event)))
    return render(request, "registration_app/open_events.html", {"rows": rows})


def _formset_rows(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def register(request, slug):
    """A focal point registers their delegation; anyone else may apply individually (if allowed)."""
    event = _event(request, slug)
    settings = RegistrationSettings.objects.filter(event=event).first()
    if settings is None:
        raise Http404("Registration is not available for this event.")
    organization = core_access.focal_organization(request.user)
    on_behalf = organization is None and access.can_manage_event(request.user) and request.GET.get("as") != "individual"
    kind = RegistrationKind.DELEGATION if organization is not None or on_behalf else RegistrationKind.INDIVIDUAL
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    default_email = getattr(request.user, "email", "") if request.user.is_authenticated else ""
    form_class = OnBehalfForm if on_behalf else DelegationForm if kind == RegistrationKind.DELEGATION else IndividualForm
    form = form_class(data, files, initial={"contact_email": default_email})
    formset = ParticipantFormSet(data, prefix="p", initial=None if data else [{}])
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = dict(form.cleaned_data)
        if on_behalf:
            organization = fields.pop("organization")
        try:
            registration = services.registration_submit(
                actor=request.user, event=event, kind=kind, organization=organization,
                participants=_formset_rows(formset), **fields)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you: your registration has been received and is pending review."))
            if request.user.is_authenticated:
                return redirect("registration:registration-detail", pk=registration.pk)
            return redirect(event.get_absolute_url())
    mine = []
    if request.user.is_authenticated:  # the secretariat sees only what it submitted itself here
        mine = access.visible_registrations(request.user, event)
        if access.can_manage_event(request.user):
            mine = mine.filter(submitted_by=request.user)
    context = {"event": event, "settings": settings, "is_open": settings.is_open(), "kind": kind,
               "organization": organization, "on_behalf": on_behalf, "form": form, "formset": formset, "mine": mine,
               "capacity": services.capacity_of(event)}
    return render(request, "registration_app/register.html", context)


@login_required
def registration_detail(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not access.can_view_registration(request.user, registration):
        raise Http404("No such registration")
    if registration.state == "offered" and services.offers_expire(actor=core_access.SYSTEM,
                                                                  event=registration.event):
        registration.refresh_from_db()  # the deadline passed: checked lazily on every view
    position = None
    if registration.state == "waitlisted":
        position = Registration.objects.filter(event=registration.event).waitlist().filter(
            waitlisted_at__lte=registration.waitlisted_at).exclude(
            waitlisted_at=registration.waitlisted_at, pk__gt=registration.pk).count()
    return render(request, "registration_app/registration_detail.html", {
        "registration": registration, "participants": registration.participants.all(), "position": position,
        "can_withdraw": services.REGISTRATION_TRANSITIONS.can(registration.state, "withdrawn"),
        "offer_deadline": services.format_deadline(registration) if registration.state == "offered" else "",
        "can_answer_offer": registration.state == "offered" and access.can_answer_offer(request.user, registration),
        "can_edit": registration.state in services.EDITABLE_STATES})


PARTICIPANT_FORM_FIELDS = ["honorific", "name", "title", "gender", "role", "attendance", "interpretation_language",
                           "accessibility_needs", "email", "consents_to_publication"]


@login_required
def registration_edit(request, pk):
    """The registrant (or the secretariat) changes the list of participants while still pending or waitlisted."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not access.can_withdraw_registration(request.user, registration):
        raise Http404("No such registration")
    if request.method == "POST":
        formset = ParticipantFormSet(request.POST, prefix="p")
        if formset.is_valid():
            try:
                services.registration_replace_participants(actor=request.user, registration=registration,
                                                           participants=_formset_rows(formset))
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The list of participants has been updated."))
                return redirect("registration:registration-detail", pk=pk)
    else:
        formset = ParticipantFormSet(prefix="p", initial=[
            {f: getattr(p, f) for f in PARTICIPANT_FORM_FIELDS} for p in registration.participants.all()])
    return render(request, "registration_app/registration_edit.html", {
        "registration": registration, "event": registration.event, "formset": formset,
        "kind": registration.kind})


@login_required
def nomination_letter(request, pk):
    """The uploaded note verbale, for the secretariat and the registrant only."""
    registration = get_object_or_404(Registration, pk=pk)
    if not access.can_view_registration(request.user, registration) or not registration.nomination_letter:
        raise Http404("No such document")
    return file_response(registration.nomination_letter, as_attachment=True)


@require_POST
@login_required
def registration_withdraw(request, pk):
    registration = get_object_or_404(Registration, pk=pk)
    if not access.can_view_registration(request.user, registration):
        raise Http404("No such registration")
    try:
        services.registration_withdraw(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The registration has been withdrawn."))
    return redirect("registration:registration-detail", pk=pk)


@require_POST
@login_required
def registration_offer(request, pk, answer):
    """Accept or decline an offered place (the registrant's focal point, or the secretariat)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not access.can_view_registration(request.user, registration) or answer not in ("accept", "decline"):
        raise Http404("No such registration")
    try:
        if answer == "accept":
            services.registration_offer_accept(actor=request.user, registration=registration)
        else:
            services.registration_offer_decline(actor=request.user, registration=registration,
                                                stay_on_waitlist=request.POST.get("stay_on_waitlist") == "1")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You have accepted the place: your registration is approved.")
                         if answer == "accept" else _("You have declined the place."))
    return redirect("registration:registration-detail", pk=pk)
