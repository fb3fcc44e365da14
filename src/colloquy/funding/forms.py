from django import forms
from django.utils.translation import gettext_lazy as _

from colloquy.directory.models import Organization
from colloquy.funding.models import BudgetLine, PledgeStatus, validate_currency


class CurrencyField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=3, min_length=3, validators=[validate_currency], **kwargs)

    def to_python(self, value):
        return (super().to_python(value) or "").upper()


class PledgeForm(forms.Form):
    donor = forms.ModelChoiceField(Organization.objects.order_by("name"), label=_("Donor"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0.01)
    currency = CurrencyField(label=_("Currency"), help_text=_("ISO 4217 code, e.g. CHF"))
    budget_line = forms.ChoiceField(label=_("Budget line"), choices=BudgetLine.choices, initial=BudgetLine.OTHER)
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    public = forms.BooleanField(label=_("Show the amount to everyone"), required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=PledgeStatus.choices)


class BudgetForm(forms.Form):
    currency = CurrencyField(label=_("Currency"), help_text=_("ISO 4217 code, e.g. CHF"))
    interpretation = forms.DecimalField(label=BudgetLine.INTERPRETATION.label, max_digits=14, decimal_places=2,
                                        min_value=0, initial=0)
    funded_participants = forms.DecimalField(label=BudgetLine.FUNDED_PARTICIPANTS.label, max_digits=14,
                                             decimal_places=2, min_value=0, initial=0)
    venue = forms.DecimalField(label=BudgetLine.VENUE.label, max_digits=14, decimal_places=2, min_value=0, initial=0)
    other = forms.DecimalField(label=BudgetLine.OTHER.label, max_digits=14, decimal_places=2, min_value=0, initial=0)
