"""The record's own pages: home, forums, cycles, events (with their programme and calendar), documents.

Every fetch goes through the records' `visible_to(user)` querysets.
"""

import itertools
from collections import defaultdict

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from colloquy.core.files import file_response
from colloquy.core.hooks import panels
from colloquy.dialogues.calendar import event_calendar
from colloquy.dialogues.models import (
    CHAIR_ROLES,
    SPEAKER_ROLES,
    Citation,
    Cycle,
    Document,
    DocumentAccess,
    DocumentStatus,
    Event,
    Forum,
    citations_for,
    in_programme_order,
)
from colloquy.dialogues.versions import language_versions


def home(request):
    cycles = Cycle.objects.visible_to(request.user).select_related("forum").annotate(
        n_events=Count("events", filter=Q(events__in=Event.objects.visible_to(request.user)))
    )
    timeline = [(year, list(group)) for year, group in itertools.groupby(cycles.order_by("-year", "forum__name"), key=lambda c: c.year)]
    forums = Forum.objects.annotate(n_cycles=Count("cycles")).select_related("secretariat")
    return render(request, "public/home.html", {"forums": forums, "timeline": timeline})


def forum_detail(request, slug):
    forum = get_object_or_404(Forum, slug=slug)
    cycles = Cycle.objects.visible_to(request.user).filter(forum=forum).order_by("-year")
    return render(request, "public/forum.html", {"forum": forum, "cycles": cycles})


def cycle_detail(request, forum_slug, year):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user).select_related("forum"), forum__slug=forum_slug, year=year)
    events = Event.objects.visible_to(request.user).filter(cycle=cycle).order_by("start_date", "title")
    documents = Document.objects.visible_to(request.user).filter(cycle=cycle, event__isnull=True)
    context = {"cycle": cycle, "events": events, "documents": documents, "intro_panels": panels("cycle_intro", request, cycle),
               "panels": panels("cycle", request, cycle)}
    return render(request, "public/cycle.html", context)


def _programme(event):
    sessions = event.sessions.prefetch_related("participants__person", "participants__organization")
    days = defaultdict(list)
    for session in sessions:
        people = in_programme_order(session.participants.all())
        session.chairs = [p for p in people if p.role in CHAIR_ROLES]
        session.speakers = [p for p in people if p.role in SPEAKER_ROLES]
        days[session.date].append(session)
    return sorted(days.items(), key=lambda kv: (kv[0] is None, kv[0]))


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user).select_related("cycle__forum"), slug=slug)
    context = {
        "event": event,
        "programme": _programme(event),
        "documents": Document.objects.visible_to(request.user).filter(event=event),
        "donors": event.funding.select_related("donor"),
        "co_organizers": event.co_organizers.all(),
        "panels": panels("event", request, event),
        "citations": citations_for(event),
    }
    return render(request, "public/event.html", context)


def event_ical(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def document_detail(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user).select_related("event", "cycle__forum"), pk=pk)
    context = {"document": document, "children": Document.objects.visible_to(request.user).filter(parent=document),
               "versions": language_versions(document, request.user),
               "panels": panels("document", request, document), "cited": _cited_passage(request, document)}
    return render(request, "public/document.html", context)


def document_file(request, pk):
    """A document's file, streamed only to those who may see the document (restricted material is for
    members and the secretariat). The files are never linked by their MEDIA_URL."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if not document.file:
        raise Http404("This document has no file.")
    public = document.access == DocumentAccess.PUBLIC and document.status == DocumentStatus.PUBLISHED
    return file_response(document.file, as_attachment=False, private=not public)


def _cited_passage(request, document, context: int = 400):
    """`?cite=ID`: the passage a record cites, highlighted in its context (the link behind "Source: ..., para. 6")."""
    raw = request.GET.get("cite", "")
    citation = Citation.objects.filter(pk=int(raw), document=document).first() if raw.isdigit() else None
    if citation is None:
        return None
    text = document.text or ""
    if citation.start is None or citation.end is None or citation.end > len(text):
        return {"citation": citation, "before": "", "passage": citation.quote, "after": ""}
    return {"citation": citation, "before": text[max(0, citation.start - context):citation.start],
            "passage": text[citation.start:citation.end], "after": text[citation.end:citation.end + context]}
