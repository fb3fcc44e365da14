"""The secretariat's funding screens on plain forms: a refused input is shown beside the form, with its value."""

from decimal import Decimal

import pytest

from colloquy.funding.models import EventBudget, Pledge

pytestmark = pytest.mark.django_db


def test_a_pledge_with_an_unknown_currency_is_shown_again_with_the_reason(client, secretariat, workshop, ghana):
    client.force_login(secretariat)
    response = client.post("/funding/pledges/new/", {"event": workshop.slug, "donor": ghana.pk, "amount": "100",
                                                     "currency": "QQQ", "budget_line": "venue"})
    assert response.status_code == 400
    assert "QQQ is not an ISO 4217 currency code" in response.content.decode()
    assert not Pledge.objects.exists()


def test_the_secretariat_records_a_pledge_to_a_whole_cycle(client, secretariat, workshop, ghana):
    client.force_login(secretariat)
    response = client.post("/funding/pledges/new/", {"cycle": workshop.cycle.pk, "donor": ghana.pk,
                                                     "amount": "750", "currency": "EUR", "budget_line": "other"})
    assert response.status_code == 302 and response["Location"] == f"/funding/cycles/{workshop.cycle.pk}/"
    pledge = Pledge.objects.get()
    assert pledge.cycle == workshop.cycle and pledge.event is None
    assert "750.00 EUR" in client.get(response["Location"]).content.decode()


def test_the_budget_form_sets_each_line(client, secretariat, workshop):
    client.force_login(secretariat)
    response = client.post(f"/funding/events/{workshop.slug}/budget/", {
        "currency": "usd", "interpretation": "100", "funded_participants": "200", "venue": "300", "other": "0"})
    assert response.status_code == 302
    budget = EventBudget.objects.get(event=workshop)
    assert (budget.currency, budget.total) == ("USD", Decimal(600))


def test_a_status_change_the_table_forbids_is_refused_with_the_allowed_ones(client, secretariat, make_pledge,
                                                                            workshop):
    pledge = make_pledge(event=workshop)
    client.force_login(secretariat)
    page = f"/funding/events/{workshop.slug}/"
    response = client.post(f"/funding/pledges/{pledge.pk}/status/", {"status": "received"}, HTTP_REFERER=page,
                           follow=True)
    assert "Cannot change status from Pledged to Received" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.status == "pledged"


def test_the_funding_page_is_in_french(client, secretariat, workshop):
    client.force_login(secretariat)
    page = client.get(f"/funding/events/{workshop.slug}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Couverture du budget" in page and "Enregistrer une contribution" in page
