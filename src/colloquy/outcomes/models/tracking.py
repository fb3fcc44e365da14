"""Follow-up as the recommendation trackers do it: each addressee's formal response to a recommendation (with
the institution responsible for it), indicators with a baseline, a target and a target date, and clusters of
overlapping recommendations confirmed by staff.

An addressee is any organization a recommendation is addressed to (a member State, an international
organization, a forum recorded as an organization): its focal points and the secretariat record its response
and its indicators (`may_report_for`). Responses and indicators are public when their recommendation is; the
secretariat also sees those on draft records.
"""

import decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat
from colloquy.outcomes.models.records import Recommendation


class ResponsePosition(models.TextChoices):
    SUPPORTED = "supported", _("Supported")
    NOTED = "noted", _("Noted")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")


class _OnRecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public when the recommendation is public; the secretariat sees all."""
        if is_secretariat(user):
            return self.all()
        return self.filter(recommendation__in=Recommendation.objects.published())


class AddresseeResponse(models.Model):
    """One addressee's formal position on one recommendation. Recording it again replaces it (the audit log keeps
    every earlier version)."""

    recommendation = models.ForeignKey("outcomes.Recommendation", on_delete=models.CASCADE, related_name="responses")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="recommendation_responses")
    position = models.CharField(max_length=20, choices=ResponsePosition.choices)
    responded_on = models.DateField(help_text=_("The date of the response"))
    text = models.TextField(blank=True, help_text=_("The response as the addressee gave it"))
    responsible_institution = models.CharField(
        max_length=300, blank=True, help_text=_("The (national) institution responsible for implementation"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = _OnRecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "id"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "organization"], name="one_response_per_addressee")]

    def __str__(self):
        return f"{self.organization}: {self.get_position_display()} ({self.recommendation_id})"

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url() + f"#response-{self.pk}"


class Indicator(models.Model):
    """What an addressee measures to show it implements a recommendation. Submitted progress reports that name it
    set its current value."""

    recommendation = models.ForeignKey("outcomes.Recommendation", on_delete=models.CASCADE, related_name="indicators")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="indicators")
    label = models.CharField(max_length=200, help_text=_("What the indicator measures"))
    unit = models.CharField(max_length=40, blank=True, help_text=_("e.g. officials, %, days"))
    baseline = models.DecimalField(max_digits=16, decimal_places=2)
    target = models.DecimalField(max_digits=16, decimal_places=2)
    target_date = models.DateField()
    current_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    current_report = models.ForeignKey("outcomes.ProgressReport", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", help_text=_("The submitted report that set the current value"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = _OnRecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "id"]
        constraints = [models.CheckConstraint(condition=~Q(baseline=models.F("target")), name="indicator_target_differs")]

    def __str__(self):
        return f"{self.organization}: {self.label}"

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url() + f"#indicator-{self.pk}"

    @property
    def value(self):
        """The latest reported value, or the baseline before any report."""
        return self.baseline if self.current_value is None else self.current_value

    @property
    def percent(self) -> int:
        """How far from the baseline towards the target the current value is, 0–100 (a target below the baseline
        counts down)."""
        span = self.target - self.baseline
        done = (self.value - self.baseline) / span
        return int(max(decimal.Decimal(0), min(decimal.Decimal(1), done)) * 100)


class RecommendationClusterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Clusters are public; a non-secretariat visitor sees only their public members (see `members_for`)."""
        return self.all()


class RecommendationCluster(models.Model):
    """Recommendations that say the same thing (across events, forums and years), grouped by staff, usually from a
    similarity suggestion."""

    title = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    recommendations = models.ManyToManyField("outcomes.Recommendation", related_name="clusters")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationClusterQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:cluster", args=[self.pk])

    def members_for(self, user):
        return self.recommendations.all() & Recommendation.objects.visible_to(user)
