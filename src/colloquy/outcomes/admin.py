from django.contrib import admin

from colloquy.audit import log as audit
from colloquy.audit.admin_mixins import AuditedAdmin
from colloquy.outcomes.models import (
    Commitment,
    Evidence,
    FollowUpRound,
    GoodPractice,
    KeyMessage,
    ProgressReport,
    Recommendation,
    ReminderLog,
    TagDecision,
)

TAGS = ["gcm_objectives", "sdg_targets"]


@admin.register(KeyMessage)
class KeyMessageAdmin(AuditedAdmin):
    list_display = ["__str__", "event", "cycle", "order", "published"]
    list_filter = ["published"]
    search_fields = ["text"]
    raw_id_fields = ["event", "cycle", "session"]
    filter_horizontal = TAGS


@admin.register(Recommendation)
class RecommendationAdmin(AuditedAdmin):
    list_display = ["__str__", "addressee", "category", "event", "cycle", "published"]
    list_filter = ["addressee", "published", "gcm_objectives"]
    search_fields = ["text", "category", "addressee_detail"]
    raw_id_fields = ["event", "cycle", "session"]
    filter_horizontal = [*TAGS, "addressed_organizations"]

    def save_related(self, request, form, formsets, change):
        rec = form.instance
        before = sorted(rec.addressed_organizations.values_list("pk", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        after = sorted(rec.addressed_organizations.values_list("pk", flat=True))
        if before != after:
            audit.record(actor=request.user, action="recommendation.address", target=rec,
                         before={"addressed_organizations": before}, after={"addressed_organizations": after}, note="admin")


@admin.register(GoodPractice)
class GoodPracticeAdmin(AuditedAdmin):
    list_display = ["title", "country", "actor", "event", "published"]
    list_filter = ["published", "gcm_objectives"]
    search_fields = ["title", "description", "actor"]
    raw_id_fields = ["event", "cycle", "session", "presenter"]
    filter_horizontal = TAGS


@admin.register(Commitment)
class CommitmentAdmin(AuditedAdmin):
    list_display = ["__str__", "organization", "target_date", "published"]
    list_filter = ["published"]
    search_fields = ["text", "organization__name"]
    raw_id_fields = ["event", "cycle", "session", "organization"]
    filter_horizontal = TAGS


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(AuditedAdmin):
    """Read-only: reports are filed through the follow-up pages or the API and are never overwritten."""

    list_display = ["organization", "target", "status", "state", "version", "submitted_at"]
    list_filter = ["state", "status"]
    search_fields = ["organization__name", "narrative"]
    inlines = [EvidenceInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(AuditedAdmin):
    list_display = ["title", "deadline", "state", "opened_at"]
    list_filter = ["state"]
    filter_horizontal = ["recommendations", "organizations"]
    readonly_fields = ["opened_at", "created_by"]

    def has_add_permission(self, request):
        return False  # launch rounds from /outcomes/rounds/new/ so invitations are sent


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["round", "organization", "email", "sent_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(TagDecision)
class TagDecisionAdmin(admin.ModelAdmin):
    list_display = ["target_type", "target_id", "objective", "decision", "method", "score", "actor", "decided_at"]
    list_filter = ["decision", "method"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
