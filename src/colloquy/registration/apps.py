from django.apps import AppConfig

from colloquy.core.hooks import Scheduled


class RegistrationConfig(AppConfig):
    name = "colloquy.registration"
    label = "registration"
    verbose_name = "Running events: programme, registration, statistics"
    schedule = [
        Scheduled("expire-offers", "*/5 * * * *", "colloquy.registration.tasks.expire_offers",
                  "expire unanswered waitlist offers and offer the places to the next in line"),
    ]

    # The hooks import their modules when first called: apps.py is loaded before the app registry is ready,
    # and those modules import models.

    def event_panel(self, request, event):
        # on call: apps.py loads before the app registry is ready
        from colloquy.registration.panels import event_panel

        return event_panel(request, event)

    def event_panel_refresh(self, event):
        """Stale offers would hide free places: expire them before the panel is shown, cached or not (one cheap
        query; an expiry is a write, so the cached panel is rendered again)."""
        # on call: apps.py loads before the app registry is ready
        from colloquy.core.access import SYSTEM
        from colloquy.registration import services

        services.offers_expire(actor=SYSTEM, event=event)

    def nav_items(self, request):
        # on call: apps.py loads before the app registry is ready
        from colloquy.registration.panels import nav_items

        return nav_items(request)

    def secretariat_desk_panel(self, request, today):
        from colloquy.registration import desk_panel  # loaded at call time: it imports the models

        return desk_panel.desk_panel(request, today)

    def member_panel(self, request, organization):
        # on call: apps.py loads before the app registry is ready
        from colloquy.registration.member import member_panel

        return member_panel(request, organization)
