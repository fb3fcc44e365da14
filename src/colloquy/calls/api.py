"""REST API for calls to members, mounted at /api/calls. Focal points see the calls of their forums and their own
answers; the secretariat sees everything and decides. Everything needs a token or a signed-in session."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.responses import Status

from colloquy.accounts.auth import authenticated
from colloquy.calls import services
from colloquy.calls.models import Call, CallResponse
from colloquy.calls.schemas import (
    CallDeadlineIn,
    CallDecisionIn,
    CallIn,
    CallOut,
    CallResponseIn,
    CallResponseOut,
)
from colloquy.core.access import require_secretariat
from colloquy.core.apischema import Id
from colloquy.dialogues.models import Cycle, Event, Session

router = Router(tags=["calls"], auth=authenticated)


def _call_out(call: Call) -> dict:
    return {"id": call.pk, "kind": call.kind, "title": call.title, "description": call.description,
            "event_id": call.event_id, "cycle_id": call.cycle_id, "deadline": call.deadline, "state": call.state,
            "accepting": call.is_accepting()}


def _response_out(r: CallResponse) -> dict:
    return {"id": r.pk, "call_id": r.call_id, "organization": r.organization.name, "organization_id": r.organization_id,
            "status": r.status, "name": r.name, "affiliation": r.affiliation, "title": r.title, "country": r.country,
            "summary": r.summary, "has_file": bool(r.file), "created_at": r.created_at,
            "session_participant_id": r.participant_id, "good_practice_id": r.good_practice_id, "consent": r.consent}


@router.get("", response=list[CallOut], summary="Calls the caller may see")
def list_calls(request):
    return [_call_out(c) for c in Call.objects.visible_to(request.auth)]


@router.post("", response={201: CallOut}, summary="Open a call (secretariat)")
def open_call(request, payload: CallIn):
    require_secretariat(request.auth)  # before any lookup: a 404 would tell others which ids exist
    event = get_object_or_404(Event, pk=payload.event_id) if payload.event_id else None
    cycle = get_object_or_404(Cycle, pk=payload.cycle_id) if payload.cycle_id else None
    call = services.call_open(actor=request.auth, kind=payload.kind.value, title=payload.title,
                              description=payload.description, event=event, cycle=cycle, deadline=payload.deadline)
    return Status(201, _call_out(call))


@router.get("/{call_id}", response=CallOut, summary="One call")
def get_call(request, call_id: Id):
    return _call_out(get_object_or_404(Call.objects.visible_to(request.auth), pk=call_id))


@router.post("/{call_id}/deadline", response=CallOut,
             summary="Reopen a closed call with a new deadline, or extend an open call's deadline (secretariat)")
def set_deadline(request, call_id: Id, payload: CallDeadlineIn):
    require_secretariat(request.auth)  # before any lookup: a 404 would tell others which ids exist
    call = get_object_or_404(Call, pk=call_id)
    return _call_out(services.call_set_deadline(actor=request.auth, call=call, deadline=payload.deadline,
                                                note=payload.note))


@router.get("/{call_id}/responses", response=list[CallResponseOut], summary="Answers to a call the caller may see")
def list_responses(request, call_id: Id):
    call = get_object_or_404(Call.objects.visible_to(request.auth), pk=call_id)
    return [_response_out(r) for r in CallResponse.objects.visible_to(request.auth).filter(call=call)
            .select_related("organization")]


@router.post("/{call_id}/responses", response={201: CallResponseOut}, summary="Answer a call (a member's focal point)")
def answer_call(request, call_id: Id, payload: CallResponseIn):
    call = get_object_or_404(Call.objects.visible_to(request.auth), pk=call_id)
    response = services.response_submit(actor=request.auth, call=call, **payload.dict())
    return Status(201, _response_out(response))


@router.post("/responses/{response_id}/decision", response=CallResponseOut, summary="Shortlist, accept or decline (secretariat)")
def decide(request, response_id: Id, payload: CallDecisionIn):
    require_secretariat(request.auth)  # before any lookup: a 404 would tell others which ids exist
    response = get_object_or_404(CallResponse.objects.visible_to(request.auth), pk=response_id)
    session = get_object_or_404(Session, pk=payload.session_id) if payload.session_id else None
    response = services.response_decide(actor=request.auth, response=response, status=payload.status.value,
                                        note=payload.note, session=session, role=payload.role)
    return _response_out(response)
