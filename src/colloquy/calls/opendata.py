"""Calls in the open-data bundle (/outcomes/export/calls.*, through core.hooks): the call itself (kind, title,
event or cycle, deadline, status) and how many answers it had and accepted, for calls on events and cycles the
user may see. The answers are not open data: they name people and carry their e-mail addresses (docs/calls.md,
"Open data"). What an accepted answer became is public elsewhere: a speaker in the programme, a case study in
the good practices."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from colloquy.calls.models import Call, CallState, ResponseStatus
from colloquy.dialogues.browse import in_forum_and_year
from colloquy.dialogues.models import Cycle, Event

COLUMNS = ("id", "kind", "title", "forum", "year", "event", "event_url", "cycle", "deadline", "status", "n_answers",
           "n_accepted")


def call_rows(user, filters) -> list[dict]:
    on_visible = Q(event__in=Event.objects.visible_to(user)) | Q(event__isnull=True,
                                                                 cycle__in=Cycle.objects.visible_to(user))
    qs = (in_forum_and_year(Call.objects.filter(on_visible), filters).select_related("event__cycle__forum", "cycle__forum")
          .annotate(n_answers=Count("responses"),
                    n_accepted=Count("responses", filter=Q(responses__status=ResponseStatus.ACCEPTED)))
          .order_by("deadline", "pk"))
    now = timezone.now()
    rows = []
    for call in qs:
        cycle = call.event.cycle if call.event_id else call.cycle
        rows.append({
            "id": call.pk, "kind": call.kind, "title": call.title, "forum": cycle.forum.acronym or cycle.forum.name,
            "year": cycle.year, "event": call.event.title if call.event_id else "",
            "event_url": settings.SITE_URL.rstrip("/") + call.event.get_absolute_url() if call.event_id else "",
            "cycle": "" if call.event_id else str(cycle), "deadline": call.deadline.isoformat(),
            "status": CallState.OPEN if call.is_accepting(now) else CallState.CLOSED,
            "n_answers": call.n_answers, "n_accepted": call.n_accepted,
        })
    return rows
