"""The secretariat desk's ballot section: open ballots, the soonest close first, with their turnout."""

import datetime

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from colloquy.ballots.models import Ballot, BallotState

SOON = datetime.timedelta(days=7)


def desk_panel(request, today) -> str:
    now = timezone.now()
    ballots = list(Ballot.objects.filter(state=BallotState.OPEN).select_related("cycle__forum")
                   .annotate(n_eligible=Count("eligible", distinct=True), n_cast=Count("current", distinct=True))
                   .order_by("closes_at")[:20])
    for ballot in ballots:
        ballot.closing_soon = ballot.closes_at - now <= SOON
    return render_to_string("ballots/_desk_panel.html", {"ballots": ballots}, request=request)
