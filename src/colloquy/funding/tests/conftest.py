"""Funding fixtures: Ghana's focal point is the donor's own focal point; the observer is another focal point."""

from decimal import Decimal

import pytest

from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import EventStatus, FundingStatus
from colloquy.funding import services


@pytest.fixture
def workshop(make_event, make_cycle, forum):
    """A planned workshop held subject to funding, in a published cycle, with a budget of 10 000 CHF."""
    event = make_event(cycle=make_cycle(forum=forum, year=2027), title="Workshop on labour mobility",
                       status=EventStatus.PLANNED, funding_status=FundingStatus.SUBJECT_TO_FUNDING)
    services.event_budget_set(actor=SYSTEM, event=event, currency="CHF", interpretation=Decimal("6000"),
                              funded_participants=Decimal("4000"))
    return event


@pytest.fixture
def make_pledge(ghana):
    def make(*, event=None, cycle=None, donor=None, amount="1000", currency="CHF", status=None, public=False,
             budget_line="interpretation", purpose="Interpretation into English, French and Spanish"):
        pledge = services.pledge_create(actor=SYSTEM, donor=donor or ghana, event=event, cycle=cycle,
                                        amount=Decimal(amount), currency=currency, public=public,
                                        budget_line=budget_line, purpose=purpose)
        for step in {"confirmed": ["confirmed"], "received": ["confirmed", "received"]}.get(status, []):
            pledge = services.pledge_set_status(actor=SYSTEM, pledge=pledge, status=step)
        return pledge

    return make


@pytest.fixture
def pledges(make_pledge, workshop, make_organization):
    private = make_pledge(event=workshop, amount="4321", status="confirmed")  # Ghana's, not public
    public = make_pledge(event=workshop, amount="1234", status="confirmed", public=True,
                         donor=make_organization(name="Switzerland"))
    return private, public
