from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "colloquy.audit"
    label = "audit"
    verbose_name = "Audit log"
