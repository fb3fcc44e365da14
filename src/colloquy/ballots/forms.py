"""Forms parse input; services decide. Date-times are read in the viewer's time zone and stored in UTC."""

from django import forms
from django.utils.translation import gettext_lazy as _

from colloquy.ballots.models import BallotMethod, Consultation, Eligibility, ResultsVisibility, Secrecy
from colloquy.core.translated import OTHER_LANGUAGES, add_version_fields, version_field_names, version_groups
from colloquy.dialogues.models import Cycle, Document, ThemeLevel
from colloquy.reference.models import GcmObjective


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class BallotForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("Cycle"), queryset=Cycle.objects.select_related("forum"))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    level = forms.ChoiceField(choices=ThemeLevel.choices, label=_("Chooses"))
    seats = forms.IntegerField(label=_("Seats"), min_value=1, initial=1, help_text=_("How many options the decision adopts (workshop topics)"))
    method = forms.ChoiceField(label=_("Method"), choices=BallotMethod.choices)
    max_choices = forms.IntegerField(min_value=1, initial=1, label=_("Approval: choose up to"))
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=Consultation.objects.all(), required=False,
                                          help_text=_("Leave the options empty to use this consultation's proposals"))
    options = forms.CharField(label=_("Options"), widget=forms.Textarea(attrs={"rows": 5}), required=False, help_text=_("One option per line"))
    eligibility = forms.ChoiceField(label=_("Eligibility"), choices=Eligibility.choices)
    secrecy = forms.ChoiceField(label=_("Secrecy"), choices=Secrecy.choices)
    results_visibility = forms.ChoiceField(choices=ResultsVisibility.choices, label=_("Results"))
    quorum_percent = forms.IntegerField(min_value=0, max_value=100, initial=50, label=_("Quorum (% of eligible organizations)"))
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DateTimeLocalInput(), required=False, help_text=_("In your time zone; empty = when opened"))
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DateTimeLocalInput(), help_text=_("In your time zone"))

    def option_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class DecisionForm(forms.Form):
    adopt = forms.TypedChoiceField(label=_("Adopt"), choices=[("1", "Adopt the result"), ("0", "No decision")], coerce=lambda v: v == "1",
                                   widget=forms.RadioSelect, initial="1")
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=400, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Suggestion or comment"))
    proposal = forms.IntegerField(label=_("Proposal"), required=False, widget=forms.HiddenInput)


class ConsultationForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("Cycle"), queryset=Cycle.objects.select_related("forum"))
    title = forms.CharField(label=_("Title"), max_length=300)
    level = forms.ChoiceField(choices=ThemeLevel.choices, label=_("About"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    deadline = forms.DateTimeField(label=_("Deadline for suggestions"), widget=DateTimeLocalInput(), required=False,
                                   help_text=_("In your time zone; empty = until the consultation is closed"))


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=400)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    guiding_questions = forms.CharField(label=_("Guiding questions"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                        help_text=_("One question per line"))
    gcm_objectives = forms.ModelMultipleChoiceField(queryset=GcmObjective.objects.order_by("number"), required=False,
                                                    label=_("GCM objectives"))
    documents = forms.ModelMultipleChoiceField(label=_("Documents"), queryset=Document.objects.order_by("-date", "title"), required=False,
                                               help_text=_("e.g. the discussion note"))
    versioned = ("title", "rationale", "guiding_questions")  # with French and Spanish versions (core/translated.py)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_version_fields(self, self.versioned)

    def version_groups(self):
        return version_groups(self, self.versioned)

    def version_field_names(self) -> set[str]:
        return version_field_names(self.versioned)

    def split(self) -> tuple[dict, dict]:
        """(the fields for the service, the French and Spanish versions)."""
        versions = {f"{n}_{lang}": self.cleaned_data.get(f"{n}_{lang}", "") for n in self.versioned for lang in OTHER_LANGUAGES}
        return {k: v for k, v in self.cleaned_data.items() if k not in versions}, versions
