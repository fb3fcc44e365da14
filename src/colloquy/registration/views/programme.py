"""The secretariat's programme editor (htmx) and the materials of an event.

The writes and the conflict checks are dialogue services (`colloquy.dialogues.services.sessions`).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from colloquy.core.web import domain_errors, is_htmx, secretariat_required
from colloquy.dialogues.models import Event, Session, SessionParticipant
from colloquy.dialogues.services import sessions
from colloquy.registration.forms import MaterialForm, SessionForm, SessionPersonForm, form_error
from colloquy.registration.programme import programme_days


def _editor_context(event, error=""):
    warnings = sessions.event_programme_warnings(event)
    flagged = {pk for w in warnings for pk in w.session_ids}
    return {"event": event, "days": programme_days(event, private=True), "flagged": flagged,
            "warnings": warnings, "session_form": SessionForm(
                initial={"date": event.start_date}), "person_form": SessionPersonForm(auto_id=False), "error": error}


def _editor_response(request, event, error=""):
    """htmx: the editor again (with the form's problem, if any); a full page: back to the editor."""
    if is_htmx(request):
        return render(request, "registration_app/_programme_editor.html", _editor_context(event, error))
    if error:
        messages.error(request, error)
    return redirect("registration:programme-editor", slug=event.slug)


@secretariat_required
def programme_editor(request, slug):
    event = get_object_or_404(Event, slug=slug)
    return render(request, "registration_app/programme_editor.html", _editor_context(event))


@require_POST
@secretariat_required
@domain_errors
def session_new(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, event, form_error(form))
    sessions.session_create(actor=request.user, event=event, **form.cleaned_data)
    return _editor_response(request, event)


@require_POST
@secretariat_required
@domain_errors
def session_edit(request, pk):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    form = SessionForm(request.POST, instance=Session.objects.get(pk=pk))
    if not form.is_valid():
        return _editor_response(request, session.event, form_error(form))
    sessions.session_update(actor=request.user, session=session, **form.cleaned_data)
    return _editor_response(request, session.event)


@require_POST
@secretariat_required
@domain_errors
def session_delete(request, pk):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    event = session.event
    sessions.session_delete(actor=request.user, session=session)
    return _editor_response(request, event)


@require_POST
@secretariat_required
@domain_errors
def session_person_add(request, pk):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    form = SessionPersonForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, session.event, form_error(form))
    sessions.session_person_add(actor=request.user, session=session, **form.cleaned_data)
    return _editor_response(request, session.event)


@require_POST
@secretariat_required
@domain_errors
def session_person_change(request, pk, action):
    sp = get_object_or_404(SessionParticipant.objects.select_related("session__event"), pk=pk)
    event = sp.session.event
    if action == "remove":
        sessions.session_participant_remove(actor=request.user, participant=sp)
    elif action in ("up", "down"):
        sessions.session_participant_move(actor=request.user, participant=sp, direction=-1 if action == "up" else 1)
    else:
        raise Http404("Unknown action")
    return _editor_response(request, event)


@secretariat_required
@domain_errors
def materials(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = MaterialForm(request.POST or None, request.FILES or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        session_pk = data.pop("session")
        session = event.sessions.filter(pk=session_pk).first() if session_pk else None
        doc = sessions.material_upload(actor=request.user, event=event, session=session, **data)
        messages.success(request, f"“{doc.title}” attached.")
        return redirect("registration:materials", slug=event.slug)
    documents = event.documents.select_related("session").order_by("session__date", "session__start_time", "title")
    return render(request, "registration_app/materials.html", {"event": event, "form": form, "documents": documents})
