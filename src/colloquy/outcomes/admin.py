"""The secretariat's admin. New key messages, recommendations and good practices are saved by the outcomes
services (validation, audit entry), addressed members are set by `recommendation_address`; other edits are
audited by AuditedAdmin."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from colloquy.audit.admin_mixins import AuditedAdmin
from colloquy.core.access import is_secretariat
from colloquy.core.translated import versions_of
from colloquy.outcomes import services
from colloquy.outcomes.models import (
    AddresseeResponse,
    Commitment,
    Evidence,
    FollowUpRound,
    GoodPractice,
    Indicator,
    KeyMessage,
    ProgressReport,
    Recommendation,
    RecommendationCluster,
    ReminderLog,
    TagDecision,
)

TAGS = ["gcm_objectives", "sdg_targets"]


class CreatedByService(AuditedAdmin):
    """Adding a record calls `create(request, obj)`, the owning service; changing one stays AuditedAdmin's."""

    def create(self, request, obj):
        raise NotImplementedError

    def has_add_permission(self, request):
        # The creating services are the secretariat's (a staff user outside it would meet a refused save).
        return super().has_add_permission(request) and is_secretariat(request.user)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        record = self.create(request, obj)
        # The admin goes on with `obj` (its many-to-many fields, inlines, log entry, redirect): make it the saved row.
        for field in obj._meta.concrete_fields:
            setattr(obj, field.attname, getattr(record, field.attname))
        obj._state.adding = False
        obj._state.db = record._state.db


@admin.register(KeyMessage)
class KeyMessageAdmin(TranslationAdmin, CreatedByService):  # text in three languages (docs/translation.md)
    list_display = ["__str__", "event", "cycle", "order", "state"]
    list_filter = ["state"]
    search_fields = ["text"]
    raw_id_fields = ["event", "cycle", "session", "speaker"]
    filter_horizontal = TAGS

    def create(self, request, obj):
        return services.key_message_create(actor=request.user, text=obj.text_en, event=obj.event, cycle=obj.cycle,
                                           session=obj.session, speaker=obj.speaker, order=obj.order,
                                           state=obj.state, versions=versions_of(obj, ["text"]))


@admin.register(Recommendation)
class RecommendationAdmin(TranslationAdmin, CreatedByService):
    list_display = ["__str__", "addressee", "category", "event", "cycle", "state"]
    list_filter = ["addressee", "state", "gcm_objectives"]
    search_fields = ["text", "category", "addressee_detail"]
    raw_id_fields = ["event", "cycle", "session", "speaker"]
    filter_horizontal = [*TAGS, "addressed_organizations"]

    def create(self, request, obj):
        return services.recommendation_create(
            actor=request.user, text=obj.text_en, versions=versions_of(obj, ["text"]), event=obj.event, cycle=obj.cycle,
            session=obj.session,
            addressee=obj.addressee, addressee_detail=obj.addressee_detail, category=obj.category, order=obj.order,
            speaker=obj.speaker, state=obj.state)

    def save_related(self, request, form, formsets, change):
        # The addressed members are set by their service (audited), not by the form's many-to-many save.
        organizations = form.cleaned_data.pop("addressed_organizations", None)
        super().save_related(request, form, formsets, change)
        rec = form.instance
        if organizations is None:
            return
        if {o.pk for o in organizations} != set(rec.addressed_organizations.values_list("pk", flat=True)):
            services.recommendation_address(recommendation=rec, organizations=organizations, actor=request.user)


@admin.register(GoodPractice)
class GoodPracticeAdmin(TranslationAdmin, CreatedByService):
    list_display = ["title", "country", "actor", "event", "state"]
    list_filter = ["state", "gcm_objectives"]
    search_fields = ["title", "description", "actor"]
    raw_id_fields = ["event", "cycle", "session", "presenter"]
    filter_horizontal = TAGS

    def create(self, request, obj):
        return services.good_practice_create(
            actor=request.user, title=obj.title_en, versions=versions_of(obj, ["title"]), description=obj.description, country=obj.country,
            practice_actor=obj.actor, event=obj.event, cycle=obj.cycle, session=obj.session, presenter=obj.presenter,
            order=obj.order, state=obj.state)


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
    list_display = ["target_type", "target_id", "objective", "sdg_target", "decision", "method", "score", "actor", "decided_at"]
    list_filter = ["decision", "method"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written through the follow-up pages and the API (the services audit them); the admin lists them."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(AddresseeResponse)
class AddresseeResponseAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "organization", "position", "responded_on", "responsible_institution"]
    list_filter = ["position"]
    search_fields = ["organization__name", "responsible_institution", "text"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["label", "organization", "baseline", "target", "target_date", "current_value"]
    search_fields = ["label", "organization__name"]


@admin.register(RecommendationCluster)
class RecommendationClusterAdmin(ReadOnlyAdmin):
    list_display = ["title", "created_at"]
    search_fields = ["title"]
