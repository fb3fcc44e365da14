"""Funding services: pledges and their status table, budgets, coverage, and confirming a funded event."""

from decimal import Decimal

import pytest

from colloquy.audit.models import AuditEntry
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError, PermissionDenied, TransitionError
from colloquy.dialogues.models import EventFunding, EventStatus, FundingStatus
from colloquy.funding import services
from colloquy.funding.models import Pledge, PledgeStatus

pytestmark = pytest.mark.django_db


def test_a_pledge_starts_as_pledged_and_is_audited(secretariat, workshop, ghana):
    pledge = services.pledge_create(actor=secretariat, donor=ghana, event=workshop, amount=Decimal("2500"),
                                    currency="chf", budget_line="venue")
    assert pledge.status == PledgeStatus.PLEDGED and pledge.currency == "CHF"
    assert AuditEntry.objects.filter(action="pledge.create", actor=secretariat).count() == 1


def test_a_pledge_needs_exactly_one_of_event_or_cycle(secretariat, workshop, ghana):
    with pytest.raises(DomainError, match="one event or one cycle"):
        services.pledge_create(actor=secretariat, donor=ghana, event=workshop, cycle=workshop.cycle,
                               amount=Decimal(1), currency="CHF")
    with pytest.raises(DomainError, match="one event or one cycle"):
        services.pledge_create(actor=secretariat, donor=ghana, amount=Decimal(1), currency="CHF")


def test_an_unknown_currency_is_refused_by_name(secretariat, workshop, ghana):
    with pytest.raises(DomainError, match="ABC is not an ISO 4217 currency code"):
        services.pledge_create(actor=secretariat, donor=ghana, event=workshop, amount=Decimal(1), currency="ABC")
    assert not Pledge.objects.exists()


def test_a_zero_amount_is_refused(secretariat, workshop, ghana):
    with pytest.raises(DomainError, match="amount"):
        services.pledge_create(actor=secretariat, donor=ghana, event=workshop, amount=Decimal(0), currency="CHF")


def test_only_the_secretariat_records_pledges(focal_point, workshop, ghana):
    with pytest.raises(PermissionDenied):
        services.pledge_create(actor=focal_point, donor=ghana, event=workshop, amount=Decimal(1), currency="CHF")


def test_status_follows_the_transition_table(secretariat, make_pledge, workshop):
    pledge = make_pledge(event=workshop)
    with pytest.raises(TransitionError, match="Cannot change status from Pledged to Received"):
        services.pledge_set_status(actor=secretariat, pledge=pledge, status=PledgeStatus.RECEIVED)
    pledge = services.pledge_set_status(actor=secretariat, pledge=pledge, status=PledgeStatus.CONFIRMED)
    pledge = services.pledge_set_status(actor=secretariat, pledge=pledge, status=PledgeStatus.RECEIVED)
    assert pledge.status == PledgeStatus.RECEIVED
    assert AuditEntry.objects.filter(action="pledge.set_status").count() == 2


def test_a_confirmed_pledge_names_its_donor_on_the_event(make_pledge, workshop, ghana):
    pledge = make_pledge(event=workshop)
    assert not EventFunding.objects.filter(event=workshop).exists()
    services.pledge_set_status(actor=SYSTEM, pledge=pledge, status=PledgeStatus.CONFIRMED)
    assert list(workshop.donors.all()) == [ghana]


def test_coverage_counts_confirmed_pledges_in_the_budget_currency_only(make_pledge, workshop, make_organization):
    make_pledge(event=workshop, amount="5000", status="confirmed")
    make_pledge(event=workshop, amount="3000")  # only pledged: not counted
    make_pledge(event=workshop, amount="900", currency="USD", status="received",
                donor=make_organization(name="United States"))
    cover = services.coverage(workshop)
    assert (cover.total, cover.covered, cover.percent, cover.other_currency) == (Decimal(10000), Decimal(5000), 50, 1)
    assert not cover.is_covered and cover.missing == Decimal(5000)


def test_confirming_an_uncovered_event_is_refused_naming_what_is_missing(secretariat, make_pledge, workshop):
    make_pledge(event=workshop, amount="7500", status="confirmed")
    with pytest.raises(DomainError) as refused:
        services.event_confirm_funded(actor=secretariat, event=workshop)
    assert "7500" in refused.value.message and "75 %" in refused.value.message and "2500" in refused.value.message
    workshop.refresh_from_db()
    assert workshop.status == EventStatus.PLANNED


def test_confirming_an_event_without_a_budget_is_refused(secretariat, make_event):
    event = make_event(status=EventStatus.PLANNED, funding_status=FundingStatus.SUBJECT_TO_FUNDING)
    with pytest.raises(DomainError, match="no budget yet"):
        services.event_confirm_funded(actor=secretariat, event=event)


def test_confirming_an_event_not_subject_to_funding_is_refused(secretariat, make_event):
    event = make_event(status=EventStatus.PLANNED)
    with pytest.raises(DomainError, match="not held subject to funding"):
        services.event_confirm_funded(actor=secretariat, event=event)


def test_a_covered_event_is_confirmed_and_funded_in_one_audited_action(secretariat, make_pledge, workshop,
                                                                         make_organization):
    make_pledge(event=workshop, amount="6000", status="confirmed")
    make_pledge(event=workshop, amount="4000", status="received", donor=make_organization(name="Switzerland"))
    event = services.event_confirm_funded(actor=secretariat, event=workshop)
    assert (event.status, event.funding_status) == (EventStatus.CONFIRMED, FundingStatus.FUNDED)
    entry = AuditEntry.objects.get(action="event.confirm_funded")
    assert entry.actor == secretariat and entry.after["covered"] == "10000.00"


def test_the_focal_point_cannot_confirm_the_event(focal_point, make_pledge, workshop):
    make_pledge(event=workshop, amount="10000", status="confirmed")
    with pytest.raises(PermissionDenied):
        services.event_confirm_funded(actor=focal_point, event=workshop)


def test_a_budget_refuses_a_negative_line(secretariat, workshop):
    with pytest.raises(DomainError, match="venue"):
        services.event_budget_set(actor=secretariat, event=workshop, currency="CHF", venue=Decimal(-1))
