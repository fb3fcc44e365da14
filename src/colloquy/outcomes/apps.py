from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "colloquy.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes and follow-up"
