"""Calls pages: the list, opening a call, a call with its answers (the member answers; the secretariat decides),
an answer's file, and the speaker's consent page reached from the e-mailed link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from colloquy.calls import services
from colloquy.calls.forms import CallForm, DeadlineForm, DecideForm, ResponseForm
from colloquy.calls.models import Call, CallKind, CallResponse, ResponseStatus
from colloquy.calls.services import RESPONSE_TRANSITIONS
from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.files import file_response
from colloquy.core.web import domain_errors, secretariat_required
from colloquy.dialogues.models import Session, SessionRole


@login_required
def call_list(request):
    calls = Call.objects.visible_to(request.user).select_related("event__cycle__forum", "cycle__forum")
    return render(request, "calls/list.html", {"calls": calls, "can_manage": is_secretariat(request.user)})


@secretariat_required
def call_create(request):
    initial = {}
    if request.GET.get("event", "").isdigit():
        initial["event"] = request.GET["event"]
    form = CallForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_open(actor=request.user, **form.cleaned_data)
        except DomainError as exc:  # shown above the form, the input kept
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Call opened. Members' focal points see it on their desk."))
            return redirect(call)
    return render(request, "calls/create.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request, call, form=None, status=200, deadline_form=None):
    manage = is_secretariat(request.user)
    responses = CallResponse.objects.visible_to(request.user).filter(call=call).select_related(
        "organization", "participant__session", "good_practice")
    for response in responses:
        response.next_states = sorted(RESPONSE_TRANSITIONS.allowed(response.status)) if manage else []
    can_answer = call.accepts_answers_from(request.user)
    return render(request, "calls/detail.html", {
        "call": call, "responses": responses, "can_manage": manage, "can_answer": can_answer,
        "form": form or (ResponseForm(kind=call.kind) if can_answer else None),
        "sessions": Session.objects.filter(event=call.event) if manage and call.event_id else [],
        "roles": SessionRole.choices, "speakers": call.kind == CallKind.SPEAKERS,
        "organization": focal_organization(request.user),
        "deadline_form": deadline_form or (DeadlineForm() if manage else None),
    }, status=status)


@login_required
def call_detail(request, pk):
    call = get_object_or_404(Call.objects.visible_to(request.user).select_related("event__cycle__forum", "cycle__forum"),
                             pk=pk)
    return _detail(request, call)


@secretariat_required
@require_POST
def call_deadline(request, pk):
    """Reopen a closed call with a new deadline, or extend an open call's deadline (services.call_set_deadline)."""
    call = get_object_or_404(Call.objects.select_related("event__cycle__forum", "cycle__forum"), pk=pk)
    reopening = not call.is_accepting()
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.call_set_deadline(actor=request.user, call=call, **form.cleaned_data)
        except DomainError as exc:  # shown on the form, the input kept
            form.add_error("deadline" if exc.field == "deadline" else None, exc.message)
        else:
            messages.success(request, gettext("The call is open again until its new deadline.") if reopening
                             else gettext("The deadline is extended."))
            return redirect(call)
    return _detail(request, call, status=400, deadline_form=form)


@login_required
@domain_errors
def response_submit(request, pk):
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=pk)
    if request.method != "POST":
        return redirect(call)
    form = ResponseForm(request.POST, request.FILES, kind=call.kind)
    if form.is_valid():
        try:
            services.response_submit(actor=request.user, call=call, **form.cleaned_data)
        except DomainError as exc:  # shown on the form, the input kept
            if exc.code == "closed" or exc.status == 403:
                raise
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, gettext("Thank you: your answer was sent to the secretariat."))
            return redirect(call)
    return _detail(request, call, form=form, status=400)


@secretariat_required
@require_POST
@domain_errors
def response_decide(request, pk):
    response = get_object_or_404(CallResponse.objects.select_related("call"), pk=pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose what to do with the answer."))
        return redirect(response.call)
    data = form.cleaned_data
    session = None
    if data["session"]:
        session = Session.objects.filter(pk=data["session"]).first()
    services.response_decide(actor=request.user, response=response, status=data["status"], note=data["note"],
                             session=session, role=data["role"] or SessionRole.SPEAKER)
    response.refresh_from_db()
    if response.status == ResponseStatus.ACCEPTED and response.participant_id:
        messages.success(request, gettext("Accepted: %(name)s is in the programme; their consent was asked by e-mail.")
                         % {"name": response.name})
    elif response.status == ResponseStatus.ACCEPTED and response.good_practice_id:
        messages.success(request, gettext("Accepted: the case study is a good-practice draft."))
    else:
        messages.success(request, gettext("Answer: %(status)s.") % {"status": response.get_status_display()})
    return redirect(response.call)


@login_required
def response_file(request, pk):
    response = get_object_or_404(CallResponse.objects.visible_to(request.user), pk=pk)
    if not response.file:
        raise Http404("No file.")
    return file_response(response.file, as_attachment=True)


@never_cache  # a person's name and a private link: no shared cache keeps it
@domain_errors
def consent(request, token):
    """The speaker's answer to the e-mailed question: may their name be published in the programme?"""
    response = services.response_from_consent_token(token)
    if request.method == "POST":
        agree = request.POST.get("answer") == "yes"
        response = services.speaker_answer_consent(token=token, agree=agree)
        return render(request, "calls/consent_done.html", {"response": response, "agree": agree})
    return render(request, "calls/consent.html", {"response": response, "session": response.participant.session})
