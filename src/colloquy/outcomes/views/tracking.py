"""Tracker-style follow-up screens: an addressee's formal response (with an indicator), and clusters of
overlapping recommendations (suggested by similarity, confirmed by the secretariat)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from colloquy.core.access import is_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.web import domain_errors, secretariat_required
from colloquy.outcomes import stats
from colloquy.outcomes.clustering import suggest_clusters
from colloquy.outcomes.forms import ResponseForm
from colloquy.outcomes.models import AddresseeResponse, Indicator, Recommendation, RecommendationCluster
from colloquy.outcomes.services import tracking as services
from colloquy.outcomes.views.followup import acting_organization


@login_required
@domain_errors
def respond(request, pk):
    """Record an addressee's response to a recommendation, optionally with a first indicator."""
    rec = get_object_or_404(Recommendation.objects.visible_to(request.user), pk=pk)
    organization = acting_organization(request)
    if organization is None:
        raise PermissionDenied(gettext("Only focal points (or the secretariat, choosing an organization) can record a response."))
    if not rec.reportable_by(request.user, organization):
        raise PermissionDenied(gettext('This recommendation is not addressed to %(organization)s, so you cannot answer it for them.') % {'organization': organization})
    existing = AddresseeResponse.objects.filter(recommendation=rec, organization=organization).first()
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    services.response_record(recommendation=rec, organization=organization, position=data["position"],
                                             responded_on=data["responded_on"], text=data["text"],
                                             responsible_institution=data["responsible_institution"], actor=request.user)
                    if form.indicator_given():
                        services.indicator_create(recommendation=rec, organization=organization,
                                                  label=data["indicator_label"], unit=data["unit"],
                                                  baseline=data["baseline"], target=data["target"],
                                                  target_date=data["target_date"] or "", actor=request.user)
            except PermissionDenied:
                raise
            except DomainError as exc:
                # Beside the field it names, with the input kept (nothing was stored: one transaction).
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, gettext("The response of %(organization)s was recorded.") % {'organization': organization})
                return redirect(rec.get_absolute_url() + "#responses-h")
    else:
        initial = {"responded_on": timezone.localdate()}
        if existing:
            initial = {"position": existing.position, "responded_on": existing.responded_on, "text": existing.text,
                       "responsible_institution": existing.responsible_institution}
        form = ResponseForm(initial=initial)
    indicators = Indicator.objects.filter(recommendation=rec, organization=organization)
    return render(request, "outcomes/response_form.html", {"form": form, "rec": rec, "organization": organization,
                                                           "existing": existing, "indicators": indicators})


def cluster_list(request):
    clusters = RecommendationCluster.objects.visible_to(request.user).prefetch_related("recommendations")
    clusters = [(c, list(c.members_for(request.user))) for c in clusters]
    suggestions = suggest_clusters(Recommendation.objects.visible_to(request.user)) if is_secretariat(request.user) else []
    return render(request, "outcomes/cluster_list.html", {
        "clusters": [(c, members) for c, members in clusters if members], "suggestions": suggestions[:50]})


@require_POST
@secretariat_required
@domain_errors
def cluster_confirm(request):
    ids = [int(v) for v in request.POST.getlist("recommendations") if v.isdigit()]
    cluster = services.cluster_create(title=request.POST.get("title", ""), note=request.POST.get("note", ""),
                                      recommendations=ids, actor=request.user)
    messages.success(request, gettext("Cluster confirmed."))
    return redirect(cluster.get_absolute_url())


@require_POST
@secretariat_required
@domain_errors
def cluster_remove(request, pk, rec_pk):
    cluster = get_object_or_404(RecommendationCluster, pk=pk)
    rec = get_object_or_404(cluster.recommendations.all(), pk=rec_pk)
    services.cluster_remove(cluster=cluster, recommendation=rec, actor=request.user)
    if RecommendationCluster.objects.filter(pk=pk).exists():
        messages.success(request, gettext("Recommendation taken out of the cluster."))
        return redirect(cluster.get_absolute_url())
    messages.success(request, gettext("The cluster had fewer than two recommendations left and was dissolved."))
    return redirect("outcomes:clusters")


def cluster_detail(request, pk):
    cluster = get_object_or_404(RecommendationCluster.objects.visible_to(request.user), pk=pk)
    members = list(cluster.members_for(request.user).select_related("event__cycle__forum", "cycle__forum"))
    if not members:
        raise Http404("No such cluster")
    ids = {m.pk for m in members}
    items = [i for i in stats.tracked_items(request.user) if i.kind == "recommendation" and i.record.pk in ids]
    responses = {(r.recommendation_id, r.organization_id): r
                 for r in AddresseeResponse.objects.visible_to(request.user).filter(recommendation__in=ids)}
    rows = {m.pk: [] for m in members}
    for item in items:
        rows[item.record.pk].append((item, responses.get((item.record.pk, item.organization.pk))))
    return render(request, "outcomes/cluster_detail.html", {
        "cluster": cluster, "members": [(m, rows[m.pk]) for m in members],
        "is_secretariat": is_secretariat(request.user)})
