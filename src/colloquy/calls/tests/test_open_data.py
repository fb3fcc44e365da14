"""Calls in the open-data bundle (/outcomes/export/calls.*): the call itself and its counts, never the answers'
names, e-mail addresses or summaries (docs/calls.md, "Open data")."""

import csv
import io
import json

import pytest

from colloquy.calls import services
from colloquy.calls.opendata import COLUMNS
from colloquy.dialogues.models import EventStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(secretariat, focal_point, open_call):
    """A call for case studies with two answers: one accepted, one declined."""
    call = open_call(kind="case_studies", title="Case studies on returnee support")
    kept = services.response_submit(actor=focal_point, call=call, title="One-stop shops for returnees",
                                    country="GHA", summary="Returnees get papers and jobs advice at one desk.")
    other = services.response_submit(actor=focal_point, call=call, title="Mobile registration units",
                                     country="GHA", summary="A secret summary that stays with the secretariat.")
    services.response_decide(actor=secretariat, response=kept, status="accepted")
    services.response_decide(actor=secretariat, response=other, status="declined")
    return call


def test_the_calls_export_carries_the_call_and_its_counts(client, answered, workshop):
    response = client.get("/outcomes/export/calls.csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["kind"], r["event"], r["status"], r["n_answers"], r["n_accepted"]) for r in rows] == [
        ("case_studies", workshop.title, "open", "2", "1")]
    data = json.loads(client.get("/outcomes/export/calls.json").content)["results"]
    assert data[0]["title"] == "Case studies on returnee support" and data[0]["year"] == 2027


def test_the_calls_export_leaves_out_what_the_answers_say(client, secretariat, answered):
    client.force_login(secretariat)  # even the secretariat's export: the bundle is not where answers go
    for fmt in ("csv", "json"):
        body = client.get(f"/outcomes/export/calls.{fmt}").content.decode("utf-8-sig")
        assert "Mobile registration units" not in body and "secret summary" not in body
        assert "GHA" not in body


def test_a_closed_call_is_marked_closed(client, secretariat, answered):
    services.call_close(actor=secretariat, call=answered)
    rows = json.loads(client.get("/outcomes/export/calls.json").content)["results"]
    assert [r["status"] for r in rows] == ["closed"]


def test_a_call_on_an_event_the_visitor_may_not_see_stays_out(client, secretariat, workshop, answered):
    type(workshop).objects.filter(pk=workshop.pk).update(status=EventStatus.PROPOSED)
    assert json.loads(client.get("/outcomes/export/calls.json").content)["results"] == []
    client.force_login(secretariat)
    assert len(json.loads(client.get("/outcomes/export/calls.json").content)["results"]) == 1


def test_the_dashboard_links_the_exports_other_apps_add(client):
    page = client.get("/outcomes/").content.decode()
    for kind in ("calls", "pledges", "budgets", "themes"):
        assert f"/outcomes/export/{kind}.csv" in page
