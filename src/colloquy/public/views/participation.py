"""Who took part: an organization's, a country's and a person's pages across the record."""

import functools
from collections import defaultdict

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from colloquy.core.access import is_secretariat
from colloquy.core.countries import country_name, country_name_in_language, region_of
from colloquy.core.hooks import panels
from colloquy.dialogues.models import Event, EventFunding, SessionParticipant
from colloquy.directory.models import Organization, Person


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
    if country_name(code) == code:
        raise Http404("Unknown country code")
    name = country_name_in_language(code)
    orgs = Organization.objects.filter(country=code)
    events = Event.objects.visible_to(request.user)
    roles = SessionParticipant.objects.filter(organization__in=orgs, session__event__in=events).select_related("session")
    funding = EventFunding.objects.filter(donor__in=orgs)
    coorganized = Event.objects.filter(co_organizers__in=orgs)
    # Called by the template (once: cached), not at all when the page's fragment is cached (core/fragments.py).
    rows = functools.cache(lambda: _participation(roles, funding, coorganized, events))
    hosted = events.filter(country=code).order_by("-start_date")
    context = {"code": code, "name": name, "region": region_of(code), "orgs": orgs, "rows": rows,
               "years": lambda: _years(rows()), "hosted": hosted,
               "panels": panels("country", request, code, cached=True)}
    return render(request, "public/country.html", context)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    if not person.consents_to_publication and not is_secretariat(request.user):
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
