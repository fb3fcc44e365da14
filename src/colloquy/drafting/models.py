"""Drafted documents: the stored templates (section order, headings, boilerplate) and the versioned drafts.

A draft's `body` is plain text in a small line markup the secretariat edits in a text area (docs/drafting.md):
`# Heading`, `## Subheading`, `1. numbered paragraph`, `- bullet`, anything else a paragraph.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat

LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]


class DraftKind(models.TextChoices):
    SUMMARY = "summary_of_conclusions", _("Summary of conclusions")
    DISCUSSION_NOTE = "discussion_note", _("Discussion note")


class DraftState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class DocumentTemplate(models.Model):
    """How one kind of document is laid out in one language: `sections` is a list of
    {"key": builder section or "text", "heading": str, "boilerplate": str}, in order."""

    kind = models.CharField(max_length=30, choices=DraftKind.choices)
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    sections = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "language"]
        constraints = [models.UniqueConstraint(fields=["kind", "language"], name="one_template_per_kind_language")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts are the secretariat's working papers: nobody else sees them (issued ones are archive Documents)."""
        return self if is_secretariat(user) else self.none()

    def of_target(self, *, kind, event=None, cycle=None, language):
        return self.filter(kind=kind, event=event, cycle=cycle, language=language)


class Draft(models.Model):
    kind = models.CharField(max_length=30, choices=DraftKind.choices)
    event = models.ForeignKey("dialogues.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="drafts")
    cycle = models.ForeignKey("dialogues.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="drafts")
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=DraftState.choices, default=DraftState.DRAFT)
    symbol = models.CharField(max_length=60, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    document = models.ForeignKey("dialogues.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(event__isnull=False) | Q(cycle__isnull=False), name="draft_has_a_target",
                                   violation_error_message="A draft is for an event or a cycle."),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_issued(self) -> bool:
        return self.state == DraftState.ISSUED

    @property
    def target(self):
        return self.event or self.cycle

    def file_stem(self) -> str:
        slug = self.event.slug if self.event_id else f"{self.cycle.forum.slug}-{self.cycle.year}"
        return f"{slug}-{self.kind.replace('_', '-')}-{self.language}-v{self.version}"
