"""Funding screens. The secretariat manages budgets and pledges per event or cycle, confirms an event held
subject to funding, and prints the yearly donor report; the open-data CSV shows anyone the pledges they may
see. Views parse input and call the services (colloquy.funding.services)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from colloquy.core.errors import DomainError
from colloquy.core.web import domain_errors, secretariat_required
from colloquy.dialogues.models import Cycle, Event, FundingStatus
from colloquy.funding import report as reports
from colloquy.funding import services
from colloquy.funding.forms import BudgetForm, PledgeForm, StatusForm
from colloquy.funding.models import EventBudget, Pledge


def _with_actions(pledges):
    pledges = list(pledges)
    for p in pledges:
        labels = services.PLEDGE_TRANSITIONS.labels
        p.next_states = [(s, labels[s]) for s in sorted(services.PLEDGE_TRANSITIONS.allowed(p.status))]
    return pledges


@secretariat_required
def home(request):
    events = list(Event.objects.filter(funding_status=FundingStatus.SUBJECT_TO_FUNDING).select_related("cycle__forum")
                  .order_by("-start_date"))
    for event in events:
        event.coverage = services.coverage(event)
    this_year = timezone.localdate().year
    return render(request, "funding/home.html", {"events": events, "years": range(this_year + 1, this_year - 5, -1)})


def _event_page(request, event, *, pledge_form=None, budget_form=None, status=200):
    budget = EventBudget.objects.filter(event=event).first()
    initial = {"currency": budget.currency, **budget.lines} if budget else {}
    return render(request, "funding/event.html", {
        "event": event,
        "coverage": services.coverage(event),
        "subject": event.funding_status == FundingStatus.SUBJECT_TO_FUNDING,
        "pledges": _with_actions(Pledge.objects.filter(event=event).select_related("donor")),
        "pledge_form": pledge_form or PledgeForm(initial={"currency": budget.currency if budget else ""}),
        "budget_form": budget_form or BudgetForm(initial=initial),
    }, status=status)


@secretariat_required
def event_funding(request, slug):
    return _event_page(request, get_object_or_404(Event, slug=slug))


@secretariat_required
def cycle_funding(request, pk, *, pledge_form=None, status=200):
    cycle = get_object_or_404(Cycle.objects.select_related("forum"), pk=pk)
    return render(request, "funding/cycle.html", {
        "cycle": cycle, "pledges": _with_actions(Pledge.objects.filter(cycle=cycle).select_related("donor")),
        "pledge_form": pledge_form or PledgeForm(),
    }, status=status)


@secretariat_required
@require_POST
def pledge_create(request):
    event = Event.objects.filter(slug=request.POST.get("event") or None).first()
    cycle_id = request.POST.get("cycle", "")
    cycle = None if event or not cycle_id.isdigit() else Cycle.objects.filter(pk=int(cycle_id)).first()
    if event is None and cycle is None:
        raise Http404(gettext("Say which event or cycle the pledge is for."))
    form = PledgeForm(request.POST)
    if form.is_valid():
        try:
            services.pledge_create(actor=request.user, event=event, cycle=cycle, **form.cleaned_data)
        except DomainError as exc:  # shown above the form, the input kept
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Pledge recorded."))
            return redirect("funding:event", event.slug) if event else redirect("funding:cycle", cycle.pk)
    if event:
        return _event_page(request, event, pledge_form=form, status=400)
    return cycle_funding(request, cycle.pk, pledge_form=form, status=400)


@secretariat_required
@require_POST
@domain_errors
def pledge_status(request, pk):
    pledge = get_object_or_404(Pledge, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise DomainError(gettext("Choose a pledge status."))
    pledge = services.pledge_set_status(actor=request.user, pledge=pledge, status=form.cleaned_data["status"])
    messages.success(request, gettext("Pledge marked as %(status)s.") % {"status": pledge.get_status_display()})
    return redirect("funding:event", pledge.event.slug) if pledge.event_id else redirect("funding:cycle", pledge.cycle_id)


@secretariat_required
@require_POST
def budget_set(request, slug):
    event = get_object_or_404(Event, slug=slug)
    form = BudgetForm(request.POST)
    if form.is_valid():
        try:
            services.event_budget_set(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:  # shown beside the form, the input kept
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Budget saved."))
            return redirect("funding:event", event.slug)
    return _event_page(request, event, budget_form=form, status=400)


@secretariat_required
@require_POST
@domain_errors
def confirm_funded(request, slug):
    event = get_object_or_404(Event, slug=slug)
    services.event_confirm_funded(actor=request.user, event=event)
    messages.success(request, gettext("The event is confirmed: its budget is covered."))
    return redirect("funding:event", event.slug)


def _year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise DomainError(gettext("A report year must be between 1900 and 2200."))
    return year


@secretariat_required
@domain_errors
def report(request, year):
    rows = reports.report_rows(_year(year), request.user)
    thanks = [(code, name, reports.thank_you_paragraph(year=year, language=code))
              for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español"))]
    return render(request, "funding/report.html", {"year": year, "rows": rows, "totals": reports.totals(rows),
                                                    "thanks": thanks})


@secretariat_required
@domain_errors
def report_csv(request, year):
    response = HttpResponse(reports.report_csv(_year(year), request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="donor-report-{year}.csv"'
    return response


@secretariat_required
@domain_errors
def report_pdf(request, year):
    response = HttpResponse(reports.report_pdf(_year(year), request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="donor-report-{year}.pdf"'
    return response


def open_pledges_csv(request):
    """Open data: the pledges the visitor may see (anonymous: the public ones)."""
    rows = reports.open_rows(request.user)
    response = HttpResponse(reports.rows_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pledges-{timezone.localdate():%Y%m%d}.csv"'
    return response
