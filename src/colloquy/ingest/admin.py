"""Read-only admin views of ingested files and proposals; reviewing happens in the review queue (/ingest/)."""

from django.contrib import admin

from colloquy.ingest.models import Proposal, SourceFile


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SourceFile)
class SourceFileAdmin(ReadOnlyAdmin):
    list_display = ["name", "format", "size", "document", "created_at"]
    search_fields = ["name", "sha256", "document__title", "document__symbol"]
    exclude = ["extraction"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["kind", "summary", "status", "match", "confidence", "label", "source"]
    list_filter = ["kind", "status", "match"]
    search_fields = ["data"]
