"""Pledges (a donor's promise of money for an event or a cycle) and event budgets (docs/funding.md).

Who may see an amount is `Pledge.objects.visible_to(user)`: the secretariat sees every pledge, a focal point
those of its own organization, everyone the pledges marked public (of records they may see)."""

from decimal import Decimal

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.dialogues.models import Cycle, Event


def validate_currency(code: str) -> None:
    """An ISO 4217 alphabetic code (pycountry's list): "CHF", "USD"."""
    if not code or pycountry.currencies.get(alpha_3=code.upper()) is None:
        raise ValidationError(_("%(code)s is not an ISO 4217 currency code (e.g. CHF, EUR, USD).") % {"code": code or "''"})


class BudgetLine(models.TextChoices):
    INTERPRETATION = "interpretation", _("Interpretation")
    FUNDED_PARTICIPANTS = "funded_participants", _("Funded participants")
    VENUE = "venue", _("Venue")
    OTHER = "other", _("Other")


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    CONFIRMED = "confirmed", _("Confirmed")
    RECEIVED = "received", _("Received")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Pledges that count towards an event's budget: the money is promised in writing or already there.
COVERING = (PledgeStatus.CONFIRMED, PledgeStatus.RECEIVED)


class PledgeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Secretariat: every pledge. Others: public pledges, and a focal point its own organization's, in
        either case only on events and cycles the user may see."""
        if is_secretariat(user):
            return self
        on_visible = (Q(event__in=Event.objects.visible_to(user))
                      | Q(event__isnull=True, cycle__in=Cycle.objects.visible_to(user)))
        seen = Q(public=True)
        org = focal_organization(user)
        if org is not None:
            seen |= Q(donor=org)
        return self.filter(on_visible & seen)

    def covering(self):
        return self.filter(status__in=COVERING)


class Pledge(models.Model):
    donor = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="pledges")
    event = models.ForeignKey("dialogues.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="pledges")
    cycle = models.ForeignKey("dialogues.Cycle", on_delete=models.CASCADE, null=True, blank=True, related_name="pledges",
                              help_text=_("For a pledge to the whole cycle rather than one event"))
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    currency = models.CharField(max_length=3, validators=[validate_currency], help_text=_("ISO 4217 code, e.g. CHF"))
    purpose = models.CharField(max_length=300, blank=True)
    budget_line = models.CharField(max_length=30, choices=BudgetLine.choices, default=BudgetLine.OTHER)
    status = models.CharField(max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED, db_index=True)
    public = models.BooleanField(default=False, help_text=_("Show the amount to everyone"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(event__isnull=False, cycle__isnull=True)
                                   | Q(event__isnull=True, cycle__isnull=False),
                                   name="pledge_for_event_or_cycle",
                                   violation_error_message="A pledge is for one event or one cycle, not both."),
            models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_amount_positive",
                                   violation_error_message="A pledge's amount must be more than zero."),
        ]

    def __str__(self):
        return f"{self.donor}: {self.amount} {self.currency} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.currency = (self.currency or "").upper()
        super().save(*args, **kwargs)

    @property
    def year(self) -> int:
        return self.event.cycle.year if self.event_id else self.cycle.year

    @property
    def target(self):
        return self.event if self.event_id else self.cycle


class EventBudget(models.Model):
    """What an event costs, per budget line, in one currency. Coverage counts confirmed and received pledges in
    that currency (services.coverage)."""

    event = models.OneToOneField("dialogues.Event", on_delete=models.CASCADE, related_name="budget")
    currency = models.CharField(max_length=3, validators=[validate_currency])
    interpretation = models.DecimalField(max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    funded_participants = models.DecimalField(max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    venue = models.DecimalField(max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    other = models.DecimalField(max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)])

    def __str__(self):
        return f"{self.event}: {self.total} {self.currency}"

    def save(self, *args, **kwargs):
        self.currency = (self.currency or "").upper()
        super().save(*args, **kwargs)

    @property
    def lines(self) -> dict[str, Decimal]:
        return {line: getattr(self, line) for line in BudgetLine.values}

    @property
    def total(self) -> Decimal:
        return sum(self.lines.values(), Decimal(0))
