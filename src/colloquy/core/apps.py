from django.apps import AppConfig
from django.db.backends.signals import connection_created

from colloquy.core import records


class CoreConfig(AppConfig):
    name = "colloquy.core"
    label = "core"
    verbose_name = "Colloquy core"

    def ready(self):
        from colloquy.core import sqlite  # registers the system checks of the SQLite library in use

        sqlite.warn_at_start()
        connection_created.connect(records.install, dispatch_uid="colloquy_record_version")
