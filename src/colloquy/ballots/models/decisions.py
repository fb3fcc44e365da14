"""The secretariat's recorded decision after a ballot: what was adopted, and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    NO_DECISION = "no_decision", _("No decision")


class Decision(models.Model):
    ballot = models.OneToOneField("ballots.Ballot", on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=12, choices=DecisionOutcome.choices)
    rationale = models.TextField()
    adopted_options = models.ManyToManyField("ballots.BallotOption", blank=True, related_name="+")
    themes = models.ManyToManyField("dialogues.Theme", blank=True, related_name="ballot_decisions",
                                    help_text=_("Themes or workshop topics this decision set"))
    quorum_met = models.BooleanField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.ballot}"
