from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat
from colloquy.core.hooks import OpenDataExport


class FundingConfig(AppConfig):
    """Fills in the colloquy.core.hooks registries. The hooks import inside their bodies because this module is
    imported while the app registry loads, before the models (which the panels import) can be imported."""

    name = "colloquy.funding"
    label = "funding"
    verbose_name = "Funding: pledges and budgets"

    def event_panel(self, request, event):
        from colloquy.funding import panels  # loaded at call time: panels import the models

        return panels.event_panel(request, event)

    def cycle_panel(self, request, cycle):
        from colloquy.funding import panels  # loaded at call time: panels import the models

        return panels.cycle_panel(request, cycle)

    def member_panel(self, request, organization):
        from colloquy.funding import panels  # loaded at call time: panels import the models

        return panels.member_panel(request, organization)

    def open_data_exports(self):
        from colloquy.funding import opendata  # loaded at call time: it imports the models

        return [OpenDataExport("pledges", _("Public pledges"), opendata.PLEDGE_COLUMNS, opendata.pledge_rows),
                OpenDataExport("budgets", _("Event budgets and their coverage"), opendata.BUDGET_COLUMNS,
                               opendata.budget_rows)]

    def nav_items(self, request):
        if not is_secretariat(request.user):
            return []
        return [{"label": _("Funding"), "url": reverse("funding:home")}]
