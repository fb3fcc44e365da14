from django.apps import AppConfig
from django.urls import reverse

from colloquy.core.access import is_secretariat


class IngestConfig(AppConfig):
    name = "colloquy.ingest"
    label = "ingest"
    verbose_name = "Ingestion and review"

    def nav_items(self, request):
        if is_secretariat(request.user):
            return [{"label": "Review queue", "url": reverse("ingest:queue")}]
        return []
