"""The filtered lists: events (also as CSV), organizations, people. htmx asks for the results alone."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core.browse import PER_PAGE
from colloquy.core.web import is_htmx
from colloquy.dialogues.browse import EventFilterForm, events_csv, events_filtered
from colloquy.directory.browse import (
    OrganizationFilterForm,
    PersonFilterForm,
    organizations_filtered,
    people_filtered,
)


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
    if not is_htmx(request):
        return render(request, "public/browse.html", context, status=400 if rows is None else 200)
    response = render(request, results, context, status=400 if rows is None else 200)
    if rows is None:  # the errors replace the results beside the form, not the generic alert of HtmxErrorMiddleware
        response["HX-Retarget"] = f"#{name}-results"
        response["HX-Reswap"] = "innerHTML"
    return response


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
