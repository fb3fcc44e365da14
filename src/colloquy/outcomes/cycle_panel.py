"""The outcomes and follow-up part of a cycle's record (the cycle page's last two links:
event → outcome → follow-up): what each event concluded, and how far the membership has implemented it."""

from collections import Counter

from django.db.models import Q
from django.template.loader import render_to_string

from colloquy.outcomes import stats
from colloquy.outcomes.filters import OutcomeFilter
from colloquy.outcomes.models import Commitment, GoodPractice, KeyMessage, Recommendation
from colloquy.outcomes.panels import cycle_records_panel


def _of_cycle(qs, cycle):
    return qs.filter(Q(event__cycle=cycle) | Q(event__isnull=True, cycle=cycle))


def cycle_panel(request, cycle) -> str:
    user = request.user
    recommendations = _of_cycle(Recommendation.objects.visible_to(user), cycle)
    commitments = _of_cycle(Commitment.objects.visible_to(user), cycle)
    counts = {
        "key_messages": _of_cycle(KeyMessage.objects.visible_to(user), cycle).count(),
        "recommendations": recommendations.count(),
        "practices": _of_cycle(GoodPractice.objects.visible_to(user), cycle).count(),
        "commitments": commitments.count(),
    }
    if not any(counts.values()):
        return ""
    ids = {("recommendation", pk) for pk in recommendations.values_list("pk", flat=True)}
    ids |= {("commitment", pk) for pk in commitments.values_list("pk", flat=True)}
    items = [i for i in stats.tracked_items(user, OutcomeFilter(forum=cycle.forum.slug)) if (i.kind, i.record.pk) in ids]
    tally = Counter(i.status for i in items)
    row = stats.Row(key=cycle.pk, label=str(cycle), counts=tally)
    html = render_to_string("outcomes/_cycle_panel.html", {
        "cycle": cycle, "counts": counts, "row": row, "tracked": len(items),
        "dashboard_query": OutcomeFilter(forum=cycle.forum.slug, year=cycle.year).querystring(),
    }, request=request)
    # Records of the cycle as a whole (no event page shows them): listed in full, key messages in order.
    return html + cycle_records_panel(request, cycle)
