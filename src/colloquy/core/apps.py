from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "colloquy.core"
    label = "core"
    verbose_name = "Colloquy core"

    def ready(self):
        from colloquy.core import sqlite  # registers the system checks of the SQLite library in use

        sqlite.warn_at_start()
