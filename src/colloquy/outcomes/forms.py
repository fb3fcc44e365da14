import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core.translated import OTHER_LANGUAGES, add_version_fields, version_field_names, version_groups
from colloquy.dialogues.models import SessionParticipant
from colloquy.outcomes.models import Addressee, ReportStatus, ResponsePosition


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReportStatus.choices, widget=forms.RadioSelect)
    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 6}), required=False,
                                help_text=_("What has been done, by whom, and what is next."))
    indicator_label = forms.CharField(max_length=200, required=False, label=_("Indicator (optional)"),
                                      help_text=_("e.g. number of officials trained"))
    indicator_value = forms.DecimalField(max_digits=16, decimal_places=2, required=False, label=_("Indicator value"))
    evidence_links = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                     label=_("Evidence links"), help_text=_("One web address per line."))
    evidence_file = forms.FileField(required=False, label=_("Evidence file"),
                                    help_text=_("PDF, Word, spreadsheet, text or image; up to 10 MB."))

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is not None and indicators.exists():
            # Reporting against an indicator sets its current value; its label replaces the free label.
            self.fields["indicator"] = forms.ModelChoiceField(
                queryset=indicators, required=False, label=_("Indicator this value measures"),
                empty_label=_("None of these (use the label above)"))
            self.order_fields(["status", "narrative", "indicator", "indicator_value", "indicator_label"])

    def links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("evidence_links", "").splitlines() if line.strip()]


class ResponseForm(forms.Form):
    position = forms.ChoiceField(label=_("Response"), choices=ResponsePosition.choices, widget=forms.RadioSelect)
    responded_on = forms.DateField(label=_("Date of the response"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("Text of the response"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    responsible_institution = forms.CharField(label=_("Responsible institution"), max_length=300, required=False,
                                              help_text=_("The national institution (or unit) that implements it."))
    indicator_label = forms.CharField(label=_("New indicator (optional)"), max_length=200, required=False,
                                      help_text=_("e.g. number of officials trained"))
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=16, decimal_places=2, required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=16, decimal_places=2, required=False)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def indicator_given(self) -> bool:
        return any(self.cleaned_data.get(f) not in (None, "") for f in ("indicator_label", "baseline", "target", "target_date"))


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    recommendations = forms.ModelMultipleChoiceField(label=_("Recommendations"), queryset=None, widget=forms.CheckboxSelectMultiple)
    organizations = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple,
                                                   label=_("Addressed members"))
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              help_text=_("Added to the invitation and reminder e-mails."))

    def __init__(self, *args, recommendations, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = recommendations
        self.fields["organizations"].queryset = organizations
        self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(days=60)


# --- the rapporteur's desk --------------------------------------------------------------------------------------

def speaker_choices(event) -> list:
    """The event's session participants, grouped by session, for "came from" selects."""
    groups = {}
    rows = (SessionParticipant.objects.filter(session__event=event).select_related("session", "person", "organization")
            .order_by("session__date", "session__start_time", "session__order", "session_id", "order", "id"))
    for p in rows:
        groups.setdefault(p.session.title, []).append((p.pk, f"{p.person.display_name} ({p.get_role_display()})"))
    return [("", _("— none —")), *groups.items()]


class DeskForm(forms.Form):
    """What every desk item has: where it came from and the GCM objectives chosen from the suggestions."""

    session = forms.TypedChoiceField(label=_("Session"), required=False, coerce=int, empty_value=None)
    speaker = forms.TypedChoiceField(label=_("Speaker"), required=False, coerce=int, empty_value=None,
                                     help_text=_("Sets the session too."))
    objectives = forms.TypedMultipleChoiceField(label=_("GCM objectives"), required=False, coerce=int,
                                                choices=[(n, str(n)) for n in range(1, 24)])

    versioned: tuple[str, ...] = ()  # the words with French and Spanish versions (core/translated.py)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        add_version_fields(self, self.versioned)
        self.fields["session"].choices = [("", _("— none —")),
                                          *event.sessions.order_by("date", "start_time", "order", "id")
                                          .values_list("pk", "title")]
        self.fields["speaker"].choices = speaker_choices(event)

    def version_groups(self):
        """Each translated field in its three languages, for the template to show side by side."""
        return version_groups(self, self.versioned)

    def version_field_names(self) -> set[str]:
        return version_field_names(self.versioned)

    def versions(self) -> dict:
        """The French and Spanish versions typed, for the service."""
        return {f"{name}_{lang}": self.cleaned_data.get(f"{name}_{lang}", "")
                for name in self.versioned for lang in OTHER_LANGUAGES}

    def where(self) -> dict:
        """The session and speaker objects (already checked to be the event's)."""
        session_pk, speaker_pk = self.cleaned_data.get("session"), self.cleaned_data.get("speaker")
        session = self.event.sessions.get(pk=session_pk) if session_pk else None
        speaker = None
        if speaker_pk:
            speaker = SessionParticipant.objects.select_related("session").get(pk=speaker_pk, session__event=self.event)
        return {"session": session, "speaker": speaker}


class KeyMessageForm(DeskForm):
    versioned = ("text",)
    text = forms.CharField(label=_("Key message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["text", "session", "speaker", "objectives"]


class RecommendationForm(DeskForm):
    versioned = ("text",)
    text = forms.CharField(label=_("Recommendation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    addressee = forms.ChoiceField(label=_("Addressed to"), choices=Addressee.choices, initial=Addressee.STATES)
    addressee_detail = forms.CharField(label=_("Addressee detail"), max_length=200, required=False,
                                       help_text=_("e.g. the named forum or agency"))
    category = forms.CharField(label=_("Category"), max_length=200, required=False,
                               help_text=_('e.g. "State responsibility"'))
    field_order = ["text", "addressee", "addressee_detail", "category", "session", "speaker", "objectives"]


class PracticeForm(DeskForm):
    versioned = ("title",)
    title = forms.CharField(label=_("Good practice"), max_length=300)
    description = forms.CharField(label=_("Description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    country = forms.CharField(label=_("Country (ISO3 code)"), max_length=3, required=False,
                              help_text=_("e.g. GHA, PHL, MEX"))
    practice_actor = forms.CharField(label=_("Who runs it"), max_length=300, required=False)
    field_order = ["title", "description", "country", "practice_actor", "session", "speaker", "objectives"]

    def clean_country(self):
        return (self.cleaned_data.get("country") or "").strip().upper()
