"""Admin edits are changes too: this mixin writes them to the audit log like the services do."""

from django.contrib import admin

from colloquy.audit import log as audit


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        label = obj._meta.model_name
        audit.record(actor=request.user, action=f"{label}.{'update' if change else 'create'}", target=obj,
                     before=before, after=audit.snapshot(obj), note="admin")

    def delete_model(self, request, obj):
        before = audit.snapshot(obj)
        target_repr = str(obj)
        super().delete_model(request, obj)
        entry = audit.record(actor=request.user, action=f"{obj._meta.model_name}.delete", before=before, note="admin")
        entry.target_repr = target_repr[:300]
        entry.save(update_fields=["target_repr"])

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
