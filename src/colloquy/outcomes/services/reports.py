"""Filing progress reports. Every submission is a new, numbered version; submitted reports are never changed."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.uploads import EVIDENCE_TYPES, check_upload
from colloquy.outcomes.models import Evidence, ProgressReport, ReportState, ReportStatus
from colloquy.outcomes.models.followup import REPORT_TRANSITIONS
from colloquy.outcomes.models.records import may_report_for
from colloquy.outcomes.services.tracking import check_report_indicator, indicator_take_report
from colloquy.outcomes.services.values import clean_number as _clean_indicator

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def _clean_status(status) -> str:
    if status not in ReportStatus.values:
        allowed = ", ".join(ReportStatus.values)
        raise DomainError(gettext('Unknown status %(status)s; choose one of: %(allowed)s.') % {'status': repr(status), 'allowed': allowed}, field="status")
    return status


def _clean_links(links) -> list[str]:
    validate = URLValidator(schemes=["http", "https"])
    out = []
    for link in links or ():
        link = (link or "").strip()
        if not link:
            continue
        try:
            validate(link)
        except ValidationError as exc:
            raise DomainError(gettext('Evidence link %(link)s is not a valid http(s) address.') % {'link': repr(link)}, field="evidence_links") from exc
        out.append(link)
    return out


def _clean_files(files) -> list:
    out = []
    for upload in files or ():
        if upload is None:
            continue
        check_upload(upload, allowed=EVIDENCE_TYPES, what="evidence file", field="evidence_files",
                     max_bytes=MAX_EVIDENCE_BYTES)
        out.append(upload)
    return out


def _next_version(*, recommendation, commitment, organization) -> int:
    rows = ProgressReport.objects.filter(organization=organization, recommendation=recommendation,
                                         commitment=commitment, version__isnull=False)
    return (rows.aggregate(m=Max("version"))["m"] or 0) + 1


def _file(*, recommendation, commitment, organization, status, narrative, evidence_links, evidence_files,
          indicator_label, indicator_value, submit, actor, indicator=None) -> ProgressReport:
    status = _clean_status(status)
    indicator_value = _clean_indicator(indicator_value)
    check_report_indicator(indicator, recommendation=recommendation, organization=organization, value=indicator_value)
    if indicator is not None:
        indicator_label = indicator.label
    links = _clean_links(evidence_links)
    files = _clean_files(evidence_files)
    narrative = (narrative or "").strip()
    if indicator_value is not None and not (indicator_label or "").strip():
        raise DomainError(gettext("Say what the indicator value measures (indicator label)."), field="indicator_label")
    with transaction.atomic():
        # Lock the item so two simultaneous submissions cannot take the same version number.
        target = recommendation or commitment
        type(target).objects.select_for_update().only("pk").get(pk=target.pk)
        report = ProgressReport.objects.filter(organization=organization, recommendation=recommendation,
                                               commitment=commitment, state=ReportState.DRAFT).first()
        before = audit.snapshot(report)
        if report is None:
            report = ProgressReport(organization=organization, recommendation=recommendation, commitment=commitment,
                                    created_by=acting_user(actor))
        report.status = status
        report.narrative = narrative
        report.indicator_label = (indicator_label or "").strip()[:200]
        report.indicator_value = indicator_value
        report.indicator = indicator
        report.save()
        for link in links:
            Evidence.objects.create(report=report, url=link)
        for upload in files:
            Evidence.objects.create(report=report, file=upload, label=Path(upload.name).name[:300])
        audit.record(actor=actor, action="progressreport.draft", target=report, before=before,
                     after=audit.snapshot(report))
        if submit:
            report = _submit(report, actor)
    return report


def _submit(report, actor) -> ProgressReport:
    REPORT_TRANSITIONS.check(report.state, ReportState.SUBMITTED)
    before = audit.snapshot(report)
    report.version = _next_version(recommendation=report.recommendation, commitment=report.commitment,
                                   organization=report.organization)
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = acting_user(actor)
    report.save()
    audit.record(actor=actor, action="progressreport.submit", target=report, before=before, after=audit.snapshot(report))
    indicator_take_report(report, actor)
    return report


def recommendation_report_progress(*, recommendation, organization, status, narrative="", evidence_links=(),
                                   evidence_files=(), indicator_label="", indicator_value=None, submit=True,
                                   actor, indicator=None) -> ProgressReport:
    """File (or save as a draft) a progress report by `organization` on a recommendation addressed to it."""
    if not may_report_for(actor, organization):
        raise PermissionDenied(gettext('You can only report for your own organization, not for %(organization)s.') % {'organization': organization})
    if not recommendation.reportable_by(actor, organization):
        raise PermissionDenied(gettext('This recommendation is not addressed to %(organization)s.') % {'organization': organization})
    return _file(recommendation=recommendation, commitment=None, organization=organization, status=status,
                 narrative=narrative, evidence_links=evidence_links, evidence_files=evidence_files,
                 indicator_label=indicator_label, indicator_value=indicator_value, submit=submit, actor=actor,
                 indicator=indicator)


def commitment_report_progress(*, commitment, status, narrative="", evidence_links=(), evidence_files=(),
                               indicator_label="", indicator_value=None, submit=True, actor) -> ProgressReport:
    """File (or save as a draft) a progress report on an organization's own commitment."""
    if not commitment.reportable_by(actor):
        raise PermissionDenied(gettext('Only %(organization)s (or the secretariat) can report on this commitment.') % {'organization': commitment.organization})
    return _file(recommendation=None, commitment=commitment, organization=commitment.organization, status=status,
                 narrative=narrative, evidence_links=evidence_links, evidence_files=evidence_files,
                 indicator_label=indicator_label, indicator_value=indicator_value, submit=submit, actor=actor)


def report_submit(*, report, actor) -> ProgressReport:
    if not report.handled_by(actor):
        raise PermissionDenied(gettext('You can only submit reports for your own organization, not for %(organization)s.') % {'organization': report.organization})
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        return _submit(report, actor)


def report_add_evidence(*, report, evidence_links=(), evidence_files=(), actor) -> list[Evidence]:
    """Attach links or files to a draft (a submitted report is frozen: file a new report instead)."""
    if not report.handled_by(actor):
        raise PermissionDenied(gettext('You can only add evidence to reports of your own organization, not of %(organization)s.') % {'organization': report.organization})
    if not report.is_draft:
        raise DomainError(gettext("Evidence can only be added to a draft; a submitted report is never changed."),
                          code="transition")
    links = _clean_links(evidence_links)
    files = _clean_files(evidence_files)
    if not links and not files:
        raise DomainError(gettext("Give at least one evidence link or file."), field="evidence_files")
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if not report.is_draft:
            raise DomainError(gettext("The report was submitted meanwhile; file a new report instead."), code="transition")
        added = [Evidence.objects.create(report=report, url=link) for link in links]
        added += [Evidence.objects.create(report=report, file=upload, label=Path(upload.name).name[:300])
                  for upload in files]
        audit.record(actor=actor, action="progressreport.evidence", target=report,
                     after={"evidence": [e.pk for e in added]})
    return added


def report_discard(*, report, actor) -> None:
    """Delete a draft (submitted reports are never deleted or changed)."""
    if not report.handled_by(actor):
        raise PermissionDenied(gettext('You can only discard drafts of your own organization, not of %(organization)s.') % {'organization': report.organization})
    if not report.is_draft:
        raise DomainError(gettext("A submitted report cannot be discarded; file a new report instead."), code="transition")
    with transaction.atomic():
        before = audit.snapshot(report)
        audit.record(actor=actor, action="progressreport.discard", target=report, before=before)
        report.delete()
