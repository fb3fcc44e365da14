"""The secretariat's decisions on suggested GCM-objective and SDG-target tags (accept, reject, or correct by adding
another). A decision is about exactly one of the two: `objective` or `sdg_target`."""

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
    objective = models.ForeignKey("reference.GcmObjective", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sdg_target = models.ForeignKey("reference.SdgTarget", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=10, choices=TagDecisionKind.choices)
    method = models.CharField(max_length=20, blank=True, help_text=_("How it was suggested: keywords, embedding, both"))
    score = models.FloatField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(objective__isnull=False, sdg_target__isnull=True)
            | models.Q(objective__isnull=True, sdg_target__isnull=False),
            name="tagdecision_objective_xor_sdg_target")]

    def __str__(self):
        if self.sdg_target_id:
            return f"{self.get_decision_display()}: SDG {self.sdg_target.code}"
        return f"{self.get_decision_display()}: objective {self.objective.number}"
