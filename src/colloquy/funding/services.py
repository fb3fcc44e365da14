"""Business rules for funding: pledges and their status, event budgets, and confirming an event "subject to
funding" once confirmed pledges cover its budget. Every write checks the actor, runs in one transaction and
leaves one audit entry (docs/funding.md)."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.validation import full_clean_or_raise
from colloquy.core.workflow import TransitionTable
from colloquy.dialogues.models import Event, EventStatus, FundingStatus
from colloquy.dialogues.services import event_funding_add, event_update
from colloquy.funding.models import BudgetLine, EventBudget, Pledge, PledgeStatus

PLEDGE_TRANSITIONS = TransitionTable(
    {
        PledgeStatus.PLEDGED: {PledgeStatus.CONFIRMED, PledgeStatus.WITHDRAWN},
        PledgeStatus.CONFIRMED: {PledgeStatus.RECEIVED, PledgeStatus.WITHDRAWN},
        PledgeStatus.RECEIVED: set(),
        PledgeStatus.WITHDRAWN: {PledgeStatus.PLEDGED},
    },
    labels=dict(PledgeStatus.choices),
)

PLEDGE_FIELDS = {"amount", "currency", "purpose", "budget_line", "public"}


def _thank_donor(actor, pledge: Pledge) -> None:
    """A confirmed or received pledge for an event makes its donor one of the event's named donors."""
    if pledge.event_id and pledge.status in (PledgeStatus.CONFIRMED, PledgeStatus.RECEIVED):
        event_funding_add(actor=actor, event=pledge.event, donor=pledge.donor)


@transaction.atomic
def pledge_create(*, actor, donor, amount, currency: str, event: Event | None = None, cycle=None,
                  purpose: str = "", budget_line: str = BudgetLine.OTHER, public: bool = False) -> Pledge:
    """Record a donor's pledge for one event or one cycle. It starts as *pledged*."""
    require_secretariat(actor)
    if (event is None) == (cycle is None):
        raise DomainError(gettext("A pledge is for one event or one cycle: give exactly one of them."))
    pledge = Pledge(donor=donor, amount=amount, currency=(currency or "").upper(), event=event, cycle=cycle,
                    purpose=purpose, budget_line=budget_line, public=public, created_by=acting_user(actor))
    full_clean_or_raise(pledge)
    pledge.save()
    audit.record(actor=actor, action="pledge.create", target=pledge, after=audit.snapshot(pledge))
    return pledge


@transaction.atomic
def pledge_update(*, actor, pledge: Pledge, **fields) -> Pledge:
    """Change a pledge's amount, currency, purpose, budget line or public flag (not its status)."""
    require_secretariat(actor)
    if "currency" in fields:
        fields["currency"] = (fields["currency"] or "").upper()
    return audit.apply_update(actor=actor, obj=pledge, fields=fields, allowed=PLEDGE_FIELDS, action="pledge.update")


@transaction.atomic
def pledge_set_status(*, actor, pledge: Pledge, status: str, note: str = "") -> Pledge:
    """pledged → confirmed → received (or withdrawn), as PLEDGE_TRANSITIONS allows."""
    require_secretariat(actor)
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related("event", "donor").get(pk=pledge.pk)
    PLEDGE_TRANSITIONS.check(pledge.status, status)
    before = audit.snapshot(pledge)
    pledge.status = status
    pledge.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="pledge.set_status", target=pledge, before=before, after=audit.snapshot(pledge),
                 note=note)
    _thank_donor(actor, pledge)
    return pledge


@transaction.atomic
def event_budget_set(*, actor, event: Event, currency: str, **lines) -> EventBudget:
    """Set an event's budget: its currency and the amount of each budget line (missing lines are zero)."""
    require_secretariat(actor)
    unknown = set(lines) - set(BudgetLine.values)
    if unknown:
        raise DomainError(gettext("Unknown budget line(s): %(lines)s.") % {"lines": ", ".join(sorted(unknown))})
    budget = EventBudget.objects.select_for_update().filter(event=event).first()
    before = audit.snapshot(budget)
    budget = budget or EventBudget(event=event)
    budget.currency = (currency or "").upper()
    for line in BudgetLine.values:
        setattr(budget, line, lines.get(line) or Decimal(0))
    full_clean_or_raise(budget)
    budget.save()
    audit.record(actor=actor, action="event_budget.set", target=event, before=before, after=audit.snapshot(budget))
    return budget


@dataclass(frozen=True)
class Coverage:
    """How far confirmed and received pledges in the budget's currency cover an event's budget."""

    budget: EventBudget | None
    covered: Decimal
    percent: int  # 0..100, rounded down: 100 means fully covered
    other_currency: int  # covering pledges in another currency, not counted

    @property
    def total(self) -> Decimal:
        return self.budget.total if self.budget else Decimal(0)

    @property
    def currency(self) -> str:
        return self.budget.currency if self.budget else ""

    @property
    def is_covered(self) -> bool:
        return self.budget is not None and self.total > 0 and self.covered >= self.total

    @property
    def missing(self) -> Decimal:
        return max(self.total - self.covered, Decimal(0))


def percent_covered(covered: Decimal, total: Decimal) -> int:
    """`covered` of `total` as a whole percent, rounded down (100 only when fully covered), 0 for no budget."""
    return 0 if total <= 0 else int(min(covered / total * 100, Decimal(100)).quantize(Decimal(1), ROUND_DOWN))


def coverage(event: Event) -> Coverage:
    budget = EventBudget.objects.filter(event=event).first()
    pledges = Pledge.objects.filter(event=event).covering()
    if budget is None:
        return Coverage(None, Decimal(0), 0, 0)
    covered = sum((p.amount for p in pledges if p.currency == budget.currency), Decimal(0))
    other = sum(1 for p in pledges if p.currency != budget.currency)
    total = budget.total
    return Coverage(budget, covered, percent_covered(covered, total), other)


@transaction.atomic
def event_confirm_funded(*, actor, event: Event, note: str = "") -> Event:
    """Confirm an event held "subject to funding" once confirmed (or received) pledges cover its budget: its
    status becomes *confirmed* and its funding *funded*, in one transaction with one audit entry for the decision.
    Refused, naming what is missing, when the event is not subject to funding or the budget is not covered."""
    require_secretariat(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.funding_status != FundingStatus.SUBJECT_TO_FUNDING:
        raise DomainError(gettext("“%(event)s” is not held subject to funding, so there is nothing to confirm here.")
                          % {"event": event.title})
    cover = coverage(event)
    if cover.budget is None or cover.total <= 0:
        raise DomainError(gettext("“%(event)s” has no budget yet: set its budget before confirming it.")
                          % {"event": event.title})
    if not cover.is_covered:
        raise DomainError(
            gettext("Confirmed pledges cover %(covered)s of %(total)s %(currency)s (%(percent)s %%): "
                    "%(missing)s %(currency)s are still missing, so the event cannot be confirmed yet.")
            % {"covered": cover.covered, "total": cover.total, "currency": cover.currency, "percent": cover.percent,
               "missing": cover.missing})
    event = event_update(actor=actor, event=event, status=EventStatus.CONFIRMED, funding_status=FundingStatus.FUNDED)
    audit.record(actor=actor, action="event.confirm_funded", target=event,
                 after={"covered": str(cover.covered), "total": str(cover.total), "currency": cover.currency},
                 note=note)
    return event
