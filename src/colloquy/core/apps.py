from django.apps import AppConfig

from colloquy.core.health import core_checks


class CoreConfig(AppConfig):
    name = "colloquy.core"
    label = "core"
    verbose_name = "Colloquy core"

    def ready(self):
        from colloquy.core import sqlite  # registers the system checks of the SQLite library in use

        sqlite.warn_at_start()

    def health_checks(self):
        """/healthz: the database and free disk space (core/health.py)."""
        return core_checks()
