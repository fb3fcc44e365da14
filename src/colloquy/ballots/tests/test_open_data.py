"""Theme memory in the open-data bundle: /outcomes/export/themes.* lists the themes proposed and not selected,
with their votes, as the cycle page does, to those who may see the consultations (the secretariat and the
forum's members: consultations are members-only, so an anonymous visitor's export is empty)."""

import csv
import io
import json

import pytest

from colloquy.ballots import services
from colloquy.ballots.opendata import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_model(settings):
    settings.THEME_MEMORY_SEMANTIC = False


def test_the_themes_export_lists_the_theme_that_lost_with_its_votes(client, earlier, focal_point):
    client.force_login(focal_point)
    text = client.get("/outcomes/export/themes.csv").content.decode("utf-8-sig")
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["title"], r["year"], r["total_votes"], r["ballots"]) for r in rows] == [
        ("South-South Migration", "2009", "1", "Theme 2009: 1 of 3")]
    data = json.loads(client.get("/outcomes/export/themes.json").content)["results"]
    assert data[0]["ballots"] == ["Theme 2009: 1 of 3"] and data[0]["proposal_id"] == earlier.pk


def test_the_selected_theme_and_open_consultations_stay_out(client, earlier, consultation_2010, secretariat):
    client.force_login(secretariat)


    services.proposal_create(actor=secretariat, consultation=consultation_2010, title="Labour mobility")
    titles = [r["title"] for r in json.loads(client.get("/outcomes/export/themes.json").content)["results"]]
    assert titles == ["South-South Migration"]  # not "Migration and health" (selected), not the open 2010 one


def test_the_themes_export_follows_the_year_filter(client, earlier, focal_point):
    client.force_login(focal_point)
    assert json.loads(client.get("/outcomes/export/themes.json?year=2010").content)["count"] == 0
    assert json.loads(client.get("/outcomes/export/themes.json?year=2009").content)["count"] == 1


def test_an_anonymous_visitor_gets_no_theme_of_a_members_only_consultation(client, earlier, outsider):
    assert json.loads(client.get("/outcomes/export/themes.json").content)["count"] == 0
    client.force_login(outsider)
    assert json.loads(client.get("/outcomes/export/themes.json").content)["count"] == 0
