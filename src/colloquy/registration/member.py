"""On a focal point's desk: events open for registration, and where the organization's delegation stands."""

from django.template.loader import render_to_string
from django.utils import timezone

from colloquy.registration.models import Registration, RegistrationSettings


def member_panel(request, organization) -> str | None:
    events = [s.event for s in RegistrationSettings.objects.visible_to(request.user)
              .select_related("event__cycle__forum").order_by("event__start_date") if s.is_open()]
    # The latest registration of the organization per event (a withdrawn one may have been followed by another).
    mine = {r.event_id: r for r in Registration.objects.filter(organization=organization)
            .select_related("event").order_by("created_at", "pk")}
    open_ids = {e.pk for e in events}
    today = timezone.localdate()
    upcoming = [r for r in mine.values() if r.event_id not in open_ids and r.event.start_date and r.event.start_date >= today]
    if not events and not upcoming:
        return None
    return render_to_string("registration_app/_member_panel.html",
                            {"rows": [(e, mine.get(e.pk)) for e in events], "upcoming": upcoming}, request=request)
