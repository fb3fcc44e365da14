from django.contrib import admin

from colloquy.calls.models import Call, CallResponse


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """Read-only: calls are opened, closed and decided through the services (the desk, the API)."""

    list_display = ["title", "kind", "event", "cycle", "deadline", "state"]
    list_filter = ["kind", "state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CallResponse)
class CallResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "organization", "status", "consent"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
