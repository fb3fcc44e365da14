from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "colloquy.reference"
    label = "reference"
    verbose_name = "Reference data"
