from django.apps import AppConfig
from django.urls import reverse


class BallotsConfig(AppConfig):
    """Fills in the colloquy.core.hooks registries. The hooks import inside their bodies because this module is
    imported while the app registry loads, before the models (which the panels import) can be imported."""

    name = "colloquy.ballots"
    label = "ballots"
    verbose_name = "Theme selection and ballots"

    def nav_items(self, request):
        return [{"label": "Ballots", "url": reverse("ballots:list")}]

    def event_panel(self, request, event):
        from colloquy.ballots import panels  # loaded at call time: panels import the models

        return panels.event_panel(request, event)

    def cycle_intro_panel(self, request, cycle):
        from colloquy.ballots import panels  # loaded at call time: panels import the models

        return panels.cycle_panel(request, cycle)

    def secretariat_desk_panel(self, request, today):
        from colloquy.ballots import desk_panel  # loaded at call time: it imports the models

        return desk_panel.desk_panel(request, today)

    def member_panel(self, request, organization):
        from colloquy.ballots import panels  # loaded at call time: panels import the models

        return panels.member_panel(request, organization)
