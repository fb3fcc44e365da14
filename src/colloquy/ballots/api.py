"""REST API for theme selection (mounted at /api/ballots). Focal points authenticate with a bearer token.

Errors come back as {"detail": message, "code": key}: 400 for bad or tampered input (an option of another
ballot, too many approvals), 403 for an ineligible organization or a non-secretariat caller, 404 for unknown ids.
Schemas: schemas.py.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Query, Router, Status

from colloquy.accounts.auth import api_user, authenticated
from colloquy.ballots import memory, services
from colloquy.ballots.models import Ballot, Consultation, CurrentBallot, Proposal, Suggestion
from colloquy.ballots.results import ballot_results
from colloquy.ballots.schemas import (
    BallotIn,
    BallotOut,
    BallotPatch,
    CancelIn,
    CarryOverIn,
    CastIn,
    ConsultationIn,
    ConsultationOut,
    DecisionIn,
    DecisionOut,
    DeclineIn,
    MemoryOut,
    MergeIn,
    ProposalIn,
    ProposalOut,
    ReceiptOut,
    ResultsOut,
    SuggestionIn,
    SuggestionOut,
    VerifyOut,
)
from colloquy.ballots.services.cast_sql import visible_ballot_row
from colloquy.ballots.verify import verify_ballot
from colloquy.core.access import focal_organization, is_secretariat, require_secretariat
from colloquy.core.apischema import Id
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.ratelimit import limit_per_organization
from colloquy.dialogues.models import Cycle, Document
from colloquy.reference.models import GcmObjective

router = Router(tags=["ballots"])


def _caller(request):
    # On token-authenticated endpoints request.user is already the caller; api_user() serves public ones.
    return request.user if getattr(request.user, "is_authenticated", False) else api_user(request)


def _ballot(request, ballot_id: Id):
    ballot = Ballot.objects.select_related("cycle__forum").get_visible(_caller(request), ballot_id)
    if ballot is None:
        raise Http404("No such ballot.")
    return ballot


def _ballot_row(request, ballot_id: Id):
    """The ballot row alone, by a fixed statement: the cast path (services/cast_sql.py)."""
    ballot = visible_ballot_row(_caller(request), ballot_id)
    if ballot is None:
        raise Http404("No such ballot.")
    return ballot


def _receipt(row: CurrentBallot) -> dict:
    entry = row.log_entry
    return {"ballot": row.ballot_id, "organization": str(row.organization), "seq": entry.seq, "receipt": entry.entry_hash,
            "choice_digest": entry.choice_digest, "cast_at": row.cast_at, "cast_by": entry.user_label,
            "choices": list(row.choices)}


def _row(r) -> dict:
    return {"label": r.label, "eligible": r.eligible, "cast": r.cast, "percent": r.percent}


@router.get("/", response=list[BallotOut], summary="Ballots visible to the caller (drafts: secretariat only)")
def list_ballots(request):
    return Ballot.objects.visible_to(api_user(request)).select_related("cycle__forum").prefetch_related("options")


@router.get("/{int:ballot_id}", response=BallotOut)
def get_ballot(request, ballot_id: Id):
    return _ballot(request, ballot_id)


@router.post("/", response={201: BallotOut}, auth=authenticated, summary="Create a draft ballot (secretariat)")
def create_ballot(request, payload: BallotIn):
    data = payload.dict()
    cycle = get_object_or_404(Cycle, pk=data.pop("cycle_id"))
    consultation_id = data.pop("consultation_id")
    if consultation_id is not None:
        data["consultation"] = get_object_or_404(Consultation, pk=consultation_id)
    for key in ("method", "level", "eligibility", "secrecy", "results_visibility"):
        data[key] = str(data[key].value if hasattr(data[key], "value") else data[key])
    ballot = services.ballot_create(actor=request.user, cycle=cycle, **data)
    return Status(201, ballot)


@router.patch("/{int:ballot_id}", response=BallotOut, auth=authenticated,
              summary="Change a draft or open ballot (secretariat); the method is frozen after the first vote")
def update_ballot(request, ballot_id: Id, payload: BallotPatch):
    fields = {k: (v.value if hasattr(v, "value") else v) for k, v in payload.dict(exclude_unset=True).items()}
    return services.ballot_update(actor=request.user, ballot=_ballot(request, ballot_id), **fields)


@router.post("/{int:ballot_id}/open", response=BallotOut, auth=authenticated)
def open_ballot(request, ballot_id: Id):
    return services.ballot_open(actor=request.user, ballot=_ballot(request, ballot_id))


@router.post("/{int:ballot_id}/close", response=BallotOut, auth=authenticated)
def close_ballot(request, ballot_id: Id):
    return services.ballot_close(actor=request.user, ballot=_ballot(request, ballot_id))


@router.post("/{int:ballot_id}/cancel", response=BallotOut, auth=authenticated, summary="Cancel a draft or open ballot")
def cancel_ballot(request, ballot_id: Id, payload: CancelIn):
    return services.ballot_cancel(actor=request.user, ballot=_ballot(request, ballot_id), reason=payload.reason)


@router.post("/{int:ballot_id}/decide", response=DecisionOut, auth=authenticated)
def decide_ballot(request, ballot_id: Id, payload: DecisionIn):
    decision = services.ballot_decide(actor=request.user, ballot=_ballot(request, ballot_id), rationale=payload.rationale,
                                      adopt=payload.adopt, options=payload.options)
    return {"ballot": decision.ballot_id, "outcome": decision.outcome, "rationale": decision.rationale,
            "quorum_met": decision.quorum_met, "adopted": [o.label for o in decision.adopted_options.all()],
            "themes": [t.pk for t in decision.themes.all()]}


@router.post("/{int:ballot_id}/cast", response=ReceiptOut, auth=authenticated,
             summary="Cast or replace your organization's ballot; returns the receipt (log hash)")
def cast(request, ballot_id: Id, payload: CastIn):
    ballot = _ballot_row(request, ballot_id)
    org = focal_organization(request.user)  # loaded with the token (select_related), no extra query
    if org is None:
        raise PermissionDenied(gettext("Only focal points of member organizations can vote; your account has no organization."))
    limit_per_organization("cast", org.pk)
    entry = services.ballot_cast(ballot=ballot, member=org, choices=payload.choices, actor=request.user)
    return {"ballot": ballot.pk, "organization": str(org), "seq": entry.seq, "receipt": entry.entry_hash,
            "choice_digest": entry.choice_digest, "cast_at": entry.at, "cast_by": entry.user_label,
            "choices": list(entry.choices)}


@router.get("/{int:ballot_id}/receipt", response=ReceiptOut, auth=authenticated,
            summary="Your organization's current ballot and its receipt")
def receipt(request, ballot_id: Id):
    ballot = _ballot_row(request, ballot_id)
    org = focal_organization(request.user)  # loaded with the token (select_related), no extra query
    row = CurrentBallot.objects.select_related("log_entry", "organization").filter(ballot=ballot, organization=org).first()
    if row is None:
        raise DomainError(gettext("Your organization has not voted on this ballot."), code="not_found")
    return _receipt(row)


@router.get("/{int:ballot_id}/results", response=ResultsOut)
def results(request, ballot_id: Id):
    ballot = _ballot(request, ballot_id)
    if not ballot.results_visible_to(api_user(request)):
        raise PermissionDenied(gettext("Results of this ballot are published after the close."), code="results_not_published")
    res = ballot_results(ballot)
    labels = res.labels
    return {
        "ballot": ballot.pk, "state": ballot.state, "method": ballot.method,
        "counts": [{"option": r.id, "label": r.label, "votes": r.votes} for r in res.rows],
        "winner": res.winner_label or None, "tied": [labels[o] for o in res.tally.tied],
        "rounds": [{**r, "counts": dict(r["counts"])} for r in res.rounds],
        "turnout": _row(res.total), "by_region": [_row(r) for r in res.by_region],
        "by_status": [_row(r) for r in res.by_status], "quorum_needed": res.quorum_needed, "quorum_met": res.quorum_met,
    }


@router.get("/{int:ballot_id}/verify", response=VerifyOut, auth=authenticated,
            summary="Recompute the hash chain and tally from the log (secretariat)")
def verify(request, ballot_id: Id):
    if not is_secretariat(request.user):
        raise PermissionDenied(gettext("Only secretariat staff can run the verification."))
    report = verify_ballot(_ballot(request, ballot_id))
    return {"ballot": report.ballot_id, "ok": report.ok, "entries": report.entries, "casts": report.casts,
            "refusals": report.refusals, "problems": report.problems}


@router.post("/consultations/{int:consultation_id}/suggestions", response={201: SuggestionOut}, auth=authenticated)
def suggest(request, consultation_id: Id, payload: SuggestionIn):
    consultation = get_object_or_404(Consultation.objects.visible_to(request.user), pk=consultation_id)
    proposal = get_object_or_404(Proposal, pk=payload.proposal_id) if payload.proposal_id else None
    suggestion = services.suggestion_submit(actor=request.user, consultation=consultation, text=payload.text,
                                            title=payload.title, proposal=proposal)
    return Status(201, suggestion)


@router.post("/consultations", response={201: ConsultationOut}, auth=authenticated, summary="Open a consultation (secretariat)")
def create_consultation(request, payload: ConsultationIn):
    require_secretariat(request.user)  # before any lookup: a 404 would tell others which ids exist
    cycle = get_object_or_404(Cycle, pk=payload.cycle_id)
    consultation = services.consultation_create(actor=request.user, cycle=cycle, title=payload.title,
                                                level=str(payload.level.value), description=payload.description,
                                                deadline=payload.deadline)
    return Status(201, consultation)


@router.post("/consultations/{int:consultation_id}/proposals", response={201: ProposalOut}, auth=authenticated,
             summary="Add a proposal (secretariat)")
def create_proposal(request, consultation_id: Id, payload: ProposalIn):
    require_secretariat(request.user)  # before any lookup: a 404 would tell others which ids exist
    consultation = get_object_or_404(Consultation, pk=consultation_id)
    objectives = list(GcmObjective.objects.filter(number__in=payload.gcm_objectives))
    missing = sorted(set(payload.gcm_objectives) - {o.number for o in objectives})
    if missing:
        raise DomainError(gettext('Unknown GCM objective number(s): %(join)s (there are 23).') % {'join': ', '.join(map(str, missing))},
                          field="gcm_objectives")
    documents = list(Document.objects.visible_to(request.user).filter(pk__in=payload.document_ids))
    if len(documents) != len(set(payload.document_ids)):
        raise DomainError(gettext("One or more document ids do not exist."), field="document_ids")
    proposal = services.proposal_create(actor=request.user, consultation=consultation, title=payload.title,
                                        rationale=payload.rationale, guiding_questions="\n".join(payload.guiding_questions),
                                        gcm_objectives=objectives, documents=documents)
    return Status(201, proposal)


@router.post("/suggestions/{int:suggestion_id}/merge", response=ProposalOut, auth=authenticated)
def merge_suggestion(request, suggestion_id: Id, payload: MergeIn):
    require_secretariat(request.user)  # before any lookup: a 404 would tell others which ids exist
    suggestion = get_object_or_404(Suggestion, pk=suggestion_id)
    into = get_object_or_404(Proposal, pk=payload.into_proposal_id) if payload.into_proposal_id else None
    return services.suggestion_merge(actor=request.user, suggestion=suggestion, into=into)


@router.post("/suggestions/{int:suggestion_id}/decline", response=SuggestionOut, auth=authenticated)
def decline_suggestion(request, suggestion_id: Id, payload: DeclineIn):
    require_secretariat(request.user)  # before any lookup: a 404 would tell others which ids exist
    suggestion = get_object_or_404(Suggestion, pk=suggestion_id)
    return services.suggestion_decline(actor=request.user, suggestion=suggestion, reason=payload.reason)


# --- theme memory (ballots/memory.py, docs/ballots.md) -------------------------------------------------------------


def _memory_out(m: memory.Memory) -> dict:
    proposal = m.proposal
    return {"proposal_id": proposal.pk, "title": proposal.title, "rationale": proposal.rationale,
            "forum": str(m.cycle.forum), "cycle_year": m.cycle.year, "selected": m.selected,
            "total_votes": m.total_votes, "score": round(m.score, 3), "matched_on": m.how}


@router.get("/consultations/{int:consultation_id}/proposed-before", response=list[MemoryOut],
            summary="Themes like TITLE proposed in earlier cycles of the forum, with their votes and whether selected")
def proposed_before(request, consultation_id: Id, title: str = Query(..., min_length=1, max_length=300)):
    user = api_user(request)
    consultation = get_object_or_404(Consultation.objects.visible_to(user), pk=consultation_id)
    visible = set(Consultation.objects.visible_to(user).values_list("pk", flat=True))
    return [_memory_out(m) for m in memory.earlier_proposals(consultation, title, user)
            if m.proposal.consultation_id in visible]


@router.get("/cycles/{int:cycle_id}/not-selected", response=list[MemoryOut],
            summary="Every theme proposed in the cycle's closed consultations that no decision selected")
def not_selected(request, cycle_id: Id):
    user = api_user(request)
    cycle = get_object_or_404(Cycle.objects.visible_to(user), pk=cycle_id)
    return [_memory_out(m) for m in memory.not_selected(cycle, user)]


@router.post("/consultations/{int:consultation_id}/carry-over", response={201: ProposalOut}, auth=authenticated,
             summary="Carry an earlier cycle's proposal over into this consultation (secretariat)")
def carry_over(request, consultation_id: Id, payload: CarryOverIn):
    require_secretariat(request.user)  # before any lookup: a 404 would tell others which ids exist
    consultation = get_object_or_404(Consultation, pk=consultation_id)
    source = get_object_or_404(Proposal, pk=payload.source_proposal_id)
    into = get_object_or_404(Proposal, pk=payload.into_proposal_id) if payload.into_proposal_id else None
    suggestion = get_object_or_404(Suggestion, pk=payload.suggestion_id) if payload.suggestion_id else None
    proposal = services.proposal_carry_over(actor=request.user, source=source, consultation=consultation, into=into,
                                            suggestion=suggestion)
    return Status(201, proposal)
