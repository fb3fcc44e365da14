"""Tracker-style follow-up through its screens, the open data exports and the API."""

import csv
import io
import json

import pytest

from colloquy.accounts.models import ApiToken
from colloquy.outcomes.models import AddresseeResponse, Indicator, RecommendationCluster
from colloquy.outcomes.services import recommendation_report_progress
from colloquy.outcomes.services.tracking import cluster_create, indicator_create, response_record


@pytest.fixture
def tracked(world, ghana, focal_point, secretariat):
    """World's R1 with Ghana's response and an indicator half-way to its target; R1 and R2 confirmed as a cluster."""
    response_record(recommendation=world.r1, organization=ghana, position="supported", responded_on="2024-05-02",
                    text="Ghana supports the recommendation.", responsible_institution="Ghana Statistical Service",
                    actor=focal_point)
    indicator = indicator_create(recommendation=world.r1, organization=ghana, label="Annual migration profiles published",
                                 unit="profiles", baseline=0, target=4, target_date="2027-12-31", actor=focal_point)
    recommendation_report_progress(recommendation=world.r1, organization=ghana, status="in_progress",
                                   indicator=indicator, indicator_value="2", actor=focal_point)
    world.indicator = indicator
    world.cluster = cluster_create(title="Migration data", recommendations=[world.r1, world.r2], actor=secretariat)
    return world


def test_focal_point_records_a_response_with_an_indicator_through_the_form(world, client, focal_point):
    client.force_login(focal_point)
    url = f"/outcomes/recommendations/{world.r1.pk}/respond/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"position": "supported", "responded_on": "2024-05-02", "text": "We support it.",
                                 "responsible_institution": "Ministry of the Interior",
                                 "indicator_label": "Profiles published", "baseline": "0", "target": "4",
                                 "target_date": "2027-12-31"})
    assert response.status_code == 302
    assert AddresseeResponse.objects.get().responsible_institution == "Ministry of the Interior"
    assert Indicator.objects.get().target == 4
    page = client.get(world.r1.get_absolute_url()).content.decode()
    assert "Ministry of the Interior" in page and "Profiles published" in page


def test_a_bad_indicator_keeps_the_input_and_stores_nothing(world, client, focal_point):
    client.force_login(focal_point)
    response = client.post(f"/outcomes/recommendations/{world.r1.pk}/respond/", {
        "position": "supported", "responded_on": "2024-05-02", "text": "Kept text",
        "indicator_label": "Profiles", "baseline": "4", "target": "4", "target_date": "2027-12-31"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The target must differ from the baseline." in page and "Kept text" in page
    assert not AddresseeResponse.objects.exists() and not Indicator.objects.exists()


def test_kenyas_focal_point_cannot_open_ghanas_response_form_nor_post_to_it(world, client, kenya_focal_point, ghana):
    client.force_login(kenya_focal_point)
    url = f"/outcomes/recommendations/{world.r2.pk}/respond/"  # R2 is addressed to Ghana and Mexico, not Kenya
    assert client.get(url).status_code == 403
    assert client.post(url, {"position": "supported", "responded_on": "2024-05-02"}).status_code == 403
    assert client.get(f"/outcomes/recommendations/{world.r1.pk}/respond/?organization={ghana.pk}").status_code == 200
    assert not AddresseeResponse.objects.exists()  # the ?organization= of a focal point is ignored: Kenya's own form


def test_anonymous_visitor_is_sent_to_sign_in_to_respond(world, client):
    response = client.get(f"/outcomes/recommendations/{world.r1.pk}/respond/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_recommendation_page_shows_the_progress_bar_with_its_text(tracked, client):
    page = client.get(tracked.r1.get_absolute_url()).content.decode()
    assert 'value="50"' in page and "<progress" in page
    assert "2 profiles of a target of 4 profiles" in page
    assert "Supported" in page and "Ghana Statistical Service" in page


def test_cluster_page_shows_the_status_and_response_of_every_member(tracked, client):
    page = client.get(tracked.cluster.get_absolute_url()).content.decode()
    assert tracked.r1.text in page and tracked.r2.text in page
    assert "Supported" in page and "In progress" in page and "Not started" in page and "Kenya" in page


def test_a_cluster_of_draft_records_is_hidden_from_anonymous(world, make_recommendation, client, secretariat):
    a = make_recommendation(text="hidden a", published=False)
    b = make_recommendation(text="hidden b", published=False)
    cluster = cluster_create(title="Hidden", recommendations=[a, b], actor=secretariat)
    assert client.get(cluster.get_absolute_url()).status_code == 404
    client.force_login(secretariat)
    assert client.get(cluster.get_absolute_url()).status_code == 200


def test_secretariat_confirms_a_suggested_cluster_from_the_list(world, make_recommendation, client, secretariat,
                                                                 focal_point):
    a = make_recommendation(text="States should regularise undocumented migrant workers.")
    b = make_recommendation(text="States should regularise undocumented migrant workers and their families.")
    client.force_login(secretariat)
    page = client.get("/outcomes/clusters/").content.decode()
    assert "Suggested clusters" in page and f'value="{a.pk}"' in page
    response = client.post("/outcomes/clusters/confirm/", {"title": "Regularisation", "recommendations": [a.pk, b.pk]})
    cluster = RecommendationCluster.objects.get(title="Regularisation")
    assert response["Location"] == cluster.get_absolute_url()
    client.force_login(focal_point)
    assert client.post("/outcomes/clusters/confirm/", {"title": "x", "recommendations": [a.pk, b.pk]}).status_code == 403
    assert "Suggested clusters" not in client.get("/outcomes/clusters/").content.decode()


def test_taking_a_member_out_of_a_pair_dissolves_the_cluster(tracked, client, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/outcomes/clusters/{tracked.cluster.pk}/remove/{tracked.r2.pk}/")
    assert response["Location"] == "/outcomes/clusters/"
    assert not RecommendationCluster.objects.exists()


@pytest.mark.parametrize("kind", ["responses", "indicators", "clusters", "status"])
def test_open_data_exports_and_api_carry_responses_indicators_and_clusters(tracked, client, kind):
    rows = list(csv.DictReader(io.StringIO(client.get(f"/outcomes/export/{kind}.csv").content.decode("utf-8-sig"))))
    data = json.loads(client.get(f"/outcomes/export/{kind}.json").content)
    assert data["count"] == len(rows) >= 1
    assert client.get(f"/api/outcomes/{kind}").json() == data["results"]
    if kind == "indicators":
        assert (rows[0]["baseline"], rows[0]["target"], rows[0]["current_value"], rows[0]["percent_of_target"]) == (
            "0.00", "4.00", "2.00", "50")
    if kind == "responses":
        assert (rows[0]["organization"], rows[0]["position"]) == ("Ghana", "supported")
    if kind == "clusters":
        assert data["results"][0]["recommendation_ids"] == sorted([tracked.r1.pk, tracked.r2.pk])
    if kind == "status":
        ghana_r1 = [r for r in rows if r["organization"] == "Ghana" and r["record_id"] == str(tracked.r1.pk)]
        assert ghana_r1[0]["response"] == "supported"


def test_exports_leave_out_responses_on_draft_records(world, make_recommendation, ghana, secretariat, client):
    draft = make_recommendation(text="Draft", addressed=[ghana], published=False)
    response_record(recommendation=draft, organization=ghana, position="noted", responded_on="2024-01-01", actor=secretariat)
    assert json.loads(client.get("/outcomes/export/responses.json").content)["count"] == 0


def test_api_records_a_response_and_an_indicator_then_a_report_moves_it(world, client, focal_point, kenya_focal_point):
    _t, key = ApiToken.issue(user=focal_point)
    auth = {"Authorization": f"Bearer {key}"}
    r = client.post("/api/outcomes/responses", {"recommendation_id": world.r1.pk, "position": "noted",
                                                "responded_on": "2024-02-01"}, content_type="application/json", headers=auth)
    assert r.status_code == 201 and r.json()["position"] == "noted"
    r = client.post("/api/outcomes/indicators", {"recommendation_id": world.r1.pk, "label": "Profiles", "baseline": "0",
                                                 "target": "10", "target_date": "2028-01-01"},
                    content_type="application/json", headers=auth)
    assert r.status_code == 201
    indicator_id = r.json()["id"]
    r = client.post("/api/outcomes/reports", {"recommendation_id": world.r1.pk, "status": "in_progress",
                                              "indicator_id": indicator_id, "indicator_value": "3"},
                    content_type="application/json", headers=auth)
    assert r.status_code == 201 and r.json()["indicator_id"] == indicator_id
    assert Indicator.objects.get(pk=indicator_id).percent == 30
    _t, other = ApiToken.issue(user=kenya_focal_point)
    r = client.post("/api/outcomes/responses", {"recommendation_id": world.r2.pk, "position": "supported",
                                                "responded_on": "2024-02-01"}, content_type="application/json",
                    headers={"Authorization": f"Bearer {other}"})
    assert r.status_code == 403 and r.json()["code"]
