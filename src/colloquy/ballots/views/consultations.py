"""Consultation pages: proposals with their rationale, questions, GCM objectives and documents; members'
suggestions; the secretariat merges or declines them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from colloquy.ballots import memory, services
from colloquy.ballots.forms import ConsultationForm, ProposalForm, SuggestionForm
from colloquy.ballots.models import Ballot, Consultation, Proposal, Suggestion
from colloquy.core.access import is_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.web import domain_errors, secretariat_required
from colloquy.dialogues.models import Document, DocumentType, Event, EventKind


@login_required
def consultation_detail(request, pk):
    consultation = get_object_or_404(Consultation.objects.visible_to(request.user).select_related("cycle__forum"), pk=pk)
    manage = is_secretariat(request.user)
    proposals = list(consultation.proposals.prefetch_related("gcm_objectives", "documents", "comments__organization")
                     .select_related("carried_from__consultation__cycle"))
    suggestions = list(consultation.suggestions.select_related("organization", "merged_into").filter(proposal__isnull=True))
    for proposal in proposals:
        proposal.memory = [m for m in memory.earlier_proposals(consultation, proposal.title, request.user)
                           if m.proposal.pk != proposal.carried_from_id]
    for suggestion in suggestions:
        suggestion.memory = memory.earlier_proposals(consultation, suggestion.title or suggestion.text[:200],
                                                     request.user) if suggestion.status == "pending" else []
    return render(request, "ballots/consultation.html", {
        "consultation": consultation,
        "proposals": proposals,
        "suggestions": suggestions,
        "meetings": consultation.meetings.select_related("event", "minutes"),
        "ballots": Ballot.objects.visible_to(request.user).filter(consultation=consultation),
        "can_suggest": consultation.accepts_suggestions_from(request.user),
        "can_manage": manage,
        "form": SuggestionForm(),
        "proposal_form": ProposalForm() if manage else None,
        "meeting_events": Event.objects.filter(cycle=consultation.cycle, kind=EventKind.CONSULTATION) if manage else [],
        "minutes_documents": Document.objects.filter(doc_type=DocumentType.MINUTES, cycle=consultation.cycle)
        | Document.objects.filter(doc_type=DocumentType.MINUTES, event__cycle=consultation.cycle)
        if manage else [],
    })


@secretariat_required
def consultation_create(request):
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:  # shown above the form, the input kept
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Consultation opened. Add the proposals."))
            return redirect(consultation)
    return render(request, "ballots/consultation_form.html", {"form": form}, status=400 if form.errors else 200)


# Action URLs: a GET redirects to the consultation page (see views/__init__.py).


@secretariat_required
@domain_errors
def proposal_create(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    if request.method != "POST":
        return redirect(consultation)
    form = ProposalForm(request.POST)
    if form.is_valid():
        fields, versions = form.split()
        proposal = services.proposal_create(actor=request.user, consultation=consultation, versions=versions, **fields)
        messages.success(request, gettext("Proposal added."))
        if memory.earlier_proposals(consultation, proposal.title, request.user):
            messages.info(request, gettext("This theme was proposed before: its history is shown under the proposal."))
    else:
        messages.error(request, gettext("The proposal needs a title."))
    return redirect(consultation)


@secretariat_required
@domain_errors
def consultation_toggle(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    if request.method != "POST":
        return redirect(consultation)
    services.consultation_close(actor=request.user, consultation=consultation, reopen=not consultation.is_open)
    return redirect(consultation)


@login_required
@domain_errors
def suggestion_submit(request, pk):
    consultation = get_object_or_404(Consultation.objects.visible_to(request.user), pk=pk)
    if request.method != "POST":
        return redirect(consultation)
    form = SuggestionForm(request.POST)
    if form.is_valid():
        proposal = None
        if form.cleaned_data["proposal"]:
            proposal = Proposal.objects.filter(pk=form.cleaned_data["proposal"]).first()
        services.suggestion_submit(actor=request.user, consultation=consultation, text=form.cleaned_data["text"],
                                   title=form.cleaned_data["title"], proposal=proposal)
        messages.success(request, gettext("Thank you: your suggestion was recorded."))
    else:
        messages.error(request, gettext("Write the suggestion or comment: the text is empty."))
    return redirect(consultation)


@secretariat_required
@domain_errors
def suggestion_merge(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    if request.method != "POST":
        return redirect(suggestion.consultation)
    into = None
    if request.POST.get("into"):
        into = get_object_or_404(Proposal, pk=request.POST["into"])
    proposal = services.suggestion_merge(actor=request.user, suggestion=suggestion, into=into)
    messages.success(request, gettext('Merged into “%(proposal)s”.') % {'proposal': proposal})
    return redirect(suggestion.consultation)


@secretariat_required
@domain_errors
def suggestion_decline(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    if request.method != "POST":
        return redirect(suggestion.consultation)
    services.suggestion_decline(actor=request.user, suggestion=suggestion, reason=request.POST.get("reason", ""))
    messages.success(request, gettext("Suggestion declined; the reason is shown to members."))
    return redirect(suggestion.consultation)


@secretariat_required
@domain_errors
def meeting_link(request, pk):
    """Link an informal consultation meeting (an event of kind consultation) and its minutes."""
    consultation = get_object_or_404(Consultation, pk=pk)
    if request.method != "POST":
        return redirect(consultation)
    event_id = request.POST.get("event", "")
    event = Event.objects.filter(pk=int(event_id)).first() if event_id.isdigit() else None
    minutes_id = request.POST.get("minutes", "")
    minutes = Document.objects.filter(pk=int(minutes_id)).first() if minutes_id.isdigit() else None
    if event is None:
        messages.error(request, gettext("Choose the consultation meeting (an event of kind “Informal consultation”)."))
        return redirect(consultation)
    services.consultation_link_meeting(actor=request.user, consultation=consultation, event=event, minutes=minutes)
    messages.success(request, gettext('Linked “%(event)s”.') % {'event': event})
    return redirect(consultation)


@secretariat_required
@domain_errors
def proposal_carry_over(request, pk):
    """Carry an earlier cycle's proposal over: into a proposal here, from a member's suggestion, or as a new one."""
    consultation = get_object_or_404(Consultation, pk=pk)
    if request.method != "POST":
        return redirect(consultation)
    source = get_object_or_404(Proposal, pk=_id(request.POST.get("source")))
    into = suggestion = None
    if request.POST.get("into"):
        into = get_object_or_404(Proposal, pk=_id(request.POST["into"]))
    if request.POST.get("suggestion"):
        suggestion = get_object_or_404(Suggestion, pk=_id(request.POST["suggestion"]))
    proposal = services.proposal_carry_over(actor=request.user, source=source, consultation=consultation, into=into,
                                            suggestion=suggestion)
    messages.success(request, gettext('“%(title)s” carried over from %(cycle)s.')
                     % {"title": proposal.title, "cycle": source.consultation.cycle})
    return redirect(consultation)


def _id(value) -> int:
    """A posted id, or 0 (which matches nothing: a 404)."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else 0
