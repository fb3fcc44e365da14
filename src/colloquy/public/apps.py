from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "colloquy.public"
    label = "public"
    verbose_name = "Public site"
