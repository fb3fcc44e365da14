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

    def event_panel(self, request, event):
        from colloquy.registration.panels import event_panel

        return event_panel(request, event)

    def nav_items(self, request):
        from colloquy.registration.panels import nav_items

        return nav_items(request)

    def member_panel(self, request, organization):
        from colloquy.registration.member import member_panel

        return member_panel(request, organization)
