from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router

from colloquy.accounts.auth import api_user
from colloquy.core.apischema import Limit, Offset, Year
from colloquy.core.browse import api_page, cleaned_or_error
from colloquy.dialogues.browse import EventFilterForm, events_filtered
from colloquy.dialogues.models import Cycle, Document, Event, Forum
from colloquy.dialogues.schemas import (
    CycleOut,
    DocumentOut,
    EventDetailOut,
    EventOut,
    ForumOut,
)
from colloquy.dialogues.versions import versions_by_symbol

router = Router(tags=["record"])


@router.get("/forums", response=list[ForumOut])
def list_forums(request):
    return Forum.objects.all()


@router.get("/cycles", response=list[CycleOut])
def list_cycles(request, forum: str | None = None):
    qs = Cycle.objects.visible_to(api_user(request)).select_related("forum")
    if forum:
        qs = qs.filter(forum__slug=forum)
    return qs


@router.get("/events", response=list[EventOut])
def list_events(request, response: HttpResponse, forum: str | None = None, year: Year | None = None,
                year_from: Year | None = None, year_to: Year | None = None, kind: str | None = None,
                status: str | None = None, country: str | None = None, q: str | None = None,
                limit: Limit = 500, offset: Offset = 0):
    """Published events, newest year first, with the filters of the /events/ page (`year` = one year).
    The total is in the `X-Total-Count` header; page with `limit` (at most 1000) and `offset`."""
    if year is not None:
        year_from = year_to = year
    data = cleaned_or_error(EventFilterForm, {
        "forum": forum, "year_from": year_from, "year_to": year_to, "kind": kind, "status": status,
        "country": country, "q": q})
    page = api_page(response, events_filtered(api_user(request), data), limit, offset)
    return page.prefetch_related("funding__donor")


@router.get("/events/{slug}", response=EventDetailOut)
def get_event(request, slug: str):
    events = Event.objects.visible_to(api_user(request)).select_related("cycle__forum").prefetch_related("funding__donor")
    return get_object_or_404(events, slug=slug)


@router.get("/documents", response=list[DocumentOut])
def list_documents(request, event: str | None = None):
    qs = Document.objects.visible_to(api_user(request))
    if event:
        qs = qs.filter(event__slug=event)
    return _with_versions(list(qs), request)


@router.get("/documents/{int:pk}", response=DocumentOut)
def get_document(request, pk: int):
    document = get_object_or_404(Document.objects.visible_to(api_user(request)), pk=pk)
    return _with_versions([document], request)[0]


def _with_versions(documents: list, request) -> list:
    groups = versions_by_symbol(documents, api_user(request))
    for document in documents:
        document.language_versions = groups.get(document.symbol, [])
    return documents
