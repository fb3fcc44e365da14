import datetime

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.hooks import OpenDataExport, Scheduled


class CallsConfig(AppConfig):
    """Fills in the colloquy.core.hooks registries (the focal point's desk, the event page, the navigation, the
    worker's schedule). The hooks import inside their bodies: this module loads before the models can."""

    name = "colloquy.calls"
    label = "calls"
    verbose_name = "Calls to members"
    schedule = [
        Scheduled("send-call-reminders", "0 8 * * *", "colloquy.calls.tasks.send_call_reminders",
                  "remind members that have not answered a call closing within 7 days (once per call and address)",
                  catch_up=datetime.timedelta(hours=12)),
    ]

    def open_data_exports(self):
        # on call: apps.py loads before the app registry is ready
        from colloquy.calls import opendata

        return [OpenDataExport("calls", _("Calls to members (without the answers)"), opendata.COLUMNS,
                               opendata.call_rows)]

    def nav_items(self, request):
        # on call: apps.py loads before the app registry is ready
        from colloquy.core.access import focal_organization, is_secretariat

        if is_secretariat(request.user) or focal_organization(request.user) is not None:
            return [{"label": _("Calls"), "url": reverse("calls:list")}]
        return []

    def member_panel(self, request, organization):
        # on call: apps.py loads before the app registry is ready
        from colloquy.calls import panels

        return panels.member_panel(request, organization)

    def event_panel(self, request, event):
        # on call: apps.py loads before the app registry is ready
        from colloquy.calls import panels

        return panels.event_panel(request, event)
