"""Admin views of registrations. State changes go through the desk or the API (transition table,
capacity lock, e-mails), so the state is read-only here."""

from django.contrib import admin

from colloquy.audit.admin_mixins import AuditedAdmin
from colloquy.registration.models import Participant, Registration, RegistrationSettings


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(AuditedAdmin):
    list_display = ["event", "opens_at", "closes_at", "capacity", "waitlist_enabled", "note_verbale_required"]
    search_fields = ["event__title"]
    raw_id_fields = ["event"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["honorific", "name", "title", "gender", "role", "attendance", "interpretation_language",
              "consents_to_publication", "order"]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ["organization_name", "event", "kind", "category", "state", "created_at"]
    list_filter = ["state", "kind", "category"]
    search_fields = ["organization_name", "event__title", "participants__name"]
    raw_id_fields = ["event", "organization", "submitted_by"]
    readonly_fields = ["state", "state_changed_at", "waitlisted_at", "created_at"]
    inlines = [ParticipantInline]
