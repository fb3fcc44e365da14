"""Secretariat screens: the events desk, programme editor (htmx), materials, registrations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Event, Session, SessionParticipant
from colloquy.dialogues.services import session_create
from colloquy.registration import access, exports, pdf, programme, services
from colloquy.registration.forms import MaterialForm, SessionForm, SessionPersonForm, SettingsForm
from colloquy.registration.interpretation import interpretation_plan, interpretation_warnings
from colloquy.registration.models import Registration, RegistrationSettings, RegistrationState


def _desk(request):
    if not access.can_manage_event(request.user):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            raise _LoginRedirect(redirect_to_login(request.get_full_path()))
        raise DjangoPermissionDenied("Only secretariat staff can use the events desk.")


class _LoginRedirect(Exception):
    def __init__(self, response):
        self.response = response


def desk_view(fn):
    """Secretariat only; domain errors become a message (htmx: re-rendered in place)."""
    from functools import wraps

    @wraps(fn)
    def wrapper(request, *args, **kwargs):
        try:
            _desk(request)
        except _LoginRedirect as exc:
            return exc.response
        return fn(request, *args, **kwargs)

    return wrapper


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@desk_view
def desk_index(request):
    events = Event.objects.select_related("cycle__forum").order_by("-start_date")[:200]
    return render(request, "registration_app/desk_index.html", {"events": events})


# --- programme editor ------------------------------------------------------------------------

def _editor_context(event, error=""):
    warnings = programme.event_programme_warnings(event)
    flagged = {pk for w in warnings for pk in w.session_ids}
    return {"event": event, "days": programme.programme_days(event, private=True), "flagged": flagged,
            "warnings": warnings, "session_form": SessionForm(
                initial={"date": event.start_date}), "person_form": SessionPersonForm(auto_id=False), "error": error}


def _editor_response(request, event, error=""):
    if is_htmx(request):
        return render(request, "registration_app/_programme_editor.html", _editor_context(event, error))
    if error:
        messages.error(request, error)
    return redirect("registration:programme-editor", slug=event.slug)


@desk_view
def programme_editor(request, slug):
    event = get_object_or_404(Event, slug=slug)
    return render(request, "registration_app/programme_editor.html", _editor_context(event))


def _form_error(form) -> str:
    return "; ".join(f"{'' if f == '__all__' else f + ': '}{' '.join(e)}" for f, e in form.errors.items())


@require_POST
@desk_view
def session_new(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, event, _form_error(form))
    try:
        session_create(actor=request.user, event=event, **form.cleaned_data)
    except DomainError as exc:
        return _editor_response(request, event, exc.message)
    return _editor_response(request, event)


@require_POST
@desk_view
def session_edit(request, pk):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    form = SessionForm(request.POST, instance=Session.objects.get(pk=pk))
    if not form.is_valid():
        return _editor_response(request, session.event, _form_error(form))
    try:
        programme.session_update(actor=request.user, session=session, **form.cleaned_data)
    except DomainError as exc:
        return _editor_response(request, session.event, exc.message)
    return _editor_response(request, session.event)


@require_POST
@desk_view
def session_delete(request, pk):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    event = session.event
    programme.session_delete(actor=request.user, session=session)
    return _editor_response(request, event)


@require_POST
@desk_view
def session_person_add(request, pk):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    form = SessionPersonForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, session.event, _form_error(form))
    try:
        programme.session_person_add(actor=request.user, session=session, **form.cleaned_data)
    except DomainError as exc:
        return _editor_response(request, session.event, exc.message)
    return _editor_response(request, session.event)


@require_POST
@desk_view
def session_person_change(request, pk, action):
    sp = get_object_or_404(SessionParticipant.objects.select_related("session__event"), pk=pk)
    event = sp.session.event
    if action == "remove":
        programme.session_participant_remove(actor=request.user, participant=sp)
    elif action in ("up", "down"):
        programme.session_participant_move(actor=request.user, participant=sp, direction=-1 if action == "up" else 1)
    else:
        raise Http404("Unknown action")
    return _editor_response(request, event)


# --- materials --------------------------------------------------------------------------------

@desk_view
def materials(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = MaterialForm(request.POST or None, request.FILES or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        session_pk = data.pop("session")
        session = event.sessions.filter(pk=session_pk).first() if session_pk else None
        try:
            doc = programme.material_upload(actor=request.user, event=event, session=session, **data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"“{doc.title}” attached.")
            return redirect("registration:materials", slug=event.slug)
    documents = event.documents.select_related("session").order_by("session__date", "session__start_time", "title")
    return render(request, "registration_app/materials.html", {"event": event, "form": form, "documents": documents})


# --- registrations ----------------------------------------------------------------------------

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
        r.offer_deadline = services.format_deadline(r) if r.state == RegistrationState.OFFERED else ""
    return {"event": event, "settings": settings, "settings_form": settings_form, "registrations": regs,
            "capacity": services.capacity_of(event), "summary": services.registration_summary(event),
            "languages": interpretation_plan(event), "language_warnings": interpretation_warnings(event),
            "states": RegistrationState, "htmx": htmx}


@desk_view
def registrations(request, slug):
    event = get_object_or_404(Event, slug=slug)
    return render(request, "registration_app/registrations.html", _registrations_context(event))


@require_POST
@desk_view
def settings_save(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            services.registration_settings_set(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Registration settings saved.")
            return redirect("registration:registrations", slug=event.slug)
    else:
        messages.error(request, _form_error(form))
    return render(request, "registration_app/registrations.html", _registrations_context(event, form))


@require_POST
@desk_view
def registration_state(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event = registration.event
    state = request.POST.get("state", "")
    try:
        services.registration_set_state(actor=request.user, registration=registration, state=state,
                                        note=request.POST.get("note", "")[:2000])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{registration.organization_name}: {RegistrationState(state).label.lower()}.")
    if is_htmx(request):
        return render(request, "registration_app/_registrations_panel.html", _registrations_context(event, htmx=True))
    return redirect("registration:registrations", slug=event.slug)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@desk_view
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
@desk_view
def badges(request, slug):
    event = get_object_or_404(Event, slug=slug)
    response = HttpResponse(pdf.badges_pdf(event), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-badges.pdf"'
    return response

