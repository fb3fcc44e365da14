"""What the ballots app adds to pages it does not own (colloquy.core.hooks, filled in on BallotsConfig)."""

from django.db.models import Count
from django.template.loader import render_to_string

from colloquy.ballots import memory
from colloquy.ballots.models import Ballot, Consultation, ConsultationMeeting, CurrentBallot


def cycle_panel(request, cycle) -> str | None:
    """Consultations (members see them) and ballots (once opened) on this cycle, with each recorded decision."""
    user = request.user
    consultations = (Consultation.objects.visible_to(user).filter(cycle=cycle)
                     .annotate(n_proposals=Count("proposals", distinct=True)).order_by("created_at"))
    ballots = list(Ballot.objects.visible_to(user).filter(cycle=cycle).select_related("decision")
                   .prefetch_related("decision__themes").order_by("closes_at"))
    if not consultations and not ballots:
        return None
    for ballot in ballots:
        ballot.results_visible = ballot.results_visible_to(user)
        ballot.recorded_decision = getattr(ballot, "decision", None)
    return render_to_string("ballots/_cycle_panel.html", {"consultations": consultations, "ballots": ballots,
                                                           "not_selected": memory.not_selected(cycle, user)},
                            request=request)


def event_panel(request, event) -> str | None:
    """On a consultation meeting's page: the consultation it belongs to and its ballots."""
    links = ConsultationMeeting.objects.filter(event=event).select_related("consultation", "minutes")
    if not links:
        return None
    return render_to_string("ballots/_event_panel.html", {"links": links}, request=request)


def member_panel(request, organization) -> str | None:
    """On a focal point's desk: open ballots the organization may vote in (cast or not yet), and
    consultations of its forums that take suggestions."""
    user = request.user
    ballots = list(Ballot.objects.open().eligible_for(organization).select_related("cycle__forum").order_by("closes_at"))
    cast = set(CurrentBallot.objects.filter(organization=organization, ballot__in=ballots).values_list("ballot_id", flat=True))
    for ballot in ballots:
        ballot.has_cast = ballot.pk in cast
        ballot.accepting = ballot.is_accepting()
    consultations = [c for c in Consultation.objects.visible_to(user).open().select_related("cycle__forum")
                     if c.accepts_suggestions_from(user)]
    if not ballots and not consultations:
        return None
    return render_to_string("ballots/_member_panel.html", {"ballots": ballots, "consultations": consultations,
                                                            "waiting": sum(not b.has_cast for b in ballots)},
                            request=request)
