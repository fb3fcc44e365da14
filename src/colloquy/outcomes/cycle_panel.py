"""The outcomes and follow-up part of a cycle's record (the cycle page's last two links:
event → outcome → follow-up): what each event concluded, and how far the membership has implemented it."""

from collections import Counter

from django.db.models import Q
from django.template.loader import render_to_string

from colloquy.core import access as core_access
from colloquy.outcomes import access, stats
from colloquy.outcomes.filters import OutcomeFilter


def _of_cycle(qs, cycle):
    return qs.filter(Q(event__cycle=cycle) | Q(event__isnull=True, cycle=cycle))


def cycle_panel(request, cycle) -> str:
    from colloquy.outcomes.models import KeyMessage

    user = request.user
    key_messages = KeyMessage.objects.all() if core_access.is_secretariat(user) else KeyMessage.objects.published()
    counts = {
        "key_messages": _of_cycle(key_messages, cycle).count(),
        "recommendations": _of_cycle(access.visible_recommendations(user), cycle).count(),
        "practices": _of_cycle(access.visible_practices(user), cycle).count(),
        "commitments": _of_cycle(access.visible_commitments(user), cycle).count(),
    }
    if not any(counts.values()):
        return ""
    ids = {("recommendation", pk) for pk in _of_cycle(access.visible_recommendations(user), cycle).values_list("pk", flat=True)}
    ids |= {("commitment", pk) for pk in _of_cycle(access.visible_commitments(user), cycle).values_list("pk", flat=True)}
    items = [i for i in stats.tracked_items(user, OutcomeFilter(forum=cycle.forum.slug)) if (i.kind, i.record.pk) in ids]
    tally = Counter(i.status for i in items)
    row = stats.Row(key=cycle.pk, label=str(cycle), counts=tally)
    html = render_to_string("outcomes/_cycle_panel.html", {
        "cycle": cycle, "counts": counts, "row": row, "tracked": len(items),
        "dashboard_query": OutcomeFilter(forum=cycle.forum.slug, year=cycle.year).querystring(),
    }, request=request)
    # Records of the cycle as a whole (no event page shows them): listed in full, key messages in order.
    from colloquy.outcomes.panels import cycle_records_panel

    return html + cycle_records_panel(request, cycle)
