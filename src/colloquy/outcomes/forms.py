import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.outcomes.models import ReportStatus


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

    def links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("evidence_links", "").splitlines() if line.strip()]


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
