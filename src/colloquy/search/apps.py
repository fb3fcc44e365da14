from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "colloquy.search"
    label = "search"
    verbose_name = "Search"
