"""REST API: token-authenticated casting, tampered input (400), ineligible organizations (403), late casts."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from colloquy.accounts.models import ApiToken
from colloquy.ballots import services
from colloquy.ballots.models import CastKind, CastLog, CurrentBallot
from colloquy.ballots.tests.conftest import option_ids


def bearer(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


def cast(client, ballot, choices, headers):
    return client.post(f"/api/ballots/{ballot.pk}/cast", {"choices": choices}, content_type="application/json",
                       headers=headers)


def test_focal_point_casts_with_a_token_and_gets_a_receipt(client, make_ballot, focal_point, ghana):
    ballot = make_ballot(method="irv")
    a, _b, c = option_ids(ballot)
    response = cast(client, ballot, [c, a], bearer(focal_point))
    assert response.status_code == 200, response.json()
    body = response.json()
    entry = CastLog.objects.get(ballot=ballot)
    assert body["receipt"] == entry.entry_hash
    assert body["choices"] == [c, a]
    assert body["organization"] == "Ghana"
    again = client.get(f"/api/ballots/{ballot.pk}/receipt", headers=bearer(focal_point)).json()
    assert again["receipt"] == entry.entry_hash


def test_an_option_of_another_ballot_gets_400_with_a_message(client, make_ballot, focal_point):
    ballot, other = make_ballot(), make_ballot(title="Other")
    response = cast(client, ballot, [option_ids(other)[0]], bearer(focal_point))
    assert response.status_code == 400
    assert "do not belong to this ballot" in response.json()["detail"]


def test_too_many_approvals_get_400_with_a_message(client, make_ballot, focal_point):
    ballot = make_ballot(method="approval", max_choices=2)
    response = cast(client, ballot, option_ids(ballot), bearer(focal_point))
    assert response.status_code == 400
    assert response.json()["detail"] == "This approval ballot allows at most 2 choices; 3 were submitted."


def test_an_ineligible_organization_gets_403_with_a_message(client, make_ballot, observer):
    ballot = make_ballot()
    response = cast(client, ballot, [option_ids(ballot)[0]], bearer(observer))
    assert response.status_code == 403
    assert "Observer Foundation is not eligible" in response.json()["detail"]


def test_a_user_without_organization_gets_403(client, make_ballot, secretariat):
    ballot = make_ballot()
    response = cast(client, ballot, [option_ids(ballot)[0]], bearer(secretariat))
    assert response.status_code == 403
    assert "no organization" in response.json()["detail"]


def test_no_token_gets_401(client, make_ballot):
    ballot = make_ballot()
    assert cast(client, ballot, [option_ids(ballot)[0]], {}).status_code == 401


def test_a_cast_after_the_close_is_refused_with_a_clear_message_and_logged(client, make_ballot, focal_point, ghana):
    ballot = make_ballot(closes_in=datetime.timedelta(hours=1))
    headers = bearer(focal_point)
    with time_machine.travel(ballot.closes_at + datetime.timedelta(seconds=1), tick=False):
        response = cast(client, ballot, [option_ids(ballot)[0]], headers)
    assert response.status_code == 400
    assert "casts after the close are refused" in response.json()["detail"]
    assert response.json()["code"] == "closed"
    assert CastLog.objects.get(ballot=ballot).kind == CastKind.REFUSED
    assert not CurrentBallot.objects.exists()


def test_secretariat_runs_the_ballot_through_the_api(client, secretariat, cycle, ghana, focal_point):
    headers = bearer(secretariat)
    response = client.post("/api/ballots/", {
        "cycle_id": cycle.pk, "title": "Theme 2027", "method": "single", "options": ["Health", "Integration"],
        "closes_at": (timezone.now() + datetime.timedelta(days=14)).isoformat(), "quorum_percent": 100,
    }, content_type="application/json", headers=headers)
    assert response.status_code == 201, response.json()
    ballot_id = response.json()["id"]
    assert response.json()["state"] == "draft"
    assert client.post(f"/api/ballots/{ballot_id}/open", headers=headers).json()["state"] == "open"
    option = response.json()["options"][1]["id"]
    client.post(f"/api/ballots/{ballot_id}/cast", {"choices": [option]}, content_type="application/json",
                headers=bearer(focal_point))
    assert client.get(f"/api/ballots/{ballot_id}/results").status_code == 403
    assert client.post(f"/api/ballots/{ballot_id}/close", headers=headers).json()["state"] == "closed"
    results = client.get(f"/api/ballots/{ballot_id}/results").json()
    assert results["winner"] == "Integration"
    assert results["turnout"] == {"label": "All eligible organizations", "eligible": 1, "cast": 1, "percent": 100.0}
    assert results["by_region"][0]["label"] == "Africa"
    assert results["quorum_met"] is True
    decision = client.post(f"/api/ballots/{ballot_id}/decide", {"rationale": "Unanimous."},
                           content_type="application/json", headers=headers).json()
    assert decision["adopted"] == ["Integration"]
    cycle.refresh_from_db()
    assert cycle.overarching_theme == "Integration"
    verify = client.get(f"/api/ballots/{ballot_id}/verify", headers=headers).json()
    assert verify["ok"] is True
    assert verify["casts"] == 1


def test_focal_points_cannot_use_the_secretariat_endpoints(client, make_ballot, focal_point):
    ballot = make_ballot(open=False)
    headers = bearer(focal_point)
    response = client.post(f"/api/ballots/{ballot.pk}/open", headers=headers)
    assert response.status_code in (403, 404)
    assert client.get(f"/api/ballots/{make_ballot(title='Open').pk}/verify", headers=headers).status_code == 403


def test_draft_ballots_are_not_listed_publicly(client, make_ballot):
    make_ballot(open=False, title="Draft one")
    open_ballot = make_ballot(title="Open one")
    titles = [b["title"] for b in client.get("/api/ballots/").json()]
    assert titles == [open_ballot.title]


@pytest.mark.parametrize(("payload", "named"), [
    ({"choices": "abc"}, "choices: Input should be a valid list"),
    ({}, "choices: Field required"),
    ({"choices": [None]}, "choices.0: Input should be a valid integer"),
    ({"choices": ["first"]}, "choices.0: Input should be a valid integer"),
    ({"choices": {"1": 2}}, "choices: Input should be a valid list"),
])
def test_malformed_cast_payload_gets_400_naming_the_problem(client, make_ballot, focal_point, payload, named):
    ballot = make_ballot()
    response = client.post(f"/api/ballots/{ballot.pk}/cast", payload, content_type="application/json",
                           headers=bearer(focal_point))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert named in body["detail"]
    assert body["errors"][0]["loc"][-1] in ("choices", 0)
    assert not CurrentBallot.objects.filter(ballot=ballot).exists()


def test_unparseable_json_body_gets_400_with_a_message(client, make_ballot, focal_point):
    ballot = make_ballot()
    response = client.post(f"/api/ballots/{ballot.pk}/cast", "{choices: [1", content_type="application/json",
                           headers=bearer(focal_point))
    assert response.status_code == 400
    assert "parse" in response.json()["detail"]
    assert not CurrentBallot.objects.filter(ballot=ballot).exists()


def test_malformed_secretariat_payload_gets_400_naming_the_field(client, make_ballot, secretariat):
    ballot = make_ballot(open=False)
    response = client.patch(f"/api/ballots/{ballot.pk}", {"quorum_percent": "half"}, content_type="application/json",
                            headers=bearer(secretariat))
    assert response.status_code == 400
    assert "quorum_percent: Input should be a valid integer" in response.json()["detail"]
    ballot.refresh_from_db()
    assert ballot.quorum_percent != "half"


def test_member_suggests_through_the_api(client, secretariat, cycle, focal_point):
    consultation = services.consultation_create(actor=secretariat, cycle=cycle, title="Theme")
    response = client.post(f"/api/ballots/consultations/{consultation.pk}/suggestions", {"text": "Diaspora bonds"},
                           content_type="application/json", headers=bearer(focal_point))
    assert response.status_code == 201
    assert response.json()["organization"] == "Ghana"


def test_method_change_after_the_first_vote_is_refused_through_the_api(client, make_ballot, secretariat, focal_point):
    ballot = make_ballot()
    headers = bearer(secretariat)
    ok = client.patch(f"/api/ballots/{ballot.pk}", {"title": "Theme for 2027"}, content_type="application/json",
                      headers=headers)
    assert ok.status_code == 200
    assert ok.json()["title"] == "Theme for 2027"
    cast(client, ballot, [option_ids(ballot)[0]], bearer(focal_point))
    refused = client.patch(f"/api/ballots/{ballot.pk}", {"method": "irv"}, content_type="application/json",
                           headers=headers)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "The voting method cannot change after the first vote has been cast."


def test_secretariat_runs_a_consultation_through_the_api(client, secretariat, focal_point, cycle):
    headers = bearer(secretariat)
    response = client.post("/api/ballots/consultations", {"cycle_id": cycle.pk, "title": "Theme 2027"},
                           content_type="application/json", headers=headers)
    assert response.status_code == 201
    cid = response.json()["id"]
    proposal = client.post(f"/api/ballots/consultations/{cid}/proposals", {
        "title": "Migration and health", "guiding_questions": ["Q1?", "Q2?"], "gcm_objectives": [15]},
        content_type="application/json", headers=headers)
    assert proposal.status_code == 201, proposal.json()
    assert proposal.json()["guiding_questions"] == ["Q1?", "Q2?"]
    assert proposal.json()["gcm_objectives"] == [15]
    bad = client.post(f"/api/ballots/consultations/{cid}/proposals", {"title": "X", "gcm_objectives": [24]},
                      content_type="application/json", headers=headers)
    assert bad.status_code == 400
    assert "Unknown GCM objective number(s): 24" in bad.json()["detail"]
    sid = client.post(f"/api/ballots/consultations/{cid}/suggestions", {"text": "Diaspora"},
                      content_type="application/json", headers=bearer(focal_point)).json()["id"]
    forbidden = client.post(f"/api/ballots/suggestions/{sid}/decline", {"reason": "no"}, content_type="application/json",
                            headers=bearer(focal_point))
    assert forbidden.status_code == 403
    declined = client.post(f"/api/ballots/suggestions/{sid}/decline", {"reason": "Covered already."},
                           content_type="application/json", headers=headers)
    assert declined.json()["status"] == "declined"


def test_the_openapi_schema_documents_the_ballot_endpoints(client, db):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "/api/ballots/{ballot_id}/cast" in paths
    assert "/api/ballots/consultations/{consultation_id}/proposals" in paths
    assert "CastIn" in schema["components"]["schemas"]


def test_secretariat_cancels_a_ballot_with_a_reason_and_casts_are_then_refused(client, make_ballot, secretariat,
                                                                                focal_point):
    ballot = make_ballot()
    headers = bearer(secretariat)
    no_reason = client.post(f"/api/ballots/{ballot.pk}/cancel", {"reason": " "}, content_type="application/json",
                            headers=headers)
    assert no_reason.status_code == 400
    done = client.post(f"/api/ballots/{ballot.pk}/cancel", {"reason": "Wrong options"}, content_type="application/json",
                       headers=headers)
    assert done.json()["state"] == "cancelled"
    refused = cast(client, ballot, [option_ids(ballot)[0]], bearer(focal_point))
    assert refused.status_code == 400
    assert "status: cancelled" in refused.json()["detail"]
