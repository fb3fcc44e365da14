from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "colloquy.ingest"
    label = "ingest"
    verbose_name = "Ingestion and review"

    def nav_items(self, request):
        from django.urls import reverse

        from colloquy.ingest.access import can_review

        if can_review(request.user):
            return [{"label": _("Review queue"), "url": reverse("ingest:queue")}]
        return []
