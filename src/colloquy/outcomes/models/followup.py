"""Follow-up: progress reports (versioned, never overwritten), their evidence, follow-up rounds, reminders.

A report is filed by (or for) one organization on one recommendation addressed to it, or on one of its
own commitments. While it is a draft it can be edited and is visible only to that organization and the
secretariat; submitting gives it the next version number and freezes it. A later filing is a new row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.files import unguessable_name
from colloquy.core.workflow import TransitionTable
from colloquy.outcomes.models.records import Commitment, Recommendation, may_report_for


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# The pseudo-status of a tracked item nobody has reported on yet (dashboards, exports).
NO_REPORT = "no_report"
NO_REPORT_LABEL = "No report yet"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


REPORT_TRANSITIONS = TransitionTable({ReportState.DRAFT: {ReportState.SUBMITTED}}, labels=dict(ReportState.choices))


class ProgressReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(state=ReportState.SUBMITTED)

    def drafts(self):
        return self.filter(state=ReportState.DRAFT)

    def visible_to(self, user):
        """Submitted reports on public records for everyone; drafts only for their organization and the secretariat."""
        if is_secretariat(user):
            return self.all()
        submitted = Q(state=ReportState.SUBMITTED)
        # Published records only (a record of a proposed event is not public even if flagged published).
        public_target = (Q(recommendation__in=Recommendation.objects.published())
                         | Q(commitment__in=Commitment.objects.published()))
        org = focal_organization(user)
        if org is None:
            return self.filter(submitted & public_target)
        return self.filter((submitted & public_target) | Q(organization=org))

    def timeline(self):
        return self.submitted().order_by("submitted_at", "version", "id")

    def latest_by_pair(self) -> dict:
        """{(kind, target_id, organization_id): latest submitted report} — kind is 'recommendation' or 'commitment'."""
        latest = {}
        for report in self.submitted().order_by("version", "submitted_at", "id"):
            latest[report.pair_key] = report
        return latest


class ProgressReport(models.Model):
    recommendation = models.ForeignKey("outcomes.Recommendation", null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="progress_reports")
    commitment = models.ForeignKey("outcomes.Commitment", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="progress_reports")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="progress_reports")
    state = models.CharField(max_length=12, choices=ReportState.choices, default=ReportState.DRAFT)
    version = models.PositiveIntegerField(null=True, blank=True, help_text=_("1, 2, 3… per item and organization; set on submission"))
    status = models.CharField(max_length=20, choices=ReportStatus.choices)
    narrative = models.TextField(blank=True)
    indicator_label = models.CharField(max_length=200, blank=True, help_text=_("What the indicator measures"))
    indicator_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    indicator = models.ForeignKey("outcomes.Indicator", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="reports", help_text=_("Submitting sets this indicator's current value"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(recommendation__isnull=False, commitment__isnull=True)
                           | Q(recommendation__isnull=True, commitment__isnull=False)),
                name="progressreport_one_target",
            ),
            models.UniqueConstraint(fields=["recommendation", "organization", "version"],
                                    name="progressreport_unique_recommendation_version"),
            models.UniqueConstraint(fields=["commitment", "organization", "version"],
                                    name="progressreport_unique_commitment_version"),
            models.UniqueConstraint(fields=["recommendation", "organization"], condition=Q(state="draft"),
                                    name="progressreport_one_draft_per_recommendation"),
            models.UniqueConstraint(fields=["commitment", "organization"], condition=Q(state="draft"),
                                    name="progressreport_one_draft_per_commitment"),
        ]

    def __str__(self):
        version = f"v{self.version}" if self.version else "draft"
        return f"{self.organization}: {self.get_status_display()} ({version}) on {self.target}"

    def get_absolute_url(self):
        return self.target.get_absolute_url() + f"#report-{self.pk}"

    @property
    def target(self):
        return self.recommendation if self.recommendation_id else self.commitment

    @property
    def kind(self) -> str:
        return "recommendation" if self.recommendation_id else "commitment"

    @property
    def pair_key(self) -> tuple:
        return (self.kind, self.recommendation_id or self.commitment_id, self.organization_id)

    @property
    def is_draft(self) -> bool:
        return self.state == ReportState.DRAFT

    def visible_to(self, user) -> bool:
        return ProgressReport.objects.visible_to(user).filter(pk=self.pk).exists()

    def handled_by(self, user) -> bool:
        """May `user` submit, add evidence to or discard this report? Its organization's focal points and the
        secretariat (the services check separately that it is still a draft)."""
        return may_report_for(user, self.organization)


def evidence_upload_to(instance, filename):
    """An unguessable path: files are served only through the access-checked evidence view."""
    return unguessable_name("outcomes/evidence", filename)


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=1000, blank=True)
    file = models.FileField(upload_to=evidence_upload_to, blank=True)
    label = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(file=""), name="evidence_url_or_file"),
        ]

    def __str__(self):
        return self.label or self.url or self.file.name

    def get_absolute_url(self):
        return self.url or reverse("outcomes:evidence", args=[self.pk])


class RoundState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


ROUND_TRANSITIONS = TransitionTable({RoundState.OPEN: {RoundState.CLOSED}, RoundState.CLOSED: {RoundState.OPEN}},
                                    labels=dict(RoundState.choices))


class FollowUpRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=RoundState.OPEN)


class FollowUpRound(models.Model):
    """The secretariat asks a set of members to report on a set of recommendations by a deadline."""

    title = models.CharField(max_length=300)
    forum = models.ForeignKey("dialogues.Forum", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recommendations = models.ManyToManyField("outcomes.Recommendation", related_name="followup_rounds")
    organizations = models.ManyToManyField("directory.Organization", related_name="followup_rounds",
                                           help_text=_("The addressed members"))
    deadline = models.DateField()
    message = models.TextField(blank=True, help_text=_("Added to the invitation and reminder e-mails"))
    state = models.CharField(max_length=10, choices=RoundState.choices, default=RoundState.OPEN)
    opened_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = FollowUpRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:round", args=[self.pk])


class ReminderLog(models.Model):
    """One reminder e-mail sent to one focal point for one round (so cron runs do not repeat it too often)."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reminders")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    email = models.EmailField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.round}: {self.email} at {self.sent_at:%Y-%m-%d %H:%M}"
