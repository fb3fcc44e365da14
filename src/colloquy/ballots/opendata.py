"""Theme memory in the open-data bundle (/outcomes/export/themes.*, through core.hooks): every theme proposed
in a closed consultation that no decision selected, with its votes in the ballots whose results the user may
see, one row per theme (memory.not_selected, the cycle page's "Proposed and not selected" list). Consultations
are members-only (Consultation.objects.visible_to), so the rows are for the secretariat and the forum's
members; an anonymous visitor's export is empty."""

from django.conf import settings

from colloquy.ballots import memory
from colloquy.ballots.models import Consultation
from colloquy.dialogues.models import Cycle

COLUMNS = ("proposal_id", "title", "forum", "year", "consultation", "consultation_url", "carried_from_year",
           "total_votes", "ballots")


def theme_rows(user, filters) -> list[dict]:
    cycles = Cycle.objects.visible_to(user).filter(
        pk__in=Consultation.objects.visible_to(user).values("cycle_id")).select_related("forum")
    forum, year = getattr(filters, "forum", ""), getattr(filters, "year", None)
    if forum:
        cycles = cycles.filter(forum__slug=forum)
    if year:
        cycles = cycles.filter(year=year)
    rows = []
    for cycle in cycles.order_by("forum__name", "year"):
        for m in memory.not_selected(cycle, user):
            p = m.proposal
            carried = p.carried_from.consultation.cycle.year if p.carried_from_id else ""
            rows.append({
                "proposal_id": p.pk, "title": p.title, "forum": cycle.forum.acronym or cycle.forum.name,
                "year": cycle.year, "consultation": p.consultation.title,
                "consultation_url": settings.SITE_URL.rstrip("/") + p.consultation.get_absolute_url(),
                "carried_from_year": carried, "total_votes": m.total_votes,
                "ballots": [f"{v.ballot.title}: {v.votes} of {v.ballots_cast}" for v in m.votes],
            })
    return rows
