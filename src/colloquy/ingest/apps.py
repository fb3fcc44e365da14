from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat


class IngestConfig(AppConfig):
    name = "colloquy.ingest"
    label = "ingest"
    verbose_name = "Ingestion and review"

    def secretariat_desk_panel(self, request, today):
        from colloquy.ingest import desk_panel  # loaded at call time: it imports the models

        return desk_panel.desk_panel(request, today)

    def nav_items(self, request):
        if is_secretariat(request.user):
            return [{"label": _("Review queue"), "url": reverse("ingest:queue")}]
        return []
