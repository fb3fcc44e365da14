from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "colloquy.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes and follow-up"

    def country_panel(self, request, code):
        from colloquy.outcomes.panels import country_panel

        return country_panel(request, code)

    def event_panel(self, request, event):
        from colloquy.outcomes.panels import event_panel

        return event_panel(request, event)

    def organization_panel(self, request, org):
        from colloquy.outcomes.panels import organization_panel

        return organization_panel(request, org)

    def nav_items(self, request):
        from colloquy.outcomes.panels import nav_items

        return nav_items(request)
