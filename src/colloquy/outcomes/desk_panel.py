"""The secretariat desk's follow-up section: open rounds and the members that have not reported yet."""

from django.template.loader import render_to_string

from colloquy.outcomes.models import FollowUpRound
from colloquy.outcomes.rounds_status import round_progress


def desk_panel(request, today) -> str:
    rounds = []
    for followup_round in FollowUpRound.objects.open().order_by("deadline")[:10]:
        progress = round_progress(followup_round)
        waiting = [row.organization for row in progress.rows if not row.complete]
        if waiting:
            rounds.append({"round": followup_round, "waiting": waiting, "late": followup_round.deadline < today})
    return render_to_string("outcomes/_desk_panel.html", {"rounds": rounds}, request=request)
