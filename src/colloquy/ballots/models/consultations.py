"""Consultations on a cycle: the secretariat's proposals, members' suggestions and comments, meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_member_of_forum, is_secretariat, member_forum_ids
from colloquy.dialogues.models import ThemeLevel


class ConsultationState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ConsultationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ConsultationState.OPEN)

    def visible_to(self, user):
        """The secretariat sees every consultation; a focal point those of the forums its organization belongs
        to today; nobody else any."""
        if is_secretariat(user):
            return self.all()
        return self.filter(cycle__forum_id__in=member_forum_ids(user))


class Consultation(models.Model):
    """The membership is consulted on the overarching theme, or on workshop topics, of a cycle."""

    cycle = models.ForeignKey("dialogues.Cycle", on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(max_length=300)
    level = models.CharField(max_length=20, choices=ThemeLevel.choices, default=ThemeLevel.OVERARCHING)
    description = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=ConsultationState.choices, default=ConsultationState.OPEN)
    deadline = models.DateTimeField(null=True, blank=True,
                                    help_text=_("Suggestions are accepted until this moment; none = until closed"))
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ballots:consultation", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == ConsultationState.OPEN

    def is_accepting(self, now=None) -> bool:
        """Open and, if it has a deadline, before it: after the deadline a consultation takes no suggestions
        whatever its state says."""
        return self.is_open and (self.deadline is None or (now or timezone.now()) < self.deadline)

    def accepts_suggestions_from(self, user) -> bool:
        """Open, before its deadline, and `user` is a focal point of a member of the forum today."""
        if not self.is_accepting():
            return False
        return is_member_of_forum(user, self.cycle.forum)


class Proposal(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=400)
    rationale = models.TextField(blank=True)
    guiding_questions = models.TextField(blank=True, help_text=_("One question per line"))
    gcm_objectives = models.ManyToManyField("reference.GcmObjective", blank=True, related_name="theme_proposals")
    documents = models.ManyToManyField("dialogues.Document", blank=True, related_name="theme_proposals")
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to",
                                     help_text=_("The earlier cycle's proposal this one carries over"))

    class Meta:
        ordering = ["consultation_id", "order", "id"]

    def __str__(self):
        return self.title

    @property
    def questions(self) -> list[str]:
        return [q.strip() for q in self.guiding_questions.splitlines() if q.strip()]


class SuggestionKind(models.TextChoices):
    ALTERNATIVE = "alternative", _("Alternative proposal")
    COMMENT = "comment", _("Comment")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    MERGED = "merged", _("Merged into a proposal")
    DECLINED = "declined", _("Declined")


class Suggestion(models.Model):
    """A member's alternative proposal or comment, submitted while the consultation is open."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="suggestions")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="comments",
                                 help_text=_("The proposal commented on, if any"))
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="theme_suggestions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=12, choices=SuggestionKind.choices, default=SuggestionKind.ALTERNATIVE)
    title = models.CharField(max_length=400, blank=True)
    text = models.TextField()
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING)
    merged_into = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_suggestions")
    decline_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SuggestionStatus.DECLINED) | ~Q(decline_reason=""),
                name="declined_suggestion_has_reason",
                violation_error_message="A declined suggestion needs a reason.",
            ),
        ]

    def __str__(self):
        return self.title or self.text[:60]


class ConsultationMeeting(models.Model):
    """An informal consultation meeting (an Event of kind consultation) and its minutes."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="meetings")
    event = models.ForeignKey("dialogues.Event", on_delete=models.PROTECT, related_name="theme_consultations")
    minutes = models.ForeignKey("dialogues.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["event__start_date"]
        constraints = [models.UniqueConstraint(fields=["consultation", "event"], name="one_link_per_meeting")]

    def __str__(self):
        return f"{self.event} — {self.consultation}"
