from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "colloquy.dialogues"
    label = "dialogues"
    verbose_name = "Dialogues (forums, cycles, events)"
