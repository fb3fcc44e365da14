"""Funding in the open-data bundle: /outcomes/export/pledges.* carries only public pledges, whoever asks;
/outcomes/export/budgets.* carries the coverage percent publicly and the amounts for the secretariat only."""

import csv
import io
import json

import pytest

from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import FundingStatus
from colloquy.funding import services
from colloquy.funding.opendata import BUDGET_COLUMNS, PLEDGE_COLUMNS

pytestmark = pytest.mark.django_db


def _csv(client, kind):
    response = client.get(f"/outcomes/export/{kind}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _json(client, kind):
    return json.loads(client.get(f"/outcomes/export/{kind}.json").content)["results"]


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "focal_point"])
def test_the_pledges_export_carries_public_pledges_only_whoever_asks(client, request, who, pledges):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    rows = _csv(client, "pledges")
    assert [r["amount"] for r in rows] == ["1234.00"]
    assert [r["amount"] for r in _json(client, "pledges")] == ["1234.00"]
    assert "4321" not in client.get("/outcomes/export/pledges.json").content.decode()


def test_the_pledges_export_names_its_columns_and_the_donor(client, pledges, workshop):
    response = client.get("/outcomes/export/pledges.csv").content.decode("utf-8-sig")
    assert response.splitlines()[0].split(",") == list(PLEDGE_COLUMNS)
    row = _json(client, "pledges")[0]
    assert (row["donor"], row["currency"], row["status"], row["event"]) == ("Switzerland", "CHF", "confirmed",
                                                                           workshop.title)
    assert row["year"] == 2027 and row["budget_line"] == "interpretation"


def test_a_withdrawn_public_pledge_leaves_the_export(client, make_pledge, workshop):
    pledge = make_pledge(event=workshop, amount="999", public=True)
    services.pledge_set_status(actor=SYSTEM, pledge=pledge, status="withdrawn")
    assert _json(client, "pledges") == []


def test_the_budgets_export_shows_the_percent_to_everyone_and_amounts_to_the_secretariat(client, secretariat,
                                                                                       pledges, workshop):
    anonymous = _csv(client, "budgets")
    assert list(anonymous[0]) == list(BUDGET_COLUMNS)
    # confirmed pledges: 4321 + 1234 of 10 000 CHF, both count towards coverage though only one is public
    assert [(r["event"], r["coverage_percent"], r["budget_total"], r["covered"]) for r in anonymous] == [
        (workshop.title, "55", "", "")]
    client.force_login(secretariat)
    row = _json(client, "budgets")[0]
    assert (row["coverage_percent"], row["budget_total"], row["covered"]) == (55, "10000.00", "5555.00")


def test_the_budgets_export_leaves_out_funded_events_for_the_public(client, secretariat, workshop):
    type(workshop).objects.filter(pk=workshop.pk).update(funding_status=FundingStatus.FUNDED)
    assert _json(client, "budgets") == []
    client.force_login(secretariat)
    assert [r["funding_status"] for r in _json(client, "budgets")] == ["funded"]


def test_the_exports_follow_the_dashboard_year_filter(client, pledges):
    assert len(_json(client, "pledges")) == 1
    assert json.loads(client.get("/outcomes/export/pledges.json?year=2026").content)["results"] == []
    assert json.loads(client.get("/outcomes/export/budgets.json?year=2026").content)["results"] == []


@pytest.mark.parametrize("kind", ["pledges", "budgets"])
def test_the_csv_and_the_json_give_the_same_cells(client, secretariat, pledges, kind):
    client.force_login(secretariat)
    as_csv = _csv(client, kind)
    as_json = [{k: "" if v is None else str(v) for k, v in row.items()} for row in _json(client, kind)]
    assert as_csv == as_json and len(as_csv) == 1
