from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from colloquy.accounts.lockout import attempts_lift
from colloquy.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Colloquy", {"fields": ("organization", "timezone", "language")}))
    list_display = ["username", "email", "organization", "is_staff", "is_active"]
    list_filter = [*BaseUserAdmin.list_filter, "organization__category"]
    autocomplete_fields = ["organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    search_fields = ["user__username", "name", "prefix"]


# Login lockouts: axes' own admin, with the secretariat's deletions audited (accounts/lockout.py).
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    actions = ["lift_lockout"]

    @admin.action(description="Lift the lockout (audited)")
    def lift_lockout(self, request, queryset):
        removed = attempts_lift(attempts=queryset, actor=request.user)
        self.message_user(request, f"Lifted {removed} lockout record(s).")

    def delete_model(self, request, obj):
        attempts_lift(attempts=[obj], actor=request.user)

    def delete_queryset(self, request, queryset):
        attempts_lift(attempts=queryset, actor=request.user)
