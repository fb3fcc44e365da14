"""Admin: consultations and proposals are edited here (audited); ballots, their log and decisions are read-only
here, because their rules live in the services (secretariat screens, API, CLI)."""

from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline

from colloquy.audit.admin_mixins import AuditedAdmin
from colloquy.ballots.models import (
    Ballot,
    BallotOption,
    CastLog,
    Consultation,
    ConsultationMeeting,
    Decision,
    Proposal,
    Suggestion,
)


class ProposalInline(TranslationStackedInline):  # title, rationale, questions in three languages
    model = Proposal
    extra = 0
    filter_horizontal = ["gcm_objectives"]
    autocomplete_fields = ["documents"]


class MeetingInline(admin.TabularInline):
    model = ConsultationMeeting
    extra = 0
    raw_id_fields = ["event", "minutes"]


@admin.register(Consultation)
class ConsultationAdmin(AuditedAdmin):
    list_display = ["title", "cycle", "level", "state", "created_at"]
    list_filter = ["state", "level", "cycle__forum"]
    inlines = [ProposalInline, MeetingInline]


@admin.register(Suggestion)
class SuggestionAdmin(AuditedAdmin):
    list_display = ["__str__", "consultation", "organization", "kind", "status"]
    list_filter = ["status", "kind"]
    readonly_fields = ["consultation", "proposal", "organization", "author", "kind", "title", "text", "created_at"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OptionInline(admin.TabularInline):
    model = BallotOption
    extra = 0
    fields = ["order", "label", "proposal"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["title", "cycle", "method", "state", "opens_at", "closes_at"]
    list_filter = ["state", "method", "cycle__forum"]
    inlines = [OptionInline]


@admin.register(CastLog)
class CastLogAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "seq", "kind", "organization", "user_label", "at", "entry_hash"]
    list_filter = ["kind", "ballot"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "outcome", "quorum_met", "decided_at"]
