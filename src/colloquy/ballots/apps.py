from django.apps import AppConfig


class BallotsConfig(AppConfig):
    name = "colloquy.ballots"
    label = "ballots"
    verbose_name = "Theme selection and ballots"
