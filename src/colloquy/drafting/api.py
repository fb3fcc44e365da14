"""REST API for drafted documents, mounted at /api/documents: the secretariat drafts with a bearer token."""

from django.urls import reverse
from django.utils.translation import gettext
from ninja import Router
from ninja.responses import Status

from colloquy.accounts.auth import authenticated
from colloquy.core.access import require_secretariat
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Cycle, Event
from colloquy.drafting import services
from colloquy.drafting.models import Draft, DraftKind
from colloquy.drafting.render import FORMATS
from colloquy.drafting.schemas import DraftIn, DraftOut

router = Router(tags=["documents"])


def draft_out(draft: Draft) -> dict:
    cycle = draft.cycle or (draft.event.cycle if draft.event_id else None)
    return {
        "id": draft.pk, "kind": draft.kind, "language": draft.language, "version": draft.version, "state": draft.state,
        "title": draft.title, "body": draft.body, "symbol": draft.symbol,
        "event": draft.event.slug if draft.event_id else None,
        "cycle_year": cycle.year if cycle else None, "forum": cycle.forum.slug if cycle else None,
        "downloads": {fmt: reverse("drafting:download", args=[draft.pk, fmt]) for fmt in FORMATS},
    }


@router.post("/drafts", response={201: DraftOut}, auth=authenticated,
             summary="Draft a summary of conclusions (event) or a discussion note (forum and year) (secretariat)")
def create_draft(request, payload: DraftIn):
    require_secretariat(request.auth)
    if payload.kind == DraftKind.SUMMARY:
        if not payload.event:
            raise DomainError(gettext("A summary of conclusions needs the event's slug."), field="event")
        event = Event.objects.filter(slug=payload.event).first()
        if event is None:
            raise DomainError(gettext("No event with slug %(slug)s.") % {"slug": repr(payload.event)}, code="not_found",
                              field="event")
        target = {"event": event}
    else:
        if not payload.forum or not payload.year:
            raise DomainError(gettext("A discussion note needs the forum's slug and the year."), field="forum")
        cycle = Cycle.objects.filter(forum__slug=payload.forum, year=payload.year).first()
        if cycle is None:
            raise DomainError(gettext("No cycle %(year)s of a forum with slug %(slug)s.") % {
                "year": payload.year, "slug": repr(payload.forum)}, code="not_found", field="forum")
        target = {"cycle": cycle}
    draft = services.draft_generate(kind=payload.kind, language=payload.language, actor=request.auth, **target)
    return Status(201, draft_out(draft))
