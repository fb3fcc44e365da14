import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.outcomes.models import ReportStatus, ResponsePosition


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
