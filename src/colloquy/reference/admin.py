from django.contrib import admin

from colloquy.reference.models import GcmObjective, SdgTarget


@admin.register(GcmObjective)
class GcmObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    search_fields = ["title"]


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "title"]
    search_fields = ["code", "title"]
