"""What the ballots app adds to pages it does not own: the theme-selection part of a cycle's record."""

from django.db.models import Count
from django.template.loader import render_to_string

from colloquy.ballots import access


def cycle_panel(request, cycle) -> str | None:
    """Consultations (members see them) and ballots (once opened) on this cycle, with each recorded decision."""
    user = request.user
    consultations = (access.visible_consultations(user).filter(cycle=cycle)
                     .annotate(n_proposals=Count("proposals", distinct=True)).order_by("created_at"))
    ballots = list(access.visible_ballots(user).filter(cycle=cycle).select_related("decision")
                   .prefetch_related("decision__themes").order_by("closes_at"))
    if not consultations and not ballots:
        return None
    for ballot in ballots:
        ballot.results_visible = access.can_view_results(user, ballot)
        ballot.recorded_decision = getattr(ballot, "decision", None)
    return render_to_string("ballots/_cycle_panel.html", {"consultations": consultations, "ballots": ballots},
                            request=request)


def member_panel(request, organization) -> str | None:
    """On a focal point's desk: open ballots the organization may vote in (cast or not yet), and
    consultations of its forums that take suggestions."""
    from colloquy.ballots.models import Ballot, CurrentBallot

    user = request.user
    ballots = list(Ballot.objects.open().eligible_for(organization).select_related("cycle__forum").order_by("closes_at"))
    cast = set(CurrentBallot.objects.filter(organization=organization, ballot__in=ballots).values_list("ballot_id", flat=True))
    for ballot in ballots:
        ballot.has_cast = ballot.pk in cast
        ballot.accepting = ballot.is_accepting()
    consultations = [c for c in access.visible_consultations(user).open().select_related("cycle__forum")
                     if access.can_suggest(user, c)]
    if not ballots and not consultations:
        return None
    return render_to_string("ballots/_member_panel.html", {"ballots": ballots, "consultations": consultations,
                                                            "waiting": sum(not b.has_cast for b in ballots)},
                            request=request)
