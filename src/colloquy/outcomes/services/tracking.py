"""Responses, indicators and clusters: the writes behind tracker-style follow-up (models/tracking.py)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.models import (
    AddresseeResponse,
    Indicator,
    Recommendation,
    RecommendationCluster,
    ResponsePosition,
)
from colloquy.outcomes.services.values import clean_number


def _check_addressee(recommendation, organization, actor):
    if not recommendation.reportable_by(actor, organization):
        raise PermissionDenied(gettext('Only the focal points of %(organization)s (or the secretariat) can answer for it, '
                                       'and only on a recommendation addressed to it.') % {'organization': organization})


def _clean_date(value, field, label):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError as exc:
        raise DomainError(gettext('%(label)s %(value)s is not a date (YYYY-MM-DD).') % {'label': label, 'value': repr(value)},
                          field=field) from exc


def _number(value, field, missing: str):
    number = clean_number(value, field)
    if number is None:
        raise DomainError(missing, field=field)
    return number


def response_record(*, recommendation, organization, position, responded_on, text="", responsible_institution="",
                    actor) -> AddresseeResponse:
    """Record (or replace) `organization`'s formal response to a recommendation addressed to it."""
    _check_addressee(recommendation, organization, actor)
    if position not in ResponsePosition.values:
        raise DomainError(gettext('Unknown response %(position)s; choose one of: %(allowed)s.') % {
            'position': repr(position), 'allowed': ", ".join(ResponsePosition.values)}, field="position")
    responded_on = _clean_date(responded_on, "responded_on", gettext("Response date"))
    if responded_on > timezone.localdate():
        raise DomainError(gettext("The response date cannot be in the future."), field="responded_on")
    with transaction.atomic():
        response = AddresseeResponse.objects.select_for_update().filter(recommendation=recommendation,
                                                                        organization=organization).first()
        before = audit.snapshot(response)
        if response is None:
            response = AddresseeResponse(recommendation=recommendation, organization=organization)
        response.position = position
        response.responded_on = responded_on
        response.text = (text or "").strip()
        response.responsible_institution = (responsible_institution or "").strip()[:300]
        response.recorded_by = acting_user(actor)
        response.save()
        audit.record(actor=actor, action="response.record", target=response, before=before, after=audit.snapshot(response))
    return response


def indicator_create(*, recommendation, organization, label, baseline, target, target_date, unit="", actor) -> Indicator:
    """An indicator `organization` measures its implementation of a recommendation by."""
    _check_addressee(recommendation, organization, actor)
    label = (label or "").strip()
    if not label:
        raise DomainError(gettext("Say what the indicator measures."), field="indicator_label")
    baseline = _number(baseline, "baseline", gettext("Give the baseline."))
    target = _number(target, "target", gettext("Give the target."))
    if baseline == target:
        raise DomainError(gettext("The target must differ from the baseline."), field="target")
    target_date = _clean_date(target_date, "target_date", gettext("Target date"))
    with transaction.atomic():
        indicator = Indicator.objects.create(recommendation=recommendation, organization=organization, label=label[:200],
                                             unit=(unit or "").strip()[:40], baseline=baseline, target=target,
                                             target_date=target_date, created_by=acting_user(actor))
        audit.record(actor=actor, action="indicator.create", target=indicator, after=audit.snapshot(indicator))
    return indicator


def indicator_take_report(report, actor) -> None:
    """A submitted progress report that names an indicator sets its current value (called inside the submission's
    transaction)."""
    if report.indicator_id is None or report.indicator_value is None:
        return
    indicator = Indicator.objects.select_for_update().get(pk=report.indicator_id)
    before = audit.snapshot(indicator)
    indicator.current_value = report.indicator_value
    indicator.current_report = report
    indicator.save(update_fields=["current_value", "current_report"])
    audit.record(actor=actor, action="indicator.progress", target=indicator, before=before, after=audit.snapshot(indicator))


def check_report_indicator(indicator, *, recommendation, organization, value):
    """A report may name only an indicator of its own recommendation and organization, and then carries a value."""
    if indicator is None:
        return
    if indicator.recommendation_id != getattr(recommendation, "pk", None) or indicator.organization_id != organization.pk:
        raise DomainError(gettext("That indicator belongs to another recommendation or organization."), field="indicator")
    if value is None:
        raise DomainError(gettext('Give the current value of "%(label)s".') % {'label': indicator.label}, field="indicator_value")


def cluster_create(*, title, recommendations, note="", actor) -> RecommendationCluster:
    """Staff confirm that recommendations overlap (usually a similarity suggestion)."""
    require_secretariat(actor)
    title = (title or "").strip()
    if not title:
        raise DomainError(gettext("Give the cluster a title."), field="title")
    recs = list(Recommendation.objects.filter(pk__in=[getattr(r, "pk", r) for r in recommendations]))
    if len(recs) < 2:
        raise DomainError(gettext("A cluster groups at least two recommendations."), field="recommendations")
    with transaction.atomic():
        cluster = RecommendationCluster.objects.create(title=title[:300], note=(note or "").strip(), created_by=acting_user(actor))
        cluster.recommendations.set(recs)
        audit.record(actor=actor, action="cluster.create", target=cluster,
                     after={**audit.snapshot(cluster), "recommendations": sorted(r.pk for r in recs)})
    return cluster


def cluster_remove(*, cluster, recommendation, actor) -> None:
    """Take a recommendation out of a cluster (a cluster left with fewer than two members is dissolved)."""
    require_secretariat(actor)
    with transaction.atomic():
        cluster.recommendations.remove(recommendation)
        audit.record(actor=actor, action="cluster.remove", target=cluster, before={"recommendation": recommendation.pk})
        if cluster.recommendations.count() < 2:
            audit.record(actor=actor, action="cluster.dissolve", target=cluster, before=audit.snapshot(cluster))
            cluster.delete()


__all__ = ["check_report_indicator", "cluster_create", "cluster_remove", "indicator_create",
           "indicator_take_report", "response_record"]
