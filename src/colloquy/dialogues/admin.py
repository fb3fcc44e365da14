from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from colloquy.audit.admin_mixins import AuditedAdmin
from colloquy.core.errors import DomainError
from colloquy.dialogues import services
from colloquy.dialogues.models import Cycle, Document, Event, EventFunding, Forum, Session, SessionParticipant


@admin.register(Forum)
class ForumAdmin(TranslationAdmin, AuditedAdmin):  # the English, French and Spanish versions (docs/translation.md)
    list_display = ["name", "acronym", "secretariat"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["acronym"]}


@admin.register(Cycle)
class CycleAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["forum", "year", "overarching_theme", "state"]
    list_filter = ["forum", "state"]
    search_fields = ["overarching_theme"]
    ordering = ["-year"]


class SessionInline(TranslationTabularInline):
    model = Session
    extra = 0
    fields = ["date", "start_time", "end_time", "title", "kind", "room", "order"]
    show_change_link = True


class FundingInline(admin.TabularInline):
    model = EventFunding
    extra = 0
    autocomplete_fields = ["donor"]


class DocumentInline(admin.TabularInline):
    model = Document
    fk_name = "event"
    extra = 0
    fields = ["title", "symbol", "doc_type", "language", "access", "status", "file"]
    show_change_link = True


@admin.register(Event)
class EventAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["title", "kind", "start_date", "city", "status", "cycle"]
    list_filter = ["kind", "status", "funding_status", "cycle__forum", "cycle__year"]
    search_fields = ["title", "city", "venue", "description"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["co_organizers"]
    inlines = [SessionInline, FundingInline, DocumentInline]
    actions = ["duplicate_event"]
    readonly_fields = ["public_link"]

    @admin.display(description="Public page")
    def public_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url()) if obj.pk else ""

    @admin.action(description="Duplicate selected events (with programme) as proposed")
    def duplicate_event(self, request, queryset):
        for event in queryset:
            try:
                copy = services.event_duplicate(actor=request.user, event=event)
            except DomainError as exc:
                self.message_user(request, f"{event}: {exc.message}", messages.ERROR)
                continue
            url = reverse("admin:dialogues_event_change", args=[copy.pk])
            self.message_user(request, format_html('Created <a href="{}">{}</a>.', url, copy), messages.SUCCESS)


class SessionParticipantInline(admin.TabularInline):
    model = SessionParticipant
    extra = 1
    autocomplete_fields = ["person", "organization"]
    fields = ["role", "person", "organization", "affiliation_title", "order"]


@admin.register(Session)
class SessionAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["title", "event", "date", "start_time", "end_time", "kind"]
    list_filter = ["kind", "event__cycle__forum"]
    search_fields = ["title", "event__title", "participants__person__name"]
    inlines = [SessionParticipantInline]
    autocomplete_fields = ["event"]


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["title", "symbol", "doc_type", "date", "language", "access", "status"]
    list_filter = ["doc_type", "language", "access", "status", "forum"]
    search_fields = ["title", "symbol"]
    autocomplete_fields = ["event", "cycle", "parent"]
    raw_id_fields = ["session"]
