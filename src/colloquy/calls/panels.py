"""What the calls app adds to pages it does not own (colloquy.core.hooks, filled in on CallsConfig)."""

from django.template.loader import render_to_string

from colloquy.calls.models import Call, CallResponse
from colloquy.core.access import is_secretariat


def member_panel(request, organization) -> str | None:
    """On a focal point's desk: the calls its organization may answer now, and its answers so far."""
    calls = list(Call.objects.visible_to(request.user).accepting().select_related("event__cycle__forum", "cycle__forum"))
    answered = set(CallResponse.objects.filter(organization=organization).values_list("call_id", flat=True))
    if not calls:
        return None
    return render_to_string("calls/_member_panel.html", {"calls": calls, "answered": answered}, request=request)


def event_panel(request, event) -> str | None:
    """On the event page, for the secretariat and members: the calls open for this event."""
    if not request.user.is_authenticated:
        return None
    calls = Call.objects.visible_to(request.user).filter(event=event)
    if not is_secretariat(request.user):
        calls = calls.accepting()
    if not calls:
        return None
    return render_to_string("calls/_event_panel.html", {"calls": calls}, request=request)
