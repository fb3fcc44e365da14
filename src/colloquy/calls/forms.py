"""Forms parse input; services decide. The deadline is read in the viewer's time zone and stored in UTC."""

from django import forms
from django.utils.translation import gettext_lazy as _

from colloquy.calls.models import CallKind
from colloquy.dialogues.models import Cycle, Event, SessionRole


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CallForm(forms.Form):
    kind = forms.ChoiceField(label=_("Call for"), choices=CallKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.select_related("cycle__forum"),
                                   required=False, help_text=_("A call for speakers needs an event"))
    cycle = forms.ModelChoiceField(label=_("Or a whole cycle"), queryset=Cycle.objects.select_related("forum"),
                                   required=False)
    deadline = forms.DateTimeField(label=_("Deadline"), widget=DateTimeLocalInput(),
                                   help_text=_("In your time zone; the call closes at this moment"))


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(label=_("New deadline"), widget=DateTimeLocalInput(),
                                   help_text=_("In your time zone; the call closes at this moment"))
    note = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False,
                           help_text=_("Why the deadline changes; kept in the audit log"))


class ResponseForm(forms.Form):
    """One form for every kind; the call's kind decides which fields are shown and required (in the service)."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    affiliation = forms.CharField(label=_("Affiliation (title and organization)"), max_length=300, required=False)
    title = forms.CharField(label=_("Title of the case study"), max_length=300, required=False)
    country = forms.CharField(label=_("Country (ISO code, e.g. GHA)"), max_length=3, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    file = forms.FileField(label=_("File (optional)"), required=False)

    PERSON_FIELDS = ("name", "email", "affiliation")
    CASE_FIELDS = ("title", "country", "summary", "file")

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.CASE_FIELDS if kind == CallKind.CASE_STUDIES else self.PERSON_FIELDS
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if kind == CallKind.PARTNERS:
            self.fields["name"].label = _("Organization")
            self.fields["affiliation"].label = _("Contact person and role")


class DecideForm(forms.Form):
    status = forms.ChoiceField(choices=[("shortlisted", _("Shortlist")), ("accepted", _("Accept")),
                                        ("declined", _("Decline")), ("submitted", _("Back to submitted"))])
    note = forms.CharField(required=False, max_length=2000)
    session = forms.IntegerField(required=False, min_value=1)
    role = forms.ChoiceField(choices=SessionRole.choices, required=False)
