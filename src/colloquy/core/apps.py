from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "colloquy.core"
    label = "core"
    verbose_name = "Colloquy core"
