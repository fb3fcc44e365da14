"""What this app adds to pages it does not own (colloquy.core.hooks)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.registration import services
from colloquy.registration.charts import bar_chart
from colloquy.registration.models import RegistrationSettings
from colloquy.registration.stats import event_statistics


def event_panel(request, event) -> str:
    # Stale offers were expired just before (RegistrationConfig.event_panel_refresh).
    stats = event_statistics(event, rounded=True)  # the reports' "more than 200"; tables stay exact
    settings = RegistrationSettings.objects.filter(event=event).first()
    sessions = list(event.sessions.all())
    other = stats.speakers_total - stats.speakers_women - stats.speakers_men - stats.speakers_unknown
    gender_rows = [(_("Women"), stats.speakers_women), (_("Men"), stats.speakers_men)]
    if other:
        gender_rows.append((_("Other / self-described"), other))
    if stats.speakers_unknown:
        gender_rows.append((_("Not recorded"), stats.speakers_unknown))
    can_manage = is_secretariat(request.user)
    if not (stats.has_data or settings or sessions or can_manage):
        return ""  # nothing to add for this event
    context = {
        "event": event, "stats": stats, "settings": settings, "is_open": bool(settings and settings.is_open()),
        "capacity": services.capacity_of(event) if settings else None, "sessions": sessions,
        "has_sessions": bool(sessions), "other": other, "can_manage": can_manage,
        "focal_organization": focal_organization(request.user),
        "category_chart": bar_chart("chart-categories", _("Organizations by category"),
                                    [(r.label, r.organizations) for r in stats.categories]),
        "region_chart": bar_chart("chart-regions", _("Participants by region"), [(r.label, r.persons) for r in stats.regions]),
        "reported_chart": bar_chart("chart-reported", _("Participants (as reported)"),
                                    [("Participants (as reported)", stats.persons)])
        if stats.source == "reported" and stats.persons else None,
        "gender_chart": bar_chart("chart-speakers", _("Speakers by gender"), gender_rows) if stats.speakers_total else None,
    }
    return render_to_string("registration_app/event_panel.html", context, request=request)


def nav_items(request) -> list[dict]:
    items = []
    if is_secretariat(request.user):
        items.append({"label": _("Events desk"), "url": reverse("registration:desk")})
    elif getattr(request.user, "is_authenticated", False) and focal_organization(request.user) is not None:
        items.append({"label": _("Register"), "url": reverse("registration:open-events")})
    return items
