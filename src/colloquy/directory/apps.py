from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "colloquy.directory"
    label = "directory"
    verbose_name = "Directory (organizations and people)"
