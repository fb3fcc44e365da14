"""The secretariat's decisions on suggested GCM-objective tags (accept, reject, or correct by adding another)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TagDecisionKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted suggestion")
    REJECTED = "rejected", _("Rejected suggestion")
    ADDED = "added", _("Added by hand (correction)")
    REMOVED = "removed", _("Removed")


class TagDecision(models.Model):
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    objective = models.ForeignKey("reference.GcmObjective", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=10, choices=TagDecisionKind.choices)
    method = models.CharField(max_length=20, blank=True, help_text=_("How it was suggested: keywords, embedding, both"))
    score = models.FloatField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.get_decision_display()}: objective {self.objective.number}"
