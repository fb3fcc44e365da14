"""The funding API's shapes (api.py mounts them at /api/funding)."""

from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from colloquy.core.apischema import Id
from colloquy.dialogues.schemas import DonorOut
from colloquy.funding.models import BudgetLine, PledgeStatus

Amount = Annotated[Decimal, Field(gt=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2)]
LineAmount = Annotated[Decimal, Field(ge=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2)]
Currency = Annotated[str, StringConstraints(min_length=3, max_length=3, pattern=r"^[A-Za-z]{3}$")]


class PledgeOut(Schema):
    id: int
    donor_id: int
    donor: str
    event: str | None = Field(None, description="The event's slug; null for a pledge to a whole cycle")
    cycle_id: int | None
    year: int
    amount: Decimal
    currency: str
    purpose: str
    budget_line: str
    status: str
    public: bool

    @staticmethod
    def resolve_donor(obj):
        return obj.donor.name

    @staticmethod
    def resolve_event(obj):
        return obj.event.slug if obj.event_id else None


class PledgeIn(Schema):
    donor_id: Id
    event: Annotated[str, StringConstraints(max_length=140)] | None = Field(None, description="Event slug")
    cycle_id: Id | None = None
    amount: Amount
    currency: Currency
    purpose: Annotated[str, StringConstraints(max_length=300)] = ""
    budget_line: BudgetLine = BudgetLine.OTHER
    public: bool = False


class PledgePatch(Schema):
    amount: Amount | None = None
    currency: Currency | None = None
    purpose: Annotated[str, StringConstraints(max_length=300)] | None = None
    budget_line: BudgetLine | None = None
    public: bool | None = None


class PledgeStatusIn(Schema):
    status: PledgeStatus
    note: Annotated[str, StringConstraints(max_length=500)] = ""


class BudgetIn(Schema):
    currency: Currency
    interpretation: LineAmount = Decimal(0)
    funded_participants: LineAmount = Decimal(0)
    venue: LineAmount = Decimal(0)
    other: LineAmount = Decimal(0)


class EventFundingOut(Schema):
    """An event's donors (public), its funding status, how far its budget is covered (percent: public when
    the event is subject to funding; amounts: secretariat only), and the pledges the caller may see."""

    event: str
    funding_status: str
    status: str
    donors: list[DonorOut]
    coverage_percent: int | None
    budget_total: Decimal | None = None
    budget_currency: str | None = None
    budget_lines: dict[str, Decimal] | None = None
    covered: Decimal | None = None
    pledges: list[PledgeOut]
