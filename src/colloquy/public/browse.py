"""Browsing the archive: filtered, paginated lists of events, organizations and people, and the
events list as CSV in the columns `colloquy import-events` reads (so an export re-imports unchanged).

The forms validate the query string; a bad value is reported by name on the page (HTTP 400), never
silently ignored and never a 500. Every list starts from the access doorway (`colloquy.core.access`).
"""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from colloquy.core import access
from colloquy.core.countries import country_name
from colloquy.core.errors import DomainError
from colloquy.dialogues.importing import OPTIONAL, REQUIRED
from colloquy.dialogues.models import EventKind, EventStatus, Forum
from colloquy.directory.models import Membership, MembershipStatus, Organization, Person, normalize_name
from colloquy.reference.categories import CATEGORY_CHOICES

PER_PAGE = 50
ANY = [("", _("Any"))]


def _country_field(value: str) -> str:
    code = (value or "").strip().upper()
    if code and country_name(code) == code:
        raise ValidationError(_("%(code)s is not an ISO 3166-1 alpha-3 country code (for example GHA, PHL)."),
                              params={"code": code})
    return code


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.order_by("name"), to_field_name="slug",
                                   required=False, empty_label=_("Any"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + EventKind.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + EventStatus.choices, required=False)
    country = forms.CharField(label=_("Host country (ISO code)"), required=False, max_length=3)
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1900, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1900, max_value=2100)

    def clean_country(self):
        return _country_field(self.cleaned_data.get("country"))

    def clean(self):
        data = super().clean()
        lo, hi = data.get("year_from"), data.get("year_to")
        if lo is not None and hi is not None and lo > hi:
            raise ValidationError(_("The first year (%(lo)s) is after the last year (%(hi)s)."), params={"lo": lo, "hi": hi})
        return data


def events_filtered(user, data: dict):
    """Visible events matching the cleaned filter values, oldest year last."""
    events = access.visible_events(user).select_related("cycle__forum")
    if data.get("q"):
        events = events.filter(title__icontains=data["q"])
    if data.get("forum"):
        events = events.filter(cycle__forum=data["forum"])
    for name in ("kind", "status", "country"):
        if data.get(name):
            events = events.filter(**{name: data[name]})
    if data.get("year_from") is not None:
        events = events.filter(cycle__year__gte=data["year_from"])
    if data.get("year_to") is not None:
        events = events.filter(cycle__year__lte=data["year_to"])
    return events.order_by("-cycle__year", "-start_date", "title")


EXPORT_COLUMNS = REQUIRED + OPTIONAL


def events_csv(events) -> str:
    """The events in the columns of shared/reference/idm-events.csv (what `import-events` reads)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        forum = event.cycle.forum
        writer.writerow({
            "year": event.cycle.year,
            "forum": forum.acronym or forum.name,
            "event_title": event.title,
            "kind": event.kind,
            "start_date": event.start_date.isoformat() if event.start_date else "",
            "end_date": event.end_date.isoformat() if event.end_date else "",
            "city": event.city,
            "venue": event.venue,
            "overarching_theme": event.cycle.overarching_theme,
            "participants_total": event.participants_reported or (event.participants_total or ""),
            "source_url": event.source_url,
            "country": event.country,
            "status": event.status,
        })
    return out.getvalue()


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, acronym or alias"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Stakeholder category"), choices=ANY + list(CATEGORY_CHOICES), required=False)
    forum = forms.ModelChoiceField(label=_("Member of forum"), queryset=Forum.objects.order_by("name"),
                                   to_field_name="slug", required=False, empty_label=_("Any"))
    membership = forms.ChoiceField(label=_("Membership status"), choices=ANY + MembershipStatus.choices, required=False)
    country = forms.CharField(label=_("Country (ISO code)"), required=False, max_length=3)

    def clean_country(self):
        return _country_field(self.cleaned_data.get("country"))


def organizations_filtered(data: dict, today):
    orgs = Organization.objects.all()
    if data.get("q"):
        key = normalize_name(data["q"])
        orgs = orgs.filter(Q(normalized_name__contains=key) | Q(acronym__iexact=data["q"].strip())
                           | Q(aliases__normalized__contains=key))
    if data.get("category"):
        orgs = orgs.filter(category=data["category"])
    if data.get("country"):
        orgs = orgs.filter(country=data["country"])
    if data.get("forum") or data.get("membership"):
        memberships = Membership.objects.active_on(today)
        if data.get("forum"):
            memberships = memberships.filter(forum=data["forum"])
        if data.get("membership"):
            memberships = memberships.filter(status=data["membership"])
        orgs = orgs.filter(pk__in=memberships.values("organization_id"))
    return orgs.distinct().annotate(n_roles=Count("session_roles", distinct=True)).order_by("name")


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)


def people_filtered(user, data: dict):
    """People the viewer may see by name: those who consent to publication (everyone, for the secretariat)."""
    people = Person.objects.all() if access.is_secretariat(user) else Person.objects.publishable()
    if data.get("q"):
        people = people.filter(normalized_name__contains=normalize_name(data["q"]))
    return people.annotate(n_roles=Count("session_roles")).order_by("name")


API_MAX_LIMIT = 1000


def cleaned_or_error(form_class, params: dict) -> dict:
    """The form's cleaned values for API query parameters, or a DomainError (400) naming each problem."""
    form = form_class({k: v for k, v in params.items() if v is not None})
    if form.is_valid():
        return form.cleaned_data
    problems = [f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
                for name, errors in form.errors.items()]
    raise DomainError("Invalid filter: " + "; ".join(problems), code="invalid_filter")


def api_page(response, rows, limit: int, offset: int):
    """One page of `rows` for the API; the total goes in the X-Total-Count header."""
    if not 1 <= limit <= API_MAX_LIMIT or offset < 0:
        raise DomainError(f"limit must be between 1 and {API_MAX_LIMIT} and offset 0 or more.", code="invalid_filter")
    response["X-Total-Count"] = str(rows.count())
    return rows[offset : offset + limit]
