from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "colloquy.ingest"
    label = "ingest"
    verbose_name = "Ingestion and review"
