"""Follow-up rounds: the public list with response rates; launching and closing for the secretariat."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.web import domain_errors, secretariat_required
from colloquy.directory.models import Organization
from colloquy.outcomes import charts, services
from colloquy.outcomes.forms import RoundForm
from colloquy.outcomes.models import FollowUpRound, Recommendation
from colloquy.outcomes.rounds_status import round_progress
from colloquy.outcomes.services.rounds import focal_points_to_email


def round_list(request):
    progress = [round_progress(r) for r in FollowUpRound.objects.all()]
    chart = charts.bars([(p.round.title, p.percent) for p in progress], title="Response rate per follow-up round",
                        unit="%", maximum=100)
    return render(request, "outcomes/round_list.html", {"rounds": progress, "chart": chart,
                                                        "can_manage": is_secretariat(request.user)})


def round_detail(request, pk):
    followup_round = get_object_or_404(FollowUpRound, pk=pk)
    progress = round_progress(followup_round)
    can_manage = is_secretariat(request.user)
    show_members = can_manage or focal_organization(request.user) is not None
    no_contact = set()
    if can_manage:
        no_contact = {row.organization.pk for row in progress.rows
                      if not row.complete and not focal_points_to_email(row.organization)}
    return render(request, "outcomes/round_detail.html", {
        "round": followup_round, "progress": progress, "show_members": show_members, "no_contact": no_contact,
        "recommendations": followup_round.recommendations.all(), "can_manage": can_manage,
        "reminders": followup_round.reminders.select_related("organization")[:50] if can_manage else []})


@secretariat_required
@domain_errors
def round_new(request):
    recs = Recommendation.objects.visible_to(request.user).published().select_related("event")
    # Members of a forum, and any organization with a focal point (who would receive the e-mails).
    orgs = Organization.objects.filter(Q(memberships__isnull=False) | Q(focal_points__isnull=False)).distinct().order_by("name")
    form = RoundForm(request.POST or None, recommendations=recs, organizations=orgs,
                     initial={"recommendations": request.GET.getlist("recommendation")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        followup_round = services.round_launch(title=data["title"], recommendations=data["recommendations"],
                                               organizations=data["organizations"], deadline=data["deadline"],
                                               message=data["message"], actor=request.user)
        messages.success(request, gettext('Round launched; %(count)s member(s) were invited by e-mail.') % {'count': followup_round.organizations.count()})
        return redirect(followup_round)
    return render(request, "outcomes/round_form.html", {"form": form})


@require_POST
@secretariat_required
@domain_errors
def round_set_state(request, pk, action):
    followup_round = get_object_or_404(FollowUpRound, pk=pk)
    if action == "close":
        services.round_close(followup_round=followup_round, actor=request.user)
        messages.success(request, gettext("Round closed; no more reminders will be sent."))
    else:
        services.round_reopen(followup_round=followup_round, actor=request.user)
        messages.success(request, gettext("Round reopened."))
    return redirect(followup_round)
