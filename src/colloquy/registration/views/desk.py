"""The secretariat's events desk: the list of events, registrations and their decisions, exports and badges."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from colloquy.core.access import SYSTEM
from colloquy.core.hooks import panels
from colloquy.core.web import domain_errors, is_htmx, secretariat_required
from colloquy.dialogues.browse import EventFilterForm, events_filtered
from colloquy.dialogues.models import Event
from colloquy.registration import exports, pdf, services
from colloquy.registration.forms import SettingsForm, form_error
from colloquy.registration.interpretation import interpretation_plan, interpretation_warnings
from colloquy.registration.models import Registration, RegistrationSettings, RegistrationState


@secretariat_required
def desk_index(request):
    """What waits first (each app's `secretariat_desk_panel`), then the event table with the public filters."""
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = events_filtered(request.user, data).order_by("-start_date")[:200] if not form.errors else []
    return render(request, "registration_app/desk_index.html", {
        "events": events, "form": form, "panels": panels("secretariat_desk", request, timezone.localdate()),
    }, status=400 if form.errors else 200)


def _registrations_context(event, settings_form=None, htmx=False):
    services.offers_expire(actor=SYSTEM, event=event)  # deadlines are also checked lazily, on every view
    settings = RegistrationSettings.objects.filter(event=event).first()
    if settings_form is None:
        initial = {"waitlist_enabled": True, "individual_applications": True}
        if settings:
            initial = {f: getattr(settings, f) for f in services.SETTINGS_FIELDS}
        settings_form = SettingsForm(initial=initial)
    regs = (Registration.objects.filter(event=event).with_seats().select_related("submitted_by")
            .prefetch_related("participants").order_by("state", "waitlisted_at", "created_at"))
    regs = list(regs)
    for r in regs:
        r.allowed_states = services.REGISTRATION_TRANSITIONS.allowed(r.state) - {RegistrationState.EXPIRED}
        r.offer_deadline = r.offer_deadline_text() if r.state == RegistrationState.OFFERED else ""
    return {"event": event, "settings": settings, "settings_form": settings_form, "registrations": regs,
            "capacity": services.capacity_of(event), "summary": services.registration_summary(event),
            "languages": interpretation_plan(event), "language_warnings": interpretation_warnings(event),
            "states": RegistrationState, "htmx": htmx}


@secretariat_required
def registrations(request, slug):
    event = get_object_or_404(Event, slug=slug)
    return render(request, "registration_app/registrations.html", _registrations_context(event))


@require_POST
@secretariat_required
@domain_errors
def settings_save(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error(form))
        return render(request, "registration_app/registrations.html", _registrations_context(event, form))
    services.registration_settings_set(actor=request.user, event=event, **form.cleaned_data)
    messages.success(request, gettext("Registration settings saved."))
    return redirect("registration:registrations", slug=event.slug)


@require_POST
@secretariat_required
@domain_errors
def registration_state(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event = registration.event
    state = request.POST.get("state", "")
    services.registration_set_state(actor=request.user, registration=registration, state=state,
                                    note=request.POST.get("note", "")[:2000])
    messages.success(request, gettext('%(organization_name)s: %(lower)s.') % {'organization_name': registration.organization_name, 'lower': RegistrationState(state).label.lower()})
    if is_htmx(request):
        return render(request, "registration_app/_registrations_panel.html", _registrations_context(event, htmx=True))
    return redirect("registration:registrations", slug=event.slug)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@secretariat_required
def registrations_export(request, slug, fmt):
    event = get_object_or_404(Event, slug=slug)
    if fmt == "csv":
        return _download(exports.registrations_csv(event), "text/csv; charset=utf-8", f"{event.slug}-registrations.csv")
    if fmt == "xlsx":
        return _download(exports.registrations_xlsx(event),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         f"{event.slug}-registrations.xlsx")
    raise Http404("Unknown format")


@require_GET
@secretariat_required
def badges(request, slug):
    event = get_object_or_404(Event, slug=slug)
    response = HttpResponse(pdf.badges_pdf(event, language=request.GET.get("lang")), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-badges.pdf"'
    return response
