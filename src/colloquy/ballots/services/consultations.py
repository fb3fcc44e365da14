"""Consultations: proposals by the secretariat, suggestions and comments by members, meetings with minutes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.ballots.models import (
    Consultation,
    ConsultationMeeting,
    ConsultationState,
    Proposal,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
)
from colloquy.core.access import focal_organization, require_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.translated import LANGUAGES, explicit_versions
from colloquy.core.validation import full_clean_or_raise
from colloquy.core.workflow import TransitionTable
from colloquy.dialogues.models import DocumentType, EventKind

CONSULTATION_TRANSITIONS = TransitionTable(
    {ConsultationState.OPEN: {ConsultationState.CLOSED}, ConsultationState.CLOSED: {ConsultationState.OPEN}},
    labels=dict(ConsultationState.choices),
)


@transaction.atomic
def consultation_create(*, actor, cycle, title: str, level: str = "overarching", description: str = "",
                        deadline=None) -> Consultation:
    require_secretariat(actor)
    if deadline is not None and timezone.is_naive(deadline):
        raise DomainError(gettext("Give the deadline as a date and time with its time zone."), field="deadline")
    if deadline is not None and deadline <= timezone.now():
        raise DomainError(gettext("The deadline is in the past; choose a later one."), field="deadline")
    consultation = Consultation(cycle=cycle, title=title.strip(), level=level, description=description,
                                deadline=deadline)
    full_clean_or_raise(consultation)
    consultation.save()
    audit.record(actor=actor, action="consultation.create", target=consultation, after=audit.snapshot(consultation))
    return consultation


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation, reopen: bool = False) -> Consultation:
    require_secretariat(actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    target = ConsultationState.OPEN if reopen else ConsultationState.CLOSED
    CONSULTATION_TRANSITIONS.check(consultation.state, target)
    before = audit.snapshot(consultation)
    consultation.state = target
    consultation.closed_at = None if reopen else timezone.now()
    consultation.save(update_fields=["state", "closed_at"])
    audit.record(actor=actor, action=f"consultation.{'reopen' if reopen else 'close'}", target=consultation,
                 before=before, after=audit.snapshot(consultation))
    return consultation


@transaction.atomic
def proposal_create(*, actor, consultation: Consultation, title: str, rationale: str = "", guiding_questions: str = "",
                    gcm_objectives=(), documents=(), versions=None) -> Proposal:
    """`versions`: French and Spanish versions, e.g. {"title_fr": ..., "rationale_es": ...} (core/translated.py)."""
    require_secretariat(actor)
    words = {"title": title.strip(), "rationale": rationale, "guiding_questions": guiding_questions} | (versions or {})
    proposal = Proposal(consultation=consultation, order=consultation.proposals.count(),
                        **explicit_versions(Proposal, words))
    full_clean_or_raise(proposal)
    proposal.save()
    proposal.gcm_objectives.set(gcm_objectives)
    proposal.documents.set(documents)
    after = audit.snapshot(proposal) | {
        "gcm_objectives": sorted(o.number for o in proposal.gcm_objectives.all()),
        "documents": sorted(d.pk for d in proposal.documents.all()),
    }
    audit.record(actor=actor, action="proposal.create", target=proposal, after=after)
    return proposal


@transaction.atomic
def suggestion_submit(*, actor, consultation: Consultation, text: str, title: str = "", proposal: Proposal | None = None) -> Suggestion:
    """A member's focal point submits an alternative proposal (no `proposal`) or a comment on one."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)  # its current state
    if not consultation.accepts_suggestions_from(actor):
        if not consultation.is_accepting():
            raise DomainError(gettext("This consultation is closed; suggestions are no longer accepted."), code="closed")
        raise PermissionDenied(gettext("Only focal points of members of this forum can submit suggestions."))
    if not text.strip():
        raise DomainError(gettext("Write the suggestion or comment: the text is empty."), field="text")
    if proposal is not None and proposal.consultation_id != consultation.pk:
        raise DomainError(gettext("That proposal belongs to another consultation."), field="proposal")
    kind = SuggestionKind.COMMENT if proposal is not None else SuggestionKind.ALTERNATIVE
    suggestion = Suggestion(consultation=consultation, proposal=proposal, organization=focal_organization(actor),
                            author=actor, kind=kind, title=title.strip(), text=text.strip())
    full_clean_or_raise(suggestion)
    suggestion.save()
    audit.record(actor=actor, action="suggestion.submit", target=suggestion, after=audit.snapshot(suggestion))
    return suggestion


def _pending(suggestion: Suggestion) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.PENDING:
        raise DomainError(gettext('This suggestion was already handled (%(lower)s).') % {'lower': suggestion.get_status_display().lower()},
                          code="transition")
    return suggestion


@transaction.atomic
def suggestion_merge(*, actor, suggestion: Suggestion, into: Proposal | None = None, note: str = "") -> Proposal:
    """Merge a suggestion into an existing proposal, or (no `into`) turn it into a new proposal."""
    require_secretariat(actor)
    suggestion = _pending(suggestion)
    before = audit.snapshot(suggestion)
    if into is None:
        into = proposal_create(actor=actor, consultation=suggestion.consultation,
                               title=suggestion.title or suggestion.text[:200], rationale=suggestion.text)
    elif into.consultation_id != suggestion.consultation_id:
        raise DomainError(gettext("A suggestion can only be merged into a proposal of the same consultation."))
    suggestion.status = SuggestionStatus.MERGED
    suggestion.merged_into = into
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=["status", "merged_into", "handled_at"])
    audit.record(actor=actor, action="suggestion.merge", target=suggestion, before=before,
                 after=audit.snapshot(suggestion), note=note)
    return into


@transaction.atomic
def suggestion_decline(*, actor, suggestion: Suggestion, reason: str) -> Suggestion:
    require_secretariat(actor)
    if not (reason or "").strip():
        raise DomainError(gettext("Give a reason for declining the suggestion; members see it."), field="reason")
    suggestion = _pending(suggestion)
    before = audit.snapshot(suggestion)
    suggestion.status = SuggestionStatus.DECLINED
    suggestion.decline_reason = reason.strip()
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=["status", "decline_reason", "handled_at"])
    audit.record(actor=actor, action="suggestion.decline", target=suggestion, before=before, after=audit.snapshot(suggestion))
    return suggestion


@transaction.atomic
def consultation_link_meeting(*, actor, consultation: Consultation, event, minutes=None) -> ConsultationMeeting:
    """Link an informal consultation meeting (Event of kind consultation) and, once written, its minutes."""
    require_secretariat(actor)
    if event.kind != EventKind.CONSULTATION:
        raise DomainError(gettext('“%(event)s” is a %(lower)s, not an informal consultation.') % {'event': event, 'lower': event.get_kind_display().lower()}, field="event")
    if event.cycle_id != consultation.cycle_id:
        raise DomainError(gettext("The meeting belongs to another cycle than the consultation."), field="event")
    if minutes is not None and minutes.doc_type != DocumentType.MINUTES:
        raise DomainError(gettext('“%(minutes)s” is not a minutes document (type: %(doc_type)s).') % {'minutes': minutes, 'doc_type': minutes.get_doc_type_display()}, field="minutes")
    meeting, created = ConsultationMeeting.objects.get_or_create(consultation=consultation, event=event)
    before = None if created else audit.snapshot(meeting)
    if minutes is not None:
        meeting.minutes = minutes
        meeting.save(update_fields=["minutes"])
    audit.record(actor=actor, action="consultation.link_meeting", target=meeting, before=before, after=audit.snapshot(meeting))
    return meeting


@transaction.atomic
def proposal_carry_over(*, actor, source: Proposal, consultation: Consultation, into: Proposal | None = None,
                        suggestion: Suggestion | None = None) -> Proposal:
    """Carry an earlier cycle's proposal over into `consultation`, in one action.

    - `into` (a proposal of `consultation` with a similar title): linked to the earlier one, and its empty
      rationale, questions, GCM objectives and documents filled in from it;
    - `suggestion` (a member's pending suggestion of `consultation`): a new proposal copied from the earlier one,
      and the suggestion merged into it;
    - neither: a new proposal copied from the earlier one.
    """
    require_secretariat(actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if source.consultation.cycle.forum_id != consultation.cycle.forum_id:
        raise DomainError(gettext("Only a proposal of the same forum can be carried over."), field="source")
    if source.consultation.cycle.year >= consultation.cycle.year:
        raise DomainError(gettext("Only a proposal of an earlier cycle can be carried over."), field="source")
    if consultation.proposals.filter(carried_from=source).exclude(pk=getattr(into, "pk", None)).exists():
        raise DomainError(gettext('“%(title)s” was already carried over into this consultation.') % {"title": source.title},
                          code="duplicate")
    if into is not None:
        if into.consultation_id != consultation.pk:
            raise DomainError(gettext("That proposal belongs to another consultation."), field="into")
        into = Proposal.objects.select_for_update().get(pk=into.pk)
        before = audit.snapshot(into)
        into.carried_from = source
        # each language's version by name (the plain names read and write the request's language)
        filled = [f"{name}_{lang}" for name in ("rationale", "guiding_questions") for lang in LANGUAGES]
        for name in filled:
            setattr(into, name, getattr(into, name) or getattr(source, name))
        into.save(update_fields=["carried_from", *filled, "rationale", "guiding_questions"])
        if not into.gcm_objectives.exists():
            into.gcm_objectives.set(source.gcm_objectives.all())
        if not into.documents.exists():
            into.documents.set(source.documents.all())
        audit.record(actor=actor, action="proposal.carry_over", target=into, before=before, after=audit.snapshot(into))
        return into
    proposal = Proposal(consultation=consultation, title=source.title, rationale=source.rationale,
                        guiding_questions=source.guiding_questions, order=consultation.proposals.count(),
                        carried_from=source)
    full_clean_or_raise(proposal)
    proposal.save()
    proposal.gcm_objectives.set(source.gcm_objectives.all())
    proposal.documents.set(source.documents.all())
    audit.record(actor=actor, action="proposal.carry_over", target=proposal, after=audit.snapshot(proposal))
    if suggestion is not None:
        if suggestion.consultation_id != consultation.pk:
            raise DomainError(gettext("That suggestion belongs to another consultation."), field="suggestion")
        suggestion_merge(actor=actor, suggestion=suggestion, into=proposal,
                         note=gettext("carried over from %(cycle)s") % {"cycle": source.consultation.cycle})
    return proposal
