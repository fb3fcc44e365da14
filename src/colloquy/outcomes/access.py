"""Access decisions for outcomes and follow-up, in the style of colloquy.core.access: one condition per line.

Published outcome records are public. Progress reports: submitted ones are public (on published records);
drafts are visible only to the reporting organization's focal points and the secretariat. A focal point
reports only for their own organization, on recommendations addressed to it and on its own commitments.
"""

from django.db.models import Q

from colloquy.core.access import focal_organization, is_focal_point_of, is_secretariat, require_secretariat
from colloquy.core.errors import PermissionDenied

__all__ = ["require_secretariat"]


def visible_recommendations(user):
    from colloquy.outcomes.models import Recommendation

    if is_secretariat(user):
        return Recommendation.objects.all()
    return Recommendation.objects.published()


def visible_practices(user):
    from colloquy.outcomes.models import GoodPractice

    if is_secretariat(user):
        return GoodPractice.objects.all()
    return GoodPractice.objects.published()


def visible_commitments(user):
    from colloquy.outcomes.models import Commitment

    if is_secretariat(user):
        return Commitment.objects.all()
    org = focal_organization(user)
    if org is None:
        return Commitment.objects.published()
    return Commitment.objects.filter(Q(pk__in=Commitment.objects.published()) | Q(organization=org))


def recommendations_addressed_to(organization):
    """Recommendations the organization is expected to report on: addressed to it, or in a round that asks it."""
    from colloquy.outcomes.models import Recommendation

    if organization is None:
        return Recommendation.objects.none()
    return Recommendation.objects.filter(
        Q(addressed_organizations=organization)
        | Q(followup_rounds__organizations=organization)
    ).distinct()


def is_addressed_to(recommendation, organization) -> bool:
    return recommendations_addressed_to(organization).filter(pk=recommendation.pk).exists()


def visible_reports(user):
    """Submitted reports for everyone; drafts only for their organization and the secretariat."""
    from colloquy.outcomes.models import Commitment, ProgressReport, Recommendation, ReportState

    if is_secretariat(user):
        return ProgressReport.objects.all()
    submitted = Q(state=ReportState.SUBMITTED)
    # Published records only (a record of a proposed event is not public even if flagged published).
    public_target = (Q(recommendation__in=Recommendation.objects.published())
                     | Q(commitment__in=Commitment.objects.published()))
    org = focal_organization(user)
    if org is None:
        return ProgressReport.objects.filter(submitted & public_target)
    return ProgressReport.objects.filter((submitted & public_target) | Q(organization=org))


def can_view_report(user, report) -> bool:
    return visible_reports(user).filter(pk=report.pk).exists()


def can_report_for(user, organization) -> bool:
    """May `user` file reports on behalf of `organization`?"""
    if is_secretariat(user):
        return True
    return is_focal_point_of(user, organization)


def can_report_on_recommendation(user, recommendation, organization) -> bool:
    """Only on a recommendation addressed to the organization, also when the secretariat files on its behalf
    (a report on anything else would count nowhere: dashboards track addressed pairs only)."""
    if not can_report_for(user, organization):
        return False
    if not is_addressed_to(recommendation, organization):
        return False
    return is_secretariat(user) or recommendation.published


def can_report_on_commitment(user, commitment) -> bool:
    return can_report_for(user, commitment.organization)


def can_edit_report(user, report) -> bool:
    if not report.is_draft:
        return False
    return can_report_for(user, report.organization)


def can_manage_rounds(user) -> bool:
    return is_secretariat(user)


def can_decide_tags(user) -> bool:
    return is_secretariat(user)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
