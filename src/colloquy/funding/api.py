"""Funding in the API (/api/funding): pledges the caller may see, an event's donors and coverage, and the
secretariat's writes, through the same services as the screens (docs/funding.md)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from colloquy.accounts.auth import api_user, authenticated
from colloquy.core.access import is_secretariat
from colloquy.core.apischema import Id, Year
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Cycle, Event, FundingStatus
from colloquy.directory.models import Organization
from colloquy.funding import services
from colloquy.funding.models import Pledge
from colloquy.funding.schemas import (
    BudgetIn,
    EventFundingOut,
    PledgeIn,
    PledgeOut,
    PledgePatch,
    PledgeStatusIn,
)

router = Router(tags=["funding"])


def _pledges(request):
    return Pledge.objects.visible_to(api_user(request)).select_related("donor", "event__cycle", "cycle")


@router.get("/pledges", response=list[PledgeOut],
            summary="Pledges the caller may see: all (secretariat), its organization's (focal point), public ones")
def list_pledges(request, event: str | None = None, cycle_id: Id | None = None, year: Year | None = None):
    pledges = _pledges(request)
    if event:
        pledges = pledges.filter(event__slug=event)
    if cycle_id:
        pledges = pledges.filter(cycle_id=cycle_id)
    if year:
        pledges = pledges.filter(event__cycle__year=year) | pledges.filter(event__isnull=True, cycle__year=year)
    return pledges.order_by("pk")


@router.get("/pledges/{int:pledge_id}", response=PledgeOut)
def get_pledge(request, pledge_id: Id):
    return get_object_or_404(_pledges(request), pk=pledge_id)


@router.post("/pledges", response={201: PledgeOut}, auth=authenticated, summary="Record a pledge (secretariat)")
def create_pledge(request, payload: PledgeIn):
    data = payload.dict()
    if (data["event"] is None) == (data["cycle_id"] is None):
        raise DomainError("Give exactly one of event (a slug) or cycle_id.")
    event = get_object_or_404(Event, slug=data.pop("event")) if data["event"] else data.pop("event")
    cycle = get_object_or_404(Cycle, pk=data.pop("cycle_id")) if data["cycle_id"] else data.pop("cycle_id")
    donor = get_object_or_404(Organization, pk=data.pop("donor_id"))
    data["budget_line"] = str(data["budget_line"].value if hasattr(data["budget_line"], "value") else data["budget_line"])
    pledge = services.pledge_create(actor=request.user, donor=donor, event=event, cycle=cycle, **data)
    return Status(201, pledge)


@router.patch("/pledges/{int:pledge_id}", response=PledgeOut, auth=authenticated,
              summary="Change a pledge's amount, currency, purpose, budget line or public flag (secretariat)")
def update_pledge(request, pledge_id: Id, payload: PledgePatch):
    fields = {k: (v.value if hasattr(v, "value") else v) for k, v in payload.dict(exclude_unset=True).items()}
    return services.pledge_update(actor=request.user, pledge=get_object_or_404(_pledges(request), pk=pledge_id),
                                  **fields)


@router.post("/pledges/{int:pledge_id}/status", response=PledgeOut, auth=authenticated,
             summary="Move a pledge: pledged → confirmed → received, or withdrawn (secretariat)")
def set_pledge_status(request, pledge_id: Id, payload: PledgeStatusIn):
    pledge = get_object_or_404(_pledges(request), pk=pledge_id)
    status = payload.status.value if hasattr(payload.status, "value") else payload.status
    return services.pledge_set_status(actor=request.user, pledge=pledge, status=status, note=payload.note)


def _event_funding(request, event) -> dict:
    user = api_user(request)
    manage = is_secretariat(user)
    cover = services.coverage(event)
    subject = event.funding_status == FundingStatus.SUBJECT_TO_FUNDING
    out = {
        "event": event.slug, "funding_status": event.funding_status, "status": event.status,
        "donors": list(event.funding.select_related("donor").order_by("donor__name")),
        "coverage_percent": cover.percent if (subject or manage) and cover.budget else None,
        "pledges": list(_pledges(request).filter(event=event).order_by("pk")),
    }
    if manage and cover.budget:
        out.update(budget_total=cover.total, budget_currency=cover.currency, budget_lines=cover.budget.lines,
                   covered=cover.covered)
    return out


@router.get("/events/{slug}", response=EventFundingOut, summary="An event's donors, coverage and visible pledges")
def event_funding(request, slug: str):
    return _event_funding(request, get_object_or_404(Event.objects.visible_to(api_user(request)), slug=slug))


@router.put("/events/{slug}/budget", response=EventFundingOut, auth=authenticated,
            summary="Set an event's budget, per line (secretariat)")
def set_budget(request, slug: str, payload: BudgetIn):
    event = get_object_or_404(Event.objects.visible_to(api_user(request)), slug=slug)
    services.event_budget_set(actor=request.user, event=event, **payload.dict())
    return _event_funding(request, event)


@router.post("/events/{slug}/confirm", response=EventFundingOut, auth=authenticated,
             summary="Confirm an event subject to funding whose budget confirmed pledges cover (secretariat)")
def confirm_event(request, slug: str):
    event = get_object_or_404(Event.objects.visible_to(api_user(request)), slug=slug)
    return _event_funding(request, services.event_confirm_funded(actor=request.user, event=event))
