from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.hooks import OpenDataExport, Scheduled


class BallotsConfig(AppConfig):
    """Fills in the colloquy.core.hooks registries. The hooks import inside their bodies because this module is
    imported while the app registry loads, before the models (which the panels import) can be imported."""

    name = "colloquy.ballots"
    label = "ballots"
    verbose_name = "Theme selection and ballots"
    schedule = [
        Scheduled("ballot-close --due", "* * * * *", "colloquy.ballots.tasks.close_due",
                  "close open ballots whose close has passed, e-mail the results"),
        Scheduled("ballot-remind", "0 * * * *", "colloquy.ballots.tasks.send_reminders",
                  "remind members that have not voted (once per ballot, reminder_days before the close)"),
    ]

    def open_data_exports(self):
        from colloquy.ballots import opendata  # loaded at call time: it imports the models

        return [OpenDataExport("themes", _("Themes proposed and not selected, with their votes"), opendata.COLUMNS,
                               opendata.theme_rows)]

    def nav_items(self, request):
        return [{"label": _("Ballots"), "url": reverse("ballots:list")}]

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
