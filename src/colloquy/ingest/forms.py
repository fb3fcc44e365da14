"""Typed review forms: one field per extracted value, in words a reviewer uses (a date, a choice, rows of counts).

`proposal_form(proposal, data)` builds the form for the item's kind; `cleaned_values(form)` turns it back into the
proposal's data shape (ISO dates, `participants` as {total, qualifier, by_category}). Values the form does not show
(a session's speakers, a donor's role) are kept as they were.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext

from colloquy.dialogues.models import EventKind
from colloquy.ingest.models import ProposalKind
from colloquy.outcomes.models import Addressee
from colloquy.reference.categories import CATEGORY_CHOICES

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%d.%m.%Y")
CATEGORY_ROWS = 3  # empty rows offered below the counts already there


def parse_review_date(value: str) -> datetime.date | None:
    """ISO or a written date ("6 July 2007", "July 6, 2007"); None when it is neither."""
    text = " ".join((value or "").replace(",", ", ").split()).replace(" ,", ",")
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar day, no time of day
        except ValueError:
            continue
    return None


class ReviewDateField(forms.CharField):
    widget = forms.DateInput(attrs={"type": "date", "placeholder": "2007-07-06"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        day = parse_review_date(value)
        if day is None:
            raise forms.ValidationError(gettext("Enter a date such as 2007-07-06 or 6 July 2007."), code="invalid")
        return day.isoformat()


class ReviewTimeField(forms.TimeField):
    widget = forms.TimeInput(attrs={"type": "time"})
    default_error_messages = {"invalid": "Enter a time such as 09:30."}


def _text(label, *, long=False, required=False, max_length=None):
    widget = forms.Textarea(attrs={"rows": 3, "cols": 80}) if long else forms.TextInput(attrs={"size": 60})
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget)


def _choice(label, choices, *, blank="Not known"):
    return forms.ChoiceField(label=label, required=False, choices=[("", blank), *choices])


EXTRACTED_EVENT_KINDS = [(k, label) for k, label in EventKind.choices if k in
                         {"workshop", "seminar", "briefing", "training", "consultation", "conference", "other"}]
EVENT_STATUSES = [("held", "Held"), ("planned", "Planned"), ("proposed", "Proposed"), ("cancelled", "Cancelled")]
QUALIFIERS = [("over", "over (more than)"), ("about", "about")]


def _fields(kind: str) -> dict[str, forms.Field]:
    if kind == ProposalKind.EVENT:
        return {"title": _text("Title", required=True, max_length=400), "kind": _choice("Kind", EXTRACTED_EVENT_KINDS),
                "start": ReviewDateField(label="Start date", required=False),
                "end": ReviewDateField(label="End date", required=False),
                "city": _text("City", max_length=100), "venue": _text("Venue", max_length=300),
                "status": _choice("Status", EVENT_STATUSES),
                "participants_total": forms.IntegerField(label="Participants (total)", required=False, min_value=0),
                "participants_qualifier": _choice("The total is", QUALIFIERS, blank="exact")}
    if kind == ProposalKind.SESSION:
        return {"title": _text("Title", required=True, max_length=400),
                "date": ReviewDateField(label="Date", required=False),
                "start_time": ReviewTimeField(label="Starts", required=False),
                "end_time": ReviewTimeField(label="Ends", required=False), "chair": _text("Chair", max_length=200)}
    if kind == ProposalKind.PERSON:
        return {"name": _text("Name", required=True, max_length=200), "role": _text("Role or title", max_length=200),
                "organization": _text("Organization", max_length=300),
                "country": _text("Country (ISO code, e.g. GHA)", max_length=3)}
    if kind == ProposalKind.ORGANIZATION:
        return {"name": _text("Name", required=True, max_length=300),
                "country": _text("Country (ISO code, e.g. NOR)", max_length=3)}
    if kind == ProposalKind.THEME:
        return {"title": _text("Title", required=True, max_length=400),
                "year": forms.IntegerField(label="Year", required=False, min_value=1900, max_value=2200),
                "status": forms.ChoiceField(label="Status", choices=[("proposed", "Proposed"), ("selected", "Selected")])}
    if kind == ProposalKind.KEY_MESSAGE:
        return {"title": _text("Key message", long=True, required=True)}
    if kind == ProposalKind.RECOMMENDATION:
        return {"text": _text("Recommendation", long=True, required=True),
                "addressee": _choice("Addressed to", Addressee.choices), "category": _text("Category", max_length=200)}
    return {"text": _text("Good practice", long=True, required=True),
            "country": _text("Country (ISO code, e.g. TZA)", max_length=3), "actor": _text("Who runs it", max_length=300)}


class ProposalForm(forms.Form):
    def __init__(self, *args, proposal, **kwargs):
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        self.fields.update(_fields(proposal.kind))
        self.category_rows = []
        if proposal.kind == ProposalKind.EVENT:
            counts = ((proposal.data.get("participants") or {}).get("by_category") or {})
            for i, (key, count) in enumerate([*counts.items(), *[("", None)] * CATEGORY_ROWS]):
                self.fields[f"category_{i}"] = _choice("Category", CATEGORY_CHOICES, blank="—")
                self.fields[f"count_{i}"] = forms.IntegerField(label="Number", required=False, min_value=0)
                self.initial.setdefault(f"category_{i}", key)
                self.initial.setdefault(f"count_{i}", count)
                self.category_rows.append((self[f"category_{i}"], self[f"count_{i}"]))
        for name in _fields(proposal.kind):
            if name in proposal.data:
                self.initial.setdefault(name, proposal.data[name])
        participants = proposal.data.get("participants") or {}
        self.initial.setdefault("participants_total", participants.get("total"))
        self.initial.setdefault("participants_qualifier", participants.get("qualifier") or "")

    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith(("category_", "count_"))]

    def clean(self):
        cleaned = super().clean()
        for i in range(len(self.category_rows)):
            if cleaned.get(f"count_{i}") is not None and not cleaned.get(f"category_{i}"):
                self.add_error(f"category_{i}", gettext("Choose the category these participants belong to."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", gettext("The end date is before the start date."))
        return cleaned

    def values(self) -> dict:
        """The proposal's data with the edited values (dates as ISO text, participants as one object)."""
        cleaned = dict(self.cleaned_data)
        data = {}
        for name in _fields(self.proposal.kind):
            if name.startswith("participants_"):
                continue
            value = cleaned.get(name)
            if isinstance(value, datetime.time):
                value = value.strftime("%H:%M")
            data[name] = value if value not in ("",) else None
        if self.proposal.kind == ProposalKind.EVENT:
            by_category = {}
            for i in range(len(self.category_rows)):
                key, count = cleaned.get(f"category_{i}"), cleaned.get(f"count_{i}")
                if key and count is not None:
                    by_category[key] = count
            data["participants"] = {**(self.proposal.data.get("participants") or {}),
                                    "total": cleaned.get("participants_total"),
                                    "qualifier": cleaned.get("participants_qualifier") or None,
                                    "by_category": by_category}
        if self.proposal.kind == ProposalKind.THEME and data.get("year") is not None:
            data["year"] = int(data["year"])
        return data


def document_date_form(data=None, *, initial=None):
    class DocumentDateForm(forms.Form):
        date = ReviewDateField(label="Date of the document", required=True)

    return DocumentDateForm(data, initial=initial)
