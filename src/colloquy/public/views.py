"""Public, server-rendered pages. Every fetch goes through colloquy.core.access."""

import itertools
from collections import defaultdict

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from colloquy.core import access
from colloquy.core.countries import country_name, region_of
from colloquy.core.hooks import panels
from colloquy.dialogues.calendar import event_calendar
from colloquy.dialogues.models import Event, Forum, SessionRole, citations_for
from colloquy.directory.models import Organization, Person


def home(request):
    cycles = access.visible_cycles(request.user).select_related("forum").annotate(
        n_events=Count("events", filter=Q(events__in=access.visible_events(request.user)))
    )
    timeline = [(year, list(group)) for year, group in itertools.groupby(cycles.order_by("-year", "forum__name"), key=lambda c: c.year)]
    forums = Forum.objects.annotate(n_cycles=Count("cycles")).select_related("secretariat")
    return render(request, "public/home.html", {"forums": forums, "timeline": timeline})


def forum_detail(request, slug):
    forum = get_object_or_404(Forum, slug=slug)
    cycles = access.visible_cycles(request.user).filter(forum=forum).order_by("-year")
    return render(request, "public/forum.html", {"forum": forum, "cycles": cycles})


def cycle_detail(request, forum_slug, year):
    cycle = get_object_or_404(access.visible_cycles(request.user).select_related("forum"), forum__slug=forum_slug, year=year)
    events = access.visible_events(request.user).filter(cycle=cycle).order_by("start_date", "title")
    documents = access.visible_documents(request.user).filter(cycle=cycle, event__isnull=True)
    return render(request, "public/cycle.html", {"cycle": cycle, "events": events, "documents": documents,
                                                 "panels": panels("cycle", request, cycle)})


def _programme(event):
    sessions = event.sessions.prefetch_related("participants__person", "participants__organization")
    days = defaultdict(list)
    for session in sessions:
        people = list(session.participants.all())
        session.chairs = [p for p in people if p.role in (SessionRole.CHAIR, SessionRole.MODERATOR)]
        session.speakers = [p for p in people if p.role in (SessionRole.SPEAKER, SessionRole.DISCUSSANT, SessionRole.RAPPORTEUR)]
        days[session.date].append(session)
    return sorted(days.items(), key=lambda kv: (kv[0] is None, kv[0]))


def event_detail(request, slug):
    event = get_object_or_404(access.visible_events(request.user).select_related("cycle__forum"), slug=slug)
    context = {
        "event": event,
        "programme": _programme(event),
        "documents": access.visible_documents(request.user).filter(event=event),
        "donors": event.funding.select_related("donor"),
        "co_organizers": event.co_organizers.all(),
        "panels": panels("event", request, event),
        "citations": citations_for(event),
    }
    return render(request, "public/event.html", context)


def event_ical(request, slug):
    event = get_object_or_404(access.visible_events(request.user), slug=slug)
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
    events = access.visible_events(request.user)
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
    events = access.visible_events(request.user)
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
        person.session_roles.filter(session__event__in=access.visible_events(request.user))
        .select_related("session__event", "organization")
        .order_by("-session__event__start_date", "session__start_time")
    )
    context = {
        "person": person,
        "roles": roles,
        "affiliations": person.affiliations.select_related("organization"),
        "show_contact": access.can_view_contact_details(request.user, person),
    }
    return render(request, "public/person.html", context)


def document_detail(request, pk):
    document = get_object_or_404(access.visible_documents(request.user).select_related("event", "cycle__forum"), pk=pk)
    context = {"document": document, "children": access.visible_documents(request.user).filter(parent=document),
               "panels": panels("document", request, document)}
    return render(request, "public/document.html", context)
