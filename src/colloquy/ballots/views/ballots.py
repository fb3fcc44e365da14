"""Ballot pages: focal points vote and get a receipt; the secretariat creates, opens, closes and decides;
anyone reads published results. Views parse input and call the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from colloquy.ballots import services
from colloquy.ballots.anchor import head_document, head_line
from colloquy.ballots.forms import BallotForm, DecisionForm
from colloquy.ballots.models import Ballot, BallotState, CastKind, Consultation, CurrentBallot
from colloquy.ballots.results import ballot_results
from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.ratelimit import limit_per_organization
from colloquy.core.web import alert_response, domain_errors, is_htmx, secretariat_required


def _ballot(request, pk):
    ballot = Ballot.objects.select_related("cycle__forum").get_visible(request.user, pk)
    if ballot is None:
        raise Http404("No such ballot.")
    return ballot


def _current(request, ballot):
    org = focal_organization(request.user)
    if org is None:
        return None
    return CurrentBallot.objects.filter(ballot=ballot, organization=org).select_related("log_entry").first()


def ballot_list(request):
    ballots = Ballot.objects.visible_to(request.user).select_related("cycle__forum").order_by("-closes_at")
    org = focal_organization(request.user)
    mine = {}
    if org is not None:
        mine = dict(CurrentBallot.objects.filter(organization=org).values_list("ballot_id", "cast_at"))
        eligible = set(Ballot.objects.visible_to(request.user).eligible_for(org).values_list("pk", flat=True))
    else:
        eligible = set()
    now = timezone.now()
    rows = [{"ballot": b, "eligible": b.pk in eligible, "voted_at": mine.get(b.pk), "accepting": b.is_accepting(now)}
            for b in ballots]
    return render(request, "ballots/list.html", {
        "open_rows": [r for r in rows if r["ballot"].state == BallotState.OPEN],
        "other_rows": [r for r in rows if r["ballot"].state != BallotState.OPEN],
        "can_manage": is_secretariat(request.user),
        "consultations": Consultation.objects.visible_to(request.user).select_related("cycle__forum")[:20],
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
        "eligible": ballot.voter_is_eligible(request.user),
        "accepting": ballot.is_accepting(),
        "can_manage": is_secretariat(request.user),
        "can_view_results": ballot.results_visible_to(request.user),
        "decision": getattr(ballot, "decision", None) if ballot.state == BallotState.DECIDED else None,
        "error": error,
        "eligible_count": ballot.eligible.count(),
        "cast_count": ballot.current.count() if is_secretariat(request.user) else None,
        "days_early": max(0, (ballot.closes_at - timezone.now()).days) if ballot.state == BallotState.OPEN else 0,
    }
    return render(request, "ballots/detail.html", context, status=status)


def _require_confirmation(request, message):
    """Closing early, cancelling and deciding are not undone: the form carries a ticked `confirm` box that
    names the turnout (issue 17). A POST without it is refused with `message`."""
    if request.POST.get("confirm") != "1":
        raise DomainError(message, field="confirm")


def _submitted_choices(request, ballot):
    if ballot.method == "irv":
        ranked = []
        for key, value in request.POST.items():
            if key.startswith("rank_") and value.strip():
                try:
                    ranked.append((int(value), key.removeprefix("rank_")))
                except ValueError:
                    raise DomainError(gettext('Rank %(value)s is not a number.') % {'value': repr(value)}, field="choices") from None
        ranks = [r for r, _ in ranked]
        if len(set(ranks)) != len(ranks):
            raise DomainError(gettext("Two options have the same rank; give each option a different rank."), field="choices")
        return [option for _, option in sorted(ranked)]
    return request.POST.getlist("choice")


@login_required
@domain_errors
def ballot_cast(request, pk):
    ballot = _ballot(request, pk)
    if request.method != "POST":  # an action URL opened directly (see views/__init__.py)
        return redirect(ballot)
    try:
        choices = _submitted_choices(request, ballot)
        organization = focal_organization(request.user)
        limit_per_organization("cast", organization.pk if organization else None)
        services.ballot_cast(ballot=ballot, member=focal_organization(request.user), choices=choices, actor=request.user)
    except DomainError as exc:
        if is_htmx(request):  # the refusal beside the form, where the voter is looking
            return alert_response(request, exc.message, status=exc.status, target="#cast-error")
        # The voting page again, the refusal beside the form, with the refusal's status (400, 403).
        return ballot_detail(request, pk, error=exc.message, status=exc.status)
    if is_htmx(request):
        return _receipt(request, ballot, fragment=True)
    messages.success(request, gettext("Your organization's ballot was recorded."))
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
    if not ballot.results_visible_to(request.user):
        return render(request, "ballots/results_pending.html", {"ballot": ballot}, status=403)
    results = ballot_results(ballot)
    individual = None
    if ballot.individual_ballots_visible_to(request.user):
        labels = results.labels
        individual = [(row.organization, [labels.get(i, i) for i in row.choices], row.cast_at)
                      for row in ballot.current.select_related("organization").order_by("organization__name")]
    return render(request, "ballots/results.html", {
        "ballot": ballot, "results": results, "individual": individual,
        "decision": getattr(ballot, "decision", None) if ballot.state == BallotState.DECIDED else None,
        "chart_height": 38 * len(results.rows) + 4, "head_line": head_line(ballot),
    })


def ballot_log(request, pk):
    """The public chain: positions, times, kinds and hashes, so anyone can find a receipt and check the links."""
    ballot = _ballot(request, pk)
    show_who = ballot.individual_ballots_visible_to(request.user)
    entries = ballot.log.select_related("organization").order_by("seq")
    return render(request, "ballots/log.html", {"ballot": ballot, "entries": entries, "show_who": show_who,
                                                "head_line": head_line(ballot)})


def ballot_head(request, pk):
    """The signed export of the chain head and every entry hash (anchor.py), for `ballot-verify --against`."""
    ballot = _ballot(request, pk)
    response = JsonResponse(head_document(ballot), json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'inline; filename="ballot-{ballot.pk}-head.json"'
    return response


@secretariat_required
def ballot_create(request):
    initial = {"method": "single", "eligibility": "member_states"}
    wanted = request.GET.get("consultation", "")
    consultation = Consultation.objects.visible_to(request.user).filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if consultation is not None:
        initial |= {"consultation": consultation.pk, "cycle": consultation.cycle_id, "level": consultation.level}
    form = BallotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        options = form.option_labels()
        data.pop("options")
        try:
            ballot = services.ballot_create(actor=request.user, options=options, **data)
        except DomainError as exc:  # shown beside its field, the input kept
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, gettext("Draft ballot created. Check it, then open it."))
            return redirect(ballot)
    return render(request, "ballots/create.html", {"form": form}, status=400 if form.errors else 200)


@secretariat_required
@domain_errors
def ballot_open(request, pk):
    ballot = _ballot(request, pk)
    if request.method != "POST":  # an action URL opened directly (see views/__init__.py)
        return redirect(ballot)
    services.ballot_open(actor=request.user, ballot=ballot)
    messages.success(request, gettext("Ballot opened; eligible focal points were e-mailed."))
    return redirect(ballot)


@secretariat_required
@domain_errors
def ballot_close(request, pk):
    ballot = _ballot(request, pk)
    if request.method != "POST":  # an action URL opened directly (see views/__init__.py)
        return redirect(ballot)
    _require_confirmation(request, gettext("Tick the box to confirm closing the ballot now."))
    services.ballot_close(actor=request.user, ballot=ballot)
    messages.success(request, gettext("Ballot closed; results were sent."))
    return redirect(ballot)


@secretariat_required
def ballot_decide(request, pk):
    ballot = _ballot(request, pk)
    results = ballot_results(ballot)
    form = DecisionForm(request.POST or None, initial={"adopt": "1" if results.quorum_met else "0"})
    if request.method == "POST" and request.POST.get("confirm") != "1":
        form.is_valid()
        form.add_error(None, gettext("Tick the box to confirm the decision and the turnout it rests on."))
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_decide(actor=request.user, ballot=ballot, rationale=form.cleaned_data["rationale"],
                                   adopt=form.cleaned_data["adopt"], options=request.POST.getlist("option") or None)
        except DomainError as exc:  # shown above the form, the rationale kept
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Decision recorded."))
            return redirect("ballots:results", pk=ballot.pk)
    return render(request, "ballots/decide.html", {"ballot": ballot, "results": results, "form": form,
                                                   "is_secretariat": is_secretariat(request.user)},
                  status=400 if form.errors else 200)


@secretariat_required
@domain_errors
def ballot_cancel(request, pk):
    ballot = _ballot(request, pk)
    if request.method != "POST":  # an action URL opened directly (see views/__init__.py)
        return redirect(ballot)
    _require_confirmation(request, gettext("Tick the box to confirm cancelling the ballot."))
    services.ballot_cancel(actor=request.user, ballot=ballot, reason=request.POST.get("reason", ""))
    messages.success(request, gettext("Ballot cancelled."))
    return redirect(ballot)
