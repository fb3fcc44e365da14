from django.apps import AppConfig
from django.db.backends.signals import connection_created

from colloquy.core import records
from colloquy.core.health import core_checks


class CoreConfig(AppConfig):
    name = "colloquy.core"
    label = "core"
    verbose_name = "Colloquy core"

    def ready(self):
        # registers the system checks: the SQLite library in use; the production secret key
        from colloquy.core import production, sqlite  # noqa: F401

        sqlite.warn_at_start()
        connection_created.connect(records.install, dispatch_uid="colloquy_record_version")
        # imported once the apps are loaded: modeltranslation's registry reads the models
        from colloquy.core import translated

        translated.connect()

    def health_checks(self):
        """/healthz: the database and free disk space (core/health.py), and the task queue (core/worker.py)."""
        from colloquy.core.worker import queue_check  # at call time: it imports the queue's models

        return {**core_checks(), "tasks": queue_check()}
