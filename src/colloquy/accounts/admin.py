from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

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
