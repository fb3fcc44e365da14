"""Public, server-rendered pages. Every fetch goes through colloquy.core.access."""

import itertools
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core import access
from colloquy.core.browse import PER_PAGE
from colloquy.core.countries import country_name, region_of
from colloquy.core.files import file_response
from colloquy.core.hooks import panels
from colloquy.dialogues.browse import EventFilterForm, events_csv, events_filtered
from colloquy.dialogues.calendar import event_calendar
from colloquy.dialogues.models import (
    Cycle,
    Document,
    DocumentAccess,
    DocumentStatus,
    Event,
    Forum,
    SessionRole,
    citations_for,
    in_programme_order,
)
from colloquy.directory.browse import (
    OrganizationFilterForm,
    PersonFilterForm,
    organizations_filtered,
    people_filtered,
)
from colloquy.directory.models import Organization, Person


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
        session.chairs = [p for p in people if p.role in (SessionRole.CHAIR, SessionRole.MODERATOR)]
        session.speakers = [p for p in people if p.role in (SessionRole.SPEAKER, SessionRole.DISCUSSANT, SessionRole.RAPPORTEUR)]
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


def _participation(roles, funding, coorganized, events_visible):
    """Rows of (year, event, [role labels]) for an organization or a country."""
    by_event = defaultdict(set)
    for role in roles:
        by_event[role.session.event_id].add(role.get_role_display())
    for funding_row in funding:
        by_event[funding_row.event_id].add("Donor")
    for event in coorganized:
        by_event[event.pk].add("Co-organizer")
    events = {e.pk: e for e in events_visible.filter(pk__in=by_event).select_related("cycle__forum")}
    rows = [(e.start_date.year if e.start_date else e.cycle.year, e, sorted(by_event[e.pk])) for e in events.values()]
    return sorted(rows, key=lambda r: (-r[0], r[1].title))


def organization_detail(request, slug):
    org = get_object_or_404(Organization.objects.prefetch_related("aliases", "memberships__forum"), slug=slug)
    events = Event.objects.visible_to(request.user)
    roles = org.session_roles.select_related("session").filter(session__event__in=events)
    rows = _participation(roles, org.funding.all(), org.co_organized_events.all(), events)
    context = {"org": org, "rows": rows, "years": _years(rows), "panels": panels("organization", request, org)}
    return render(request, "public/organization.html", context)


def _years(rows):
    counts = defaultdict(int)
    for year, _event, _roles in rows:
        counts[year] += 1
    return sorted(counts.items())


def country_detail(request, code):
    code = code.upper()
    name = country_name(code)
    if name == code:
        raise Http404("Unknown country code")
    orgs = Organization.objects.filter(country=code)
    events = Event.objects.visible_to(request.user)
    from colloquy.dialogues.models import EventFunding, SessionParticipant

    roles = SessionParticipant.objects.filter(organization__in=orgs, session__event__in=events).select_related("session")
    funding = EventFunding.objects.filter(donor__in=orgs)
    coorganized = Event.objects.filter(co_organizers__in=orgs)
    rows = _participation(roles, funding, coorganized, events)
    hosted = events.filter(country=code).order_by("-start_date")
    context = {"code": code, "name": name, "region": region_of(code), "orgs": orgs, "rows": rows,
               "years": _years(rows), "hosted": hosted,
               "panels": panels("country", request, code)}
    return render(request, "public/country.html", context)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    if not person.consents_to_publication and not access.is_secretariat(request.user):
        raise Http404("No such person")
    roles = (
        person.session_roles.filter(session__event__in=Event.objects.visible_to(request.user))
        .select_related("session__event", "organization")
        .order_by("-session__event__start_date", "session__start_time")
    )
    context = {
        "person": person,
        "roles": roles,
        "affiliations": person.affiliations.select_related("organization"),
        "show_contact": person.contact_details_visible_to(request.user),
    }
    return render(request, "public/person.html", context)


def document_detail(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user).select_related("event", "cycle__forum"), pk=pk)
    context = {"document": document, "children": Document.objects.visible_to(request.user).filter(parent=document),
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
    from colloquy.dialogues.models import Citation

    raw = request.GET.get("cite", "")
    citation = Citation.objects.filter(pk=int(raw), document=document).first() if raw.isdigit() else None
    if citation is None:
        return None
    text = document.text or ""
    if citation.start is None or citation.end is None or citation.end > len(text):
        return {"citation": citation, "before": "", "passage": citation.quote, "after": ""}
    return {"citation": citation, "before": text[max(0, citation.start - context):citation.start],
            "passage": text[citation.start:citation.end], "after": text[citation.end:citation.end + context]}


def _filters(request, form_class):
    """The filter form and its cleaned values; None when the query string has a bad value."""
    if not request.GET:
        return form_class(), {}
    form = form_class(request.GET)
    return form, (form.cleaned_data if form.is_valid() else None)


LISTS = {  # name: (heading, lead)
    "event": (_("Events"), _("Workshops, seminars, consultations and sessions of every dialogue in the archive.")),
    "organization": (_("Organizations"), _("Governments, international and civil-society organizations that took "
                                           "part, with their membership status today.")),
    "person": (_("People"), _("Chairs, speakers and discussants who agreed to be named.")),
}


def _browse(request, form, rows, name):
    """A filtered list page, or only its results for htmx (the URL stays bookmarkable). A bad filter
    value is shown by name on the page with HTTP 400; no list is shown for it."""
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page")) if rows is not None else None
    query = request.GET.copy()
    query.pop("page", None)
    heading, lead = LISTS[name]
    results = f"public/_{name}_results.html"
    context = {"form": form, "page": page, "query": query.urlencode(), "heading": heading, "lead": lead,
               "list_name": name, "results_template": results}
    template = results if request.headers.get("HX-Request") else "public/browse.html"
    return render(request, template, context, status=400 if rows is None else 200)


def event_list(request):
    form, data = _filters(request, EventFilterForm)
    rows = events_filtered(request.user, data) if data is not None else None
    if rows is not None and request.GET.get("format") == "csv":
        response = HttpResponse(events_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="colloquy-events.csv"'
        return response
    return _browse(request, form, rows, "event")


def organization_list(request):
    form, data = _filters(request, OrganizationFilterForm)
    rows = organizations_filtered(data, timezone.localdate()) if data is not None else None
    return _browse(request, form, rows, "organization")


def person_list(request):
    form, data = _filters(request, PersonFilterForm)
    rows = people_filtered(request.user, data) if data is not None else None
    return _browse(request, form, rows, "person")
