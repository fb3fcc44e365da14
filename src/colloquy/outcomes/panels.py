"""What this app adds to pages it does not own (via the AppConfig hooks in apps.py)."""

from collections import Counter, defaultdict

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization
from colloquy.dialogues.models import Event
from colloquy.outcomes import charts, stats
from colloquy.outcomes.filters import OutcomeFilter
from colloquy.outcomes.models import Commitment, GoodPractice, KeyMessage, ProgressReport, Recommendation
from colloquy.registration.models import Registration

YEAR_SERIES = [
    ("delegations", "Events attended by a delegation", "#0072B2"),
    ("practices", "Practices shared", "#009E73"),
    ("commitments", "Commitments", "#E69F00"),
    ("recommendations", "Recommendations addressed", "#56B4E9"),
    ("reports", "Reports filed", "#CC79A7"),
]


def _delegation_years(user, code: str) -> dict:
    """{year: number of visible events where a delegation from the country was approved or attended}."""
    rows = (Registration.objects.counted()
            .filter(Q(country=code) | Q(organization__country=code), event__in=Event.objects.visible_to(user))
            .values_list("event_id", "event__start_date", "event__cycle__year").distinct())
    years = Counter()
    for _event, start, cycle_year in set(rows):
        years[start.year if start else cycle_year] += 1
    return dict(years)


def country_panel(request, code: str) -> str:
    user = request.user
    practices = list(GoodPractice.objects.visible_to(user).published().filter(country=code)
                     .select_related("event__cycle", "cycle"))
    items = stats.tracked_items(user, OutcomeFilter(country=code))
    commitments = [i for i in items if i.kind == "commitment"]
    recommendations = [i for i in items if i.kind == "recommendation"]
    reports = ProgressReport.objects.visible_to(user).submitted().filter(organization__country=code)
    by_year = defaultdict(Counter)
    for p in practices:
        by_year[p.year]["practices"] += 1
    for i in commitments:
        by_year[i.year]["commitments"] += 1
    for year in {(i.year, i.record.pk) for i in recommendations}:
        by_year[year[0]]["recommendations"] += 1
    for submitted_at in ProgressReport.objects.filter(pk__in=reports).values_list("submitted_at", flat=True):
        by_year[submitted_at.year]["reports"] += 1
    for year, n in _delegation_years(user, code).items():
        by_year[year]["delegations"] += n
    keys = sorted(by_year, key=lambda y: (y is None, y or 0))
    years = [{"year": y, **{k: by_year[y][k] for k, _l, _c in YEAR_SERIES}} for y in keys]
    rows = [stats.Row(key=y, label=str(y) if y else _("Undated"), counts=by_year[y]) for y in keys]
    context = {
        "code": code, "practices": practices, "commitments": commitments, "recommendations": recommendations,
        "years": years, "years_chart": charts.stacked_bars(rows, title="Outcomes by year", series=YEAR_SERIES),
    }
    if not (practices or items or years):
        context["empty"] = True
    return render_to_string("outcomes/country_panel.html", context, request=request)


def nav_items(request) -> list[dict]:
    items = [{"label": _("Outcomes"), "url": reverse("outcomes:dashboard")}]
    if focal_organization(request.user) is not None:
        items.append({"label": _("My follow-up"), "url": reverse("outcomes:followup")})
    return items


def _records_panel(request, *, panel_id: str, **where) -> str:
    """Key messages (in order), recommendations, good practices and commitments linked to an event or a cycle."""
    user = request.user
    context = {
        "panel_id": panel_id,
        "key_messages": KeyMessage.objects.visible_to(user).filter(**where).order_by("order", "id"),
        "recommendations": Recommendation.objects.visible_to(user).filter(**where).order_by("order", "id"),
        "practices": GoodPractice.objects.visible_to(user).filter(**where).order_by("order", "id"),
        "commitments": Commitment.objects.visible_to(user).filter(**where).select_related("organization"),
    }
    if not any(context[k].exists() for k in ("key_messages", "recommendations", "practices", "commitments")):
        return ""
    return render_to_string("outcomes/event_panel.html", context, request=request)


def event_panel(request, event) -> str:
    return _records_panel(request, panel_id="outcomes-event", event=event)


def cycle_records_panel(request, cycle) -> str:
    """Records linked to the cycle as a whole, not to one of its events (those show on the event's page): the
    cycle page's outcomes panel (cycle_panel.py) lists them in full, key messages in order."""
    return _records_panel(request, panel_id="outcomes-cycle", cycle=cycle, event__isnull=True)


def organization_panel(request, org) -> str:
    """An organization's commitments and the recommendations addressed to it, with their latest status."""
    items = [i for i in stats.tracked_items(request.user) if i.organization.pk == org.pk]
    if not items:
        return ""
    return render_to_string("outcomes/organization_panel.html", {
        "org": org, "commitments": [i for i in items if i.kind == "commitment"],
        "recommendations": [i for i in items if i.kind == "recommendation"]}, request=request)
