"""Ballot pages: focal points vote and get a receipt; the secretariat creates, opens, closes and decides;
anyone reads published results. Views parse input and call the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from colloquy.ballots import access, services
from colloquy.ballots.forms import BallotForm, DecisionForm
from colloquy.ballots.models import BallotState, CastKind, CurrentBallot
from colloquy.ballots.results import ballot_results
from colloquy.ballots.views.common import _require_manage
from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.errors import DomainError


def _ballot(request, pk):
    ballot = access.visible_ballot(request.user, pk)
    if ballot is None:
        raise Http404("No such ballot.")
    return ballot


def _current(request, ballot):
    org = focal_organization(request.user)
    if org is None:
        return None
    return CurrentBallot.objects.filter(ballot=ballot, organization=org).select_related("log_entry").first()


def ballot_list(request):
    ballots = access.visible_ballots(request.user).select_related("cycle__forum").order_by("-closes_at")
    org = focal_organization(request.user)
    mine = {}
    if org is not None:
        mine = dict(CurrentBallot.objects.filter(organization=org).values_list("ballot_id", "cast_at"))
        eligible = set(access.visible_ballots(request.user).eligible_for(org).values_list("pk", flat=True))
    else:
        eligible = set()
    now = timezone.now()
    rows = [{"ballot": b, "eligible": b.pk in eligible, "voted_at": mine.get(b.pk), "accepting": b.is_accepting(now)}
            for b in ballots]
    return render(request, "ballots/list.html", {
        "open_rows": [r for r in rows if r["ballot"].state == BallotState.OPEN],
        "other_rows": [r for r in rows if r["ballot"].state != BallotState.OPEN],
        "can_manage": access.can_manage(request.user),
        "consultations": access.visible_consultations(request.user).select_related("cycle__forum")[:20],
    })


def _option_choices(ballot, current):
    chosen = list(current.choices) if current else []
    options = list(ballot.options.all())
    for option in options:
        option.checked = option.pk in chosen
        option.rank = chosen.index(option.pk) + 1 if option.pk in chosen else ""
    return options


def ballot_detail(request, pk, *, error=None, status=200):
    ballot = _ballot(request, pk)
    current = _current(request, ballot)
    context = {
        "ballot": ballot,
        "options": _option_choices(ballot, current),
        "current": current,
        "eligible": access.is_eligible(request.user, ballot),
        "accepting": ballot.is_accepting(),
        "can_manage": access.can_manage(request.user),
        "can_view_results": access.can_view_results(request.user, ballot),
        "decision": getattr(ballot, "decision", None) if ballot.state == BallotState.DECIDED else None,
        "error": error,
        "eligible_count": ballot.eligible.count(),
        "cast_count": ballot.current.count() if access.can_manage(request.user) else None,
    }
    return render(request, "ballots/detail.html", context, status=status)


def _submitted_choices(request, ballot):
    if ballot.method == "irv":
        ranked = []
        for key, value in request.POST.items():
            if key.startswith("rank_") and value.strip():
                try:
                    ranked.append((int(value), key.removeprefix("rank_")))
                except ValueError:
                    raise DomainError(f"Rank {value!r} is not a number.", field="choices") from None
        ranks = [r for r, _ in ranked]
        if len(set(ranks)) != len(ranks):
            raise DomainError("Two options have the same rank; give each option a different rank.", field="choices")
        return [option for _, option in sorted(ranked)]
    return request.POST.getlist("choice")


@login_required
@require_POST
def ballot_cast(request, pk):
    ballot = _ballot(request, pk)
    try:
        choices = _submitted_choices(request, ballot)
        services.ballot_cast(ballot=ballot, member=focal_organization(request.user), choices=choices, actor=request.user)
    except DomainError as exc:
        return ballot_detail(request, pk, error=exc.message, status=exc.status)
    if request.headers.get("HX-Request"):
        return _receipt(request, ballot, fragment=True)
    messages.success(request, "Your organization's ballot was recorded.")
    return redirect("ballots:receipt", pk=ballot.pk)


def _receipt(request, ballot, fragment=False):
    current = _current(request, ballot)
    if current is None:
        raise Http404("Your organization has no ballot recorded here.")
    labels = dict(ballot.options.values_list("id", "label"))
    history = ballot.log.filter(organization=focal_organization(request.user), kind=CastKind.CAST).order_by("seq")
    template = "ballots/_receipt.html" if fragment else "ballots/receipt.html"
    return render(request, template, {
        "ballot": ballot, "current": current, "chosen": [labels.get(i, i) for i in current.choices],
        "history": history, "accepting": ballot.is_accepting(),
    })


@login_required
def ballot_receipt(request, pk):
    return _receipt(request, _ballot(request, pk))


def ballot_results_page(request, pk):
    ballot = _ballot(request, pk)
    if not access.can_view_results(request.user, ballot):
        return render(request, "ballots/results_pending.html", {"ballot": ballot}, status=403)
    results = ballot_results(ballot)
    individual = None
    if access.can_view_individual_ballots(request.user, ballot):
        labels = results.labels
        individual = [(row.organization, [labels.get(i, i) for i in row.choices], row.cast_at)
                      for row in ballot.current.select_related("organization").order_by("organization__name")]
    return render(request, "ballots/results.html", {
        "ballot": ballot, "results": results, "individual": individual,
        "decision": getattr(ballot, "decision", None) if ballot.state == BallotState.DECIDED else None,
        "chart_height": 24 * len(results.rows) + 8,
    })


def ballot_log(request, pk):
    """The public chain: positions, times, kinds and hashes, so anyone can find a receipt and check the links."""
    ballot = _ballot(request, pk)
    show_who = access.can_view_individual_ballots(request.user, ballot)
    entries = ballot.log.select_related("organization").order_by("seq")
    return render(request, "ballots/log.html", {"ballot": ballot, "entries": entries, "show_who": show_who})


@login_required
def ballot_create(request):
    _require_manage(request)
    initial = {"method": "single", "eligibility": "member_states"}
    wanted = request.GET.get("consultation", "")
    consultation = access.visible_consultations(request.user).filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if consultation is not None:
        initial |= {"consultation": consultation.pk, "cycle": consultation.cycle_id, "level": consultation.level}
    form = BallotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        options = form.option_labels()
        data.pop("options")
        try:
            ballot = services.ballot_create(actor=request.user, options=options, **data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Draft ballot created. Check it, then open it.")
            return redirect(ballot)
    return render(request, "ballots/create.html", {"form": form}, status=400 if form.errors else 200)


def _secretariat_step(request, pk, step, done_message):
    ballot = _ballot(request, pk)
    try:
        step(actor=request.user, ballot=ballot)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done_message)
    return redirect(ballot)


@login_required
@require_POST
def ballot_open(request, pk):
    _require_manage(request)
    return _secretariat_step(request, pk, services.ballot_open, "Ballot opened; eligible focal points were e-mailed.")


@login_required
@require_POST
def ballot_close(request, pk):
    _require_manage(request)
    return _secretariat_step(request, pk, services.ballot_close, "Ballot closed; results were sent.")


@login_required
def ballot_decide(request, pk):
    _require_manage(request)
    ballot = _ballot(request, pk)
    results = ballot_results(ballot)
    form = DecisionForm(request.POST or None, initial={"adopt": "1" if results.quorum_met else "0"})
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_decide(actor=request.user, ballot=ballot, rationale=form.cleaned_data["rationale"],
                                   adopt=form.cleaned_data["adopt"], options=request.POST.getlist("option") or None)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("ballots:results", pk=ballot.pk)
    return render(request, "ballots/decide.html", {"ballot": ballot, "results": results, "form": form,
                                                   "is_secretariat": is_secretariat(request.user)},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def ballot_cancel(request, pk):
    _require_manage(request)
    ballot = _ballot(request, pk)
    try:
        services.ballot_cancel(actor=request.user, ballot=ballot, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Ballot cancelled.")
    return redirect(ballot)
