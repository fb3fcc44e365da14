from django import forms
from django.utils.translation import gettext_lazy as _

from colloquy.dialogues.models import Cycle, Event
from colloquy.drafting.models import LANGUAGES


class GenerateSummaryForm(forms.Form):
    event = forms.ModelChoiceField(queryset=Event.objects.none(), label=_("Event"))
    language = forms.ChoiceField(choices=LANGUAGES, label=_("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.select_related("cycle__forum").order_by("-start_date", "title")


class GenerateNoteForm(forms.Form):
    cycle = forms.ModelChoiceField(queryset=Cycle.objects.none(), label=_("Cycle"))
    language = forms.ChoiceField(choices=LANGUAGES, label=_("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = Cycle.objects.select_related("forum").order_by("-year", "forum__name")


class DraftForm(forms.Form):
    title = forms.CharField(max_length=500, label=_("Title"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 24}), label=_("Text"), max_length=200_000,
                           help_text=_("# Heading, ## Subheading, 1. numbered paragraph, - bullet; one paragraph a line."))


class IssueForm(forms.Form):
    symbol = forms.CharField(max_length=60, label=_("Symbol"), help_text=_("e.g. IC/2027/1"))
    issued_on = forms.DateField(label=_("Date of issue"), widget=forms.DateInput(attrs={"type": "date"}))


class TemplateForm(forms.Form):
    sections = forms.CharField(widget=forms.Textarea(attrs={"rows": 20}), label=_("Sections"), max_length=50_000,
                               help_text=_("One section per “== key: Heading” line, its boilerplate paragraphs below it."))
