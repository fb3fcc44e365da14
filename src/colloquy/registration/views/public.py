"""Pages for focal points, applicants and the public: registering, printed programme, iCal, lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from colloquy.core.access import SYSTEM, focal_organization, is_secretariat
from colloquy.core.files import file_response
from colloquy.core.web import domain_errors
from colloquy.dialogues.calendar import event_calendar
from colloquy.dialogues.models import Event
from colloquy.registration import exports, lists, pdf, services
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
    return _file(pdf.programme_pdf(event, language=request.GET.get("lang")), "application/pdf", f"{event.slug}-programme.pdf", inline=True)


def session_ical(request, slug, pk):
    event = _event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    return _file(event_calendar(event, sessions=[session]), "text/calendar; charset=utf-8",
                 f"{event.slug}-session-{session.pk}.ics")


def _public_version(request) -> bool:
    """The full list (names of people who did not consent, e-mails, needs) only for the secretariat, and only
    when asked."""
    if request.GET.get("version") == "full":
        if not is_secretariat(request.user):
            raise DjangoPermissionDenied("The full list of participants is for the secretariat only.")
        return False
    return True


def participants_pdf(request, slug):
    event = _event(request, slug)
    public = _public_version(request)
    suffix = "" if public else "-full"
    return _file(pdf.participants_pdf(event, public=public, language=request.GET.get("lang")), "application/pdf",
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
    for settings in (RegistrationSettings.objects.visible_to(request.user).select_related("event__cycle__forum")
                     .order_by("event__start_date", "event__title")):
        if settings.is_open():
            rows.append((settings.event, services.capacity_of(settings.event)))
    return render(request, "registration_app/open_events.html", {"rows": rows})


def _formset_rows(formset) -> list[dict]:
    return [{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}  # the remove box is not a participant field
            for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


@domain_errors
def register(request, slug):
    """A focal point registers their delegation; anyone else may apply individually (if allowed)."""
    event = _event(request, slug)
    settings = RegistrationSettings.objects.filter(event=event).first()
    if settings is None:
        raise Http404("Registration is not available for this event.")
    organization = focal_organization(request.user)
    on_behalf = organization is None and is_secretariat(request.user) and request.GET.get("as") != "individual"
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
        registration = services.registration_submit(
            actor=request.user, event=event, kind=kind, organization=organization,
            participants=_formset_rows(formset), **fields)
        messages.success(request, _("Thank you: your registration has been received and is pending review."))
        if request.user.is_authenticated:
            return redirect("registration:registration-detail", pk=registration.pk)
        return redirect(event.get_absolute_url())
    mine = []
    if request.user.is_authenticated:  # the secretariat sees only what it submitted itself here
        mine = Registration.objects.filter(event=event).visible_to(request.user)
        if is_secretariat(request.user):
            mine = mine.filter(submitted_by=request.user)
    context = {"event": event, "settings": settings, "is_open": settings.is_open(), "kind": kind,
               "organization": organization, "on_behalf": on_behalf, "form": form, "formset": formset, "mine": mine,
               "capacity": services.capacity_of(event)}
    return render(request, "registration_app/register.html", context)


def _registration(request, pk) -> Registration:
    """A registration the user may see; any other is a 404 (never reveal that it exists)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not registration.is_visible_to(request.user):
        raise Http404("No such registration")
    return registration


@login_required
def registration_detail(request, pk):
    registration = _registration(request, pk)
    if registration.state == "offered" and services.offers_expire(actor=SYSTEM, event=registration.event):
        registration.refresh_from_db()  # the deadline passed: checked lazily on every view
    position = None
    if registration.state == "waitlisted":
        position = Registration.objects.filter(event=registration.event).waitlist().filter(
            waitlisted_at__lte=registration.waitlisted_at).exclude(
            waitlisted_at=registration.waitlisted_at, pk__gt=registration.pk).count()
    return render(request, "registration_app/registration_detail.html", {
        "registration": registration, "participants": registration.participants.all(), "position": position,
        "can_withdraw": services.REGISTRATION_TRANSITIONS.can(registration.state, "withdrawn"),
        "offer_deadline": registration.offer_deadline_text() if registration.state == "offered" else "",
        "can_answer_offer": registration.state == "offered" and registration.can_be_changed_by(request.user),
        "can_edit": registration.state in services.EDITABLE_STATES})


PARTICIPANT_FORM_FIELDS = ["honorific", "name", "title", "gender", "role", "attendance", "interpretation_language",
                           "accessibility_needs", "email", "consents_to_publication"]


@login_required
@domain_errors
def registration_edit(request, pk):
    """The registrant (or the secretariat) changes the list of participants while still pending or waitlisted."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not registration.can_be_changed_by(request.user):
        raise Http404("No such registration")
    if request.method == "POST":
        formset = ParticipantFormSet(request.POST, prefix="p")
        if formset.is_valid():
            services.registration_replace_participants(actor=request.user, registration=registration,
                                                       participants=_formset_rows(formset))
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
    registration = _registration(request, pk)
    if not registration.nomination_letter:
        raise Http404("No such document")
    return file_response(registration.nomination_letter, as_attachment=True)


@require_POST
@login_required
@domain_errors
def registration_withdraw(request, pk):
    registration = _registration(request, pk)
    services.registration_withdraw(actor=request.user, registration=registration)
    messages.success(request, _("The registration has been withdrawn."))
    return redirect("registration:registration-detail", pk=pk)


@require_POST
@login_required
@domain_errors
def registration_offer(request, pk, answer):
    """Accept or decline an offered place (the registrant's focal point, or the secretariat)."""
    registration = _registration(request, pk)
    if answer not in ("accept", "decline"):
        raise Http404("No such registration")
    if answer == "accept":
        services.registration_offer_accept(actor=request.user, registration=registration)
    else:
        services.registration_offer_decline(actor=request.user, registration=registration,
                                            stay_on_waitlist=request.POST.get("stay_on_waitlist") == "1")
    messages.success(request, _("You have accepted the place: your registration is approved.")
                     if answer == "accept" else _("You have declined the place."))
    return redirect("registration:registration-detail", pk=pk)
