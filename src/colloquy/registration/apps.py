from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "colloquy.registration"
    label = "registration"
    verbose_name = "Running events: programme, registration, statistics"
