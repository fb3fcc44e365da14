"""Ingested source files and the proposals extracted from them, awaiting review."""

from django.conf import settings
from django.db import models

from colloquy.core.access import is_secretariat


class SourceFileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ingested files and their proposals are the secretariat's working material: nobody else sees them."""
        return self if is_secretariat(user) else self.none()


class SourceFile(models.Model):
    """One ingested file (identified by the sha256 of its bytes) and the document it became."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=300)
    format = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    document = models.OneToOneField("dialogues.Document", on_delete=models.CASCADE, related_name="source_file")
    extraction = models.JSONField(help_text="The colloquy.extract/1 record as extracted")
    extractor = models.CharField(max_length=40, default="rules")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = SourceFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class ProposalKind(models.TextChoices):
    EVENT = "event", "Event"
    SESSION = "session", "Programme session"
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization (donor)"
    THEME = "theme", "Theme"
    KEY_MESSAGE = "key_message", "Key message"
    RECOMMENDATION = "recommendation", "Recommendation"
    GOOD_PRACTICE = "good_practice", "Good practice"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class MatchType(models.TextChoices):
    NEW = "new", "New record"
    EXACT = "exact", "Matches an existing record"
    ALIAS = "alias", "Matches by alias"
    AMBIGUOUS = "ambiguous", "Ambiguous: several or fuzzy candidates; needs a decision"


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProposalStatus.PROPOSED)

    def for_document(self, document):
        return self.filter(source=document.source_file)

    def visible_to(self, user):
        """The proposals of the files `user` may see (SourceFile.objects.visible_to)."""
        return self if is_secretariat(user) else self.none()


class Proposal(models.Model):
    """One extracted item. Accepting it creates (or links) a real record with a Citation to the passage."""

    source = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="proposals")
    document = models.ForeignKey("dialogues.Document", on_delete=models.CASCADE, related_name="+",
                                 help_text="The (child) document the passage belongs to")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices, db_index=True)
    data = models.JSONField(help_text="The extracted fields (editable before acceptance)")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Offset into the document's text")
    end = models.PositiveIntegerField(null=True, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(max_length=60, blank=True)
    confidence = models.FloatField(default=0.5)
    event_proposal = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="dependents",
                                       help_text="The event this item belongs to")
    match = models.CharField(max_length=12, choices=MatchType.choices, default=MatchType.NEW)
    candidates = models.JSONField(default=list, blank=True, help_text="[{id, name, score}] of possible existing records")
    status = models.CharField(max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED, db_index=True)
    target_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["source", "order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

    @property
    def summary(self) -> str:
        d = self.data or {}
        return str(d.get("title") or d.get("name") or d.get("text") or "")[:160]

    @property
    def target(self):
        if not self.target_type_id:
            return None
        return self.target_type.get_object_for_this_type(pk=self.target_id)

    def passage(self, context: int = 300) -> tuple[str, str, str]:
        """(before, passage, after) from the document text, for highlighting in context."""
        text = self.document.text or ""
        if self.start is None or self.end is None:
            return "", "", ""
        return (text[max(0, self.start - context):self.start], text[self.start:self.end],
                text[self.end:self.end + context])
