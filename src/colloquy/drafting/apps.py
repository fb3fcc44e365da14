from django.apps import AppConfig


class DraftingConfig(AppConfig):
    """Documents drafted from the record: summaries of conclusions and discussion notes (docs/drafting.md)."""

    name = "colloquy.drafting"
    label = "drafting"
    verbose_name = "Drafted documents"

    def event_panel(self, request, event):
        # on call: apps.py loads before the app registry is ready
        from colloquy.drafting.panels import event_panel

        return event_panel(request, event)

    def cycle_panel(self, request, cycle):
        # on call: apps.py loads before the app registry is ready
        from colloquy.drafting.panels import cycle_panel

        return cycle_panel(request, cycle)

    def nav_items(self, request):
        # on call: apps.py loads before the app registry is ready
        from colloquy.drafting.panels import nav_items

        return nav_items(request)
