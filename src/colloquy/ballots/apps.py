from django.apps import AppConfig


class BallotsConfig(AppConfig):
    name = "colloquy.ballots"
    label = "ballots"
    verbose_name = "Theme selection and ballots"

    def nav_items(self, request):
        from django.urls import reverse

        return [{"label": "Ballots", "url": reverse("ballots:list")}]

    def event_panel(self, request, event):
        """On a consultation meeting's page: the consultation it belongs to and its ballots."""
        from django.template.loader import render_to_string

        from colloquy.ballots.models import ConsultationMeeting

        links = ConsultationMeeting.objects.filter(event=event).select_related("consultation", "minutes")
        if not links:
            return None
        return render_to_string("ballots/_event_panel.html", {"links": links}, request=request)

    def cycle_panel(self, request, cycle):
        """On a cycle's page: the decisions its ballots led to (theme or workshop topics), linking back to them."""
        from django.template.loader import render_to_string

        from colloquy.ballots.models import Decision

        decisions = (Decision.objects.filter(ballot__cycle=cycle).select_related("ballot")
                     .prefetch_related("themes").order_by("decided_at"))
        if not decisions:
            return None
        return render_to_string("ballots/_cycle_panel.html", {"decisions": decisions}, request=request)
