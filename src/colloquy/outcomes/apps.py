import datetime

from django.apps import AppConfig

from colloquy.core.hooks import Scheduled


class OutcomesConfig(AppConfig):
    """Fills in the hooks of colloquy.core.hooks (page panels, nav items) and search's follow-up status.

    The imports stay inside the methods: this module is imported while the app registry is still loading,
    before any model can be imported.
    """

    name = "colloquy.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes and follow-up"
    schedule = [
        Scheduled("send-followup-reminders", "0 8 * * *", "colloquy.outcomes.tasks.send_followup_reminders",
                  "remind members that have not reported in an open follow-up round",
                  catch_up=datetime.timedelta(hours=12)),
    ]

    def country_panel(self, request, code):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.panels import country_panel

        return country_panel(request, code)

    def cycle_panel(self, request, cycle):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.cycle_panel import cycle_panel

        return cycle_panel(request, cycle)

    def event_panel(self, request, event):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.panels import event_panel

        return event_panel(request, event)

    def organization_panel(self, request, org):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.panels import organization_panel

        return organization_panel(request, org)

    def search_followup_status(self, obj) -> str | None:
        """Status of the latest submitted report on a recommendation (by any addressed member) or commitment;
        'no_report' when nothing has been submitted yet."""
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.models import Commitment, Recommendation

        if not isinstance(obj, Recommendation | Commitment):
            return None
        latest = obj.progress_reports.submitted().order_by("-submitted_at", "-id").first()
        return latest.status if latest else "no_report"

    def search_followup_statuses(self):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.models.followup import ReportStatus

        return [*ReportStatus.choices, ("no_report", "No report yet")]

    def nav_items(self, request):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.panels import nav_items

        return nav_items(request)

    def secretariat_desk_panel(self, request, today):
        from colloquy.outcomes import desk_panel  # loaded at call time: it imports the models

        return desk_panel.desk_panel(request, today)

    def member_panel(self, request, organization):
        # on call: apps.py loads before the app registry is ready
        from colloquy.outcomes.member import member_panel

        return member_panel(request, organization)
