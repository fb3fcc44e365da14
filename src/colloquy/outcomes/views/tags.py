"""The secretariat reviews suggested GCM-objective and SDG-target tags: accept, reject, or correct by choosing
another objective or target."""

import math

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from colloquy.core.web import domain_errors, secretariat_required
from colloquy.outcomes import services
from colloquy.outcomes.models import GoodPractice, Recommendation
from colloquy.outcomes.tagging import suggest_for, suggest_sdg_for
from colloquy.reference.models import GcmObjective, SdgTarget

KINDS = {"recommendation": Recommendation, "practice": GoodPractice}


def _target(kind, pk):
    model = KINDS.get(kind)
    if model is None:
        raise Http404("Unknown record kind")
    return get_object_or_404(model, pk=pk)


@secretariat_required
def tag_queue(request):
    untagged_recs = Recommendation.objects.filter(gcm_objectives__isnull=True).select_related("event")[:100]
    untagged_practices = GoodPractice.objects.filter(gcm_objectives__isnull=True).select_related("event")[:100]
    return render(request, "outcomes/tag_queue.html", {"recs": untagged_recs, "practices": untagged_practices})


@secretariat_required
def tag_review(request, kind, pk):
    target = _target(kind, pk)
    result = suggest_for(target)
    objectives = {o.number: o for o in GcmObjective.objects.all()}
    for suggestion in result.suggestions:
        suggestion.objective = objectives.get(suggestion.number)
    sdg_result = suggest_sdg_for(target)
    targets = {t.code: t for t in SdgTarget.objects.all()}
    sdg_result.suggestions = [s for s in sdg_result.suggestions if s.number in targets]
    for suggestion in sdg_result.suggestions:
        suggestion.target = targets[suggestion.number]
    return render(request, "outcomes/tag_review.html", {
        "kind": kind, "target": target, "result": result, "tagged": target.gcm_objectives.all(),
        "objectives": objectives.values(), "sdg_result": sdg_result, "tagged_sdg": target.sdg_targets.all(),
        "sdg_targets": sorted(targets.values(), key=_code_order)})


def _code_order(target):
    """SDG codes in natural order: 8.8 before 10.7, 10.7 before 10.c."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in target.code.split(".")]


def _score_and_method(request):
    score = request.POST.get("score")
    try:
        score = float(score) if score else None
    except ValueError:
        score = None
    if score is not None and not math.isfinite(score):
        score = None  # "nan"/"inf" cannot be stored (nor audited as JSON)
    return score, (request.POST.get("method") or "")[:20]


def _decide_sdg(request, kind, target):
    raw = (request.POST.get("sdg") or "").strip()
    sdg_target = SdgTarget.objects.filter(code=raw).first() if raw else None
    if sdg_target is None:
        messages.error(request, gettext("%(raw)s is not an SDG target Colloquy holds.") % {"raw": repr(raw[:20])})
        return redirect("outcomes:tags", kind=kind, pk=target.pk)
    decision = request.POST.get("decision")
    score, method = _score_and_method(request)
    code = {"code": sdg_target.code}
    if decision == "accept":
        services.tag_accept(target=target, sdg_target=sdg_target, method=method, score=score, actor=request.user)
        messages.success(request, gettext("Tagged with SDG target %(code)s.") % code)
    elif decision == "reject":
        services.tag_reject(target=target, sdg_target=sdg_target, method=method, score=score, actor=request.user)
        messages.success(request, gettext("Suggestion of SDG target %(code)s dismissed.") % code)
    elif decision == "add":
        services.tag_add(target=target, sdg_target=sdg_target, actor=request.user)
        messages.success(request, gettext("Tagged with SDG target %(code)s (correction).") % code)
    elif decision == "remove":
        services.tag_remove(target=target, sdg_target=sdg_target, actor=request.user)
        messages.success(request, gettext("SDG target %(code)s removed.") % code)
    else:
        messages.error(request, gettext('Unknown decision %(decision)s; use accept, reject, add or remove.') % {'decision': repr(decision)})
    return redirect("outcomes:tags", kind=kind, pk=target.pk)


@require_POST
@secretariat_required
@domain_errors
def tag_decide(request, kind, pk):
    target = _target(kind, pk)
    if "sdg" in request.POST:
        return _decide_sdg(request, kind, target)
    raw = (request.POST.get("objective") or "").strip()
    objective = GcmObjective.objects.filter(number=int(raw)).first() if raw.isdigit() else None
    if objective is None:
        messages.error(request, gettext('Objective %(raw)s is not a GCM objective number (1 to 23).') % {'raw': repr(raw)})
        return redirect("outcomes:tags", kind=kind, pk=target.pk)
    decision = request.POST.get("decision")
    score, method = _score_and_method(request)
    if decision == "accept":
        services.tag_accept(target=target, objective=objective, method=method, score=score, actor=request.user)
        messages.success(request, gettext('Tagged with objective %(number)s.') % {'number': objective.number})
    elif decision == "reject":
        services.tag_reject(target=target, objective=objective, method=method, score=score, actor=request.user)
        messages.success(request, gettext('Suggestion of objective %(number)s dismissed.') % {'number': objective.number})
    elif decision == "add":
        services.tag_add(target=target, objective=objective, actor=request.user)
        messages.success(request, gettext('Tagged with objective %(number)s (correction).') % {'number': objective.number})
    elif decision == "remove":
        services.tag_remove(target=target, objective=objective, actor=request.user)
        messages.success(request, gettext('Objective %(number)s removed.') % {'number': objective.number})
    else:
        messages.error(request, gettext('Unknown decision %(decision)s; use accept, reject, add or remove.') % {'decision': repr(decision)})
    return redirect("outcomes:tags", kind=kind, pk=target.pk)
