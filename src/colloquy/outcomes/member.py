"""On a focal point's desk: follow-up that waits for the organization (rounds with a deadline, items with
no report yet, drafts not submitted)."""

from django.template.loader import render_to_string

from colloquy.outcomes import stats
from colloquy.outcomes.models.followup import NO_REPORT


def member_panel(request, organization) -> str | None:
    items, drafts, rounds = stats.followup_of(request.user, organization)
    drafts = drafts.count()
    if not (items or drafts or rounds):
        return None
    return render_to_string("outcomes/_member_panel.html", {
        "items": items, "unreported": [i for i in items if i.status == NO_REPORT], "drafts": drafts,
        "rounds": rounds}, request=request)
