"""On a focal point's desk: follow-up that waits for the organization (rounds with a deadline, items with
no report yet, drafts not submitted)."""

from django.template.loader import render_to_string

from colloquy.outcomes import stats
from colloquy.outcomes.models import ProgressReport
from colloquy.outcomes.models.followup import NO_REPORT, ReportState
from colloquy.outcomes.rounds_status import round_progress


def member_panel(request, organization) -> str | None:
    items = [i for i in stats.tracked_items(request.user) if i.organization.pk == organization.pk]
    unreported = [i for i in items if i.status == NO_REPORT]
    drafts = ProgressReport.objects.filter(organization=organization, state=ReportState.DRAFT).count()
    rounds = []
    for followup_round in organization.followup_rounds.open().order_by("deadline"):
        row = next((r for r in round_progress(followup_round).rows if r.organization.pk == organization.pk), None)
        if row is not None:
            rounds.append((followup_round, row))
    if not (items or drafts or rounds):
        return None
    return render_to_string("outcomes/_member_panel.html", {
        "items": items, "unreported": unreported, "drafts": drafts, "rounds": rounds}, request=request)
