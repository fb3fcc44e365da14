"""The focal point's follow-up pages: what is addressed to my organization, and filing reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.files import file_response
from colloquy.core.ratelimit import limit_per_organization
from colloquy.core.web import domain_errors
from colloquy.directory.models import Organization
from colloquy.outcomes import services, stats
from colloquy.outcomes.forms import ReportForm
from colloquy.outcomes.models import (
    Commitment,
    Evidence,
    Indicator,
    ProgressReport,
    Recommendation,
    ReportState,
)


@login_required
@domain_errors
def followup_home(request):
    org = focal_organization(request.user)
    if org is None and not is_secretariat(request.user):
        raise PermissionDenied(gettext("Follow-up reporting is for member focal points."))
    items, drafts, rounds = stats.followup_of(request.user, org) if org is not None else ([], [], [])
    return render(request, "outcomes/followup_home.html", {"org": org, "items": items, "drafts": drafts, "rounds": rounds})


def _report_form_view(request, *, target, organization, file_report, back_url, indicators=None):
    draft = ProgressReport.objects.filter(organization=organization, state=ReportState.DRAFT,
                                          **{target._meta.model_name: target}).first()
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, indicators=indicators)
        if form.is_valid():
            data = form.cleaned_data
            submit = "submit" in request.POST
            try:
                if data.get("evidence_file"):
                    limit_per_organization("upload", organization.pk if organization else None)
                file_report(status=data["status"], narrative=data["narrative"], evidence_links=form.links(),
                            evidence_files=[data["evidence_file"]] if data.get("evidence_file") else [],
                            indicator_label=data["indicator_label"], indicator_value=data["indicator_value"],
                            submit=submit, actor=request.user,
                            **({"indicator": data.get("indicator")} if "indicator" in form.fields else {}))
            except PermissionDenied:
                raise  # the 403 page, from domain_errors
            except DomainError as exc:
                # Not a generic handler: the message goes next to the form field it names, with the input kept.
                field = {"evidence_files": "evidence_file"}.get(exc.field, exc.field)
                form.add_error(field if field in form.fields else None, exc.message)
                submit = None
        if form.is_valid():
            if submit:
                messages.success(request, gettext("Your progress report was submitted. It is now public on the timeline."))
                return redirect(back_url)
            messages.success(request, gettext("Draft saved. Only your organization and the secretariat can see it."))
            return redirect(request.get_full_path())
    else:
        initial = {}
        if draft:
            initial = {"status": draft.status, "narrative": draft.narrative, "indicator_label": draft.indicator_label,
                       "indicator_value": draft.indicator_value, "indicator": draft.indicator_id}
        elif request.GET.get("indicator", "").isdigit():
            initial = {"indicator": int(request.GET["indicator"])}
        form = ReportForm(initial=initial, indicators=indicators)
    history = ProgressReport.objects.filter(organization=organization, **{target._meta.model_name: target}).timeline()
    return render(request, "outcomes/report_form.html", {"form": form, "target": target, "organization": organization,
                                                         "draft": draft, "history": history, "back_url": back_url})


def acting_organization(request):
    """The organization the user acts for: a focal point's own; the secretariat names one with ?organization=."""
    organization = focal_organization(request.user)
    if is_secretariat(request.user) and request.GET.get("organization"):
        raw = request.GET["organization"].strip()
        organization = Organization.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if organization is None:
            raise Http404(f"No organization {raw!r}")
    return organization


@login_required
@domain_errors
def report_on_recommendation(request, pk):
    rec = get_object_or_404(Recommendation.objects.visible_to(request.user), pk=pk)
    organization = acting_organization(request)
    if organization is None:
        raise PermissionDenied(gettext("Only member focal points (or the secretariat, choosing an organization) can report."))
    if not rec.reportable_by(request.user, organization):
        raise PermissionDenied(gettext('This recommendation is not addressed to %(organization)s, so you cannot report on it.') % {'organization': organization})

    def file_report(**kw):
        return services.recommendation_report_progress(recommendation=rec, organization=organization, **kw)

    return _report_form_view(request, target=rec, organization=organization, file_report=file_report,
                             back_url=rec.get_absolute_url(),
                             indicators=Indicator.objects.filter(recommendation=rec, organization=organization))


@login_required
@domain_errors
def report_on_commitment(request, pk):
    commitment = get_object_or_404(Commitment.objects.visible_to(request.user).select_related("organization"), pk=pk)
    if not commitment.reportable_by(request.user):
        raise PermissionDenied(gettext('Only %(organization)s can report on this commitment.') % {'organization': commitment.organization})

    def file_report(**kw):
        return services.commitment_report_progress(commitment=commitment, **kw)

    return _report_form_view(request, target=commitment, organization=commitment.organization,
                             file_report=file_report, back_url=commitment.get_absolute_url())


def _visible_draft(request, pk):
    return get_object_or_404(ProgressReport.objects.visible_to(request.user).drafts(), pk=pk)


@require_POST
@login_required
@domain_errors
def report_submit(request, pk):
    report = _visible_draft(request, pk)
    services.report_submit(report=report, actor=request.user)
    messages.success(request, gettext("Your progress report was submitted."))
    return redirect(report.target.get_absolute_url())


@require_POST
@login_required
@domain_errors
def report_discard(request, pk):
    report = _visible_draft(request, pk)
    services.report_discard(report=report, actor=request.user)
    messages.success(request, gettext("Draft discarded."))
    return redirect("outcomes:followup")


def evidence_file(request, pk):
    """Serve an uploaded evidence file only to those who may see its report (drafts stay private)."""
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    if not evidence.file or not evidence.report.visible_to(request.user):
        raise Http404("No such evidence file")
    return file_response(evidence.file, as_attachment=True, filename=evidence.label or None)
