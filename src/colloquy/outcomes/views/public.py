"""Public pages: the implementation dashboard, outcome lists, a recommendation's page, practices, commitments."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from colloquy.core import hooks
from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.hooks import panels
from colloquy.dialogues.models import Document, Forum, citations_for
from colloquy.outcomes import charts, stats
from colloquy.outcomes.filters import STATUS_CHOICES, OutcomeFilter, regions
from colloquy.outcomes.models import (
    AddresseeResponse,
    Commitment,
    GoodPractice,
    Indicator,
    ProgressReport,
    Recommendation,
)
from colloquy.reference.models import GcmObjective

EXPORT_KINDS = [("status", _("Latest status of every tracked item")), ("recommendations", _("Recommendations")),
                ("practices", _("Good practices")), ("commitments", _("Commitments")),
                ("responses", _("Responses of the addressees")), ("indicators", _("Indicators")),
                ("clusters", _("Clusters of overlapping recommendations"))]


def _export_kinds():
    """This app's kinds, then those other apps add to the bundle (core.hooks.open_data_exports)."""
    return EXPORT_KINDS + [(e.kind, e.label) for e in hooks.open_data_exports().values()]


def _citations(request, record):
    """The record's source passages, from documents the visitor may see (a members-only report's quote stays
    members-only even when the recommendation drawn from it is public)."""
    return citations_for(record).filter(document__in=Document.objects.visible_to(request.user))


def _filters(request) -> OutcomeFilter:
    filters = OutcomeFilter.from_params(request.GET)
    for error in filters.errors:
        messages.warning(request, error)
    return filters


def _filter_context(filters):
    return {"filters": filters, "forums": Forum.objects.order_by("name"), "objectives": GcmObjective.objects.all(),
            "regions": regions(), "status_choices": STATUS_CHOICES}


def dashboard(request):
    filters = _filters(request)
    items = stats.tracked_items(request.user, filters)
    sections = []
    for key, title, rows in [
        ("objective", "Implementation by GCM objective", stats.by_objective(items)),
        ("region", "Implementation by region (UN M49)", stats.by_region(items)),
        ("country", "Implementation by country", stats.by_country(items)),
        ("year", "Implementation by year of the dialogue", stats.by_year(items)),
    ]:
        sections.append({"key": key, "title": title, "rows": rows, "chart": charts.stacked_bars(rows, title=title)})
    rounds = stats.rounds_overview(request.user)
    rounds_chart = charts.bars([(p.round.title, p.percent) for p in rounds], title="Response rate per follow-up round",
                               unit="%", maximum=100)
    context = {"items": items, "total": stats.totals(items), "sections": sections, "rounds": rounds,
               "rounds_chart": rounds_chart, "status_header": stats.STATUS_HEADER,
               "colours": charts.STATUS_COLOURS, "export_kinds": _export_kinds(), **_filter_context(filters)}
    return render(request, "outcomes/dashboard.html", context)


def recommendation_list(request):
    filters = _filters(request)
    recs = filters.recommendations(Recommendation.objects.visible_to(request.user))
    if filters.status:
        keep = {item.record.pk for item in stats.tracked_items(request.user, filters) if item.kind == "recommendation"}
        recs = recs.filter(pk__in=keep)
    recs = recs.select_related("event", "cycle__forum").prefetch_related("gcm_objectives", "addressed_organizations")
    return render(request, "outcomes/recommendation_list.html", {"recommendations": recs[:500], **_filter_context(filters)})


def recommendation_detail(request, pk):
    rec = get_object_or_404(Recommendation.objects.visible_to(request.user).select_related("event__cycle__forum", "cycle__forum", "session"), pk=pk)
    reports = ProgressReport.objects.visible_to(request.user).filter(recommendation=rec).select_related("organization").prefetch_related("evidence")
    timeline = reports.timeline()
    drafts = reports.drafts()
    items = [i for i in stats.tracked_items(request.user) if i.kind == "recommendation" and i.record.pk == rec.pk]
    objectives = list(rec.gcm_objectives.all())
    related_q = Q(gcm_objectives__in=objectives)
    if rec.event_id:
        related_q |= Q(event_id=rec.event_id)
    related = GoodPractice.objects.visible_to(request.user).filter(related_q).distinct().order_by("title")[:20]
    org = focal_organization(request.user)
    can_report = org is not None and rec.reportable_by(request.user, org)
    indicators = list(Indicator.objects.visible_to(request.user).filter(recommendation=rec).select_related("organization"))
    context = {"responses": AddresseeResponse.objects.visible_to(request.user).filter(recommendation=rec).select_related("organization"),
               "indicators": indicators, "clusters": rec.clusters.all(),
               "own_indicators": [i for i in indicators if org is not None and i.organization_id == org.pk],"rec": rec, "citations": _citations(request, rec), "timeline": timeline, "drafts": drafts, "items": items,
               "related": related, "can_report": can_report, "focal_org": org,
               "can_tag": is_secretariat(request.user),
               "addressed": sorted({i.organization for i in items}, key=lambda o: o.name),
               "panels": panels("recommendation", request, rec)}
    return render(request, "outcomes/recommendation_detail.html", context)


def practice_list(request):
    filters = _filters(request)
    practices = filters.practices(GoodPractice.objects.visible_to(request.user)).select_related("event").prefetch_related("gcm_objectives")
    return render(request, "outcomes/practice_list.html", {"practices": practices[:500], **_filter_context(filters)})


def practice_detail(request, pk):
    practice = get_object_or_404(GoodPractice.objects.visible_to(request.user).select_related("event", "session", "presenter__person"), pk=pk)
    objectives = list(practice.gcm_objectives.all())
    related_recs = Recommendation.objects.visible_to(request.user).published().filter(gcm_objectives__in=objectives).distinct()[:20]
    return render(request, "outcomes/practice_detail.html", {
        "practice": practice, "citations": _citations(request, practice), "related_recs": related_recs,
        "can_tag": is_secretariat(request.user)})


def commitment_list(request):
    filters = _filters(request)
    items = [i for i in stats.tracked_items(request.user, filters) if i.kind == "commitment"]
    return render(request, "outcomes/commitment_list.html", {"items": items, **_filter_context(filters)})


def commitment_detail(request, pk):
    commitment = get_object_or_404(Commitment.objects.visible_to(request.user).select_related("organization", "event"), pk=pk)
    reports = ProgressReport.objects.visible_to(request.user).filter(commitment=commitment).prefetch_related("evidence")
    context = {"commitment": commitment, "citations": _citations(request, commitment), "timeline": reports.timeline(),
               "drafts": reports.drafts(), "can_report": commitment.reportable_by(request.user)}
    return render(request, "outcomes/commitment_detail.html", context)
