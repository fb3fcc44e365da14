"""Browsing events: the filter form, the filtered list, and the list as CSV in the columns
`colloquy import-events` reads (so an export re-imports unchanged)."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from colloquy.core.browse import ANY, CountryFilterField
from colloquy.dialogues.importing import OPTIONAL, REQUIRED
from colloquy.dialogues.models import Event, EventKind, EventStatus, Forum


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.order_by("name"), to_field_name="slug",
                                   required=False, empty_label=_("Any"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + EventKind.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + EventStatus.choices, required=False)
    country = CountryFilterField(label=_("Host country"))
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1900, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1900, max_value=2100)

    def clean(self):
        data = super().clean()
        lo, hi = data.get("year_from"), data.get("year_to")
        if lo is not None and hi is not None and lo > hi:
            raise ValidationError(_("The first year (%(lo)s) is after the last year (%(hi)s)."), params={"lo": lo, "hi": hi})
        return data


def events_filtered(user, data: dict):
    """Visible events matching the cleaned filter values, oldest year last."""
    events = Event.objects.visible_to(user).select_related("cycle__forum")
    if data.get("q"):
        # in any of its languages (core/translated.py: the plain name means English)
        events = events.filter(Q(title_en__icontains=data["q"]) | Q(title_fr__icontains=data["q"])
                               | Q(title_es__icontains=data["q"]))
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


def in_forum_and_year(qs, filters, *, event_only: bool = False):
    """Records that hang on an event or, without one, on a cycle (pledges, calls), narrowed to the open-data
    filter's forum slug and cycle year; event_only for records that always have an event (budgets)."""
    forum, year = getattr(filters, "forum", ""), getattr(filters, "year", None)
    if forum:
        qs = qs.filter(Q(event__cycle__forum__slug=forum) if event_only
                       else Q(event__cycle__forum__slug=forum) | Q(event__isnull=True, cycle__forum__slug=forum))
    if year:
        qs = qs.filter(Q(event__cycle__year=year) if event_only
                       else Q(event__cycle__year=year) | Q(event__isnull=True, cycle__year=year))
    return qs
