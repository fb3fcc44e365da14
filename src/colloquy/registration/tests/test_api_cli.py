import base64
import io

import pytest
from django.core.management import call_command

from colloquy.accounts.models import ApiToken
from colloquy.registration.models import Registration, RegistrationSettings


@pytest.fixture
def token(focal_point):
    return ApiToken.issue(user=focal_point, name="script")[1]


@pytest.fixture
def sec_token(secretariat):
    return ApiToken.issue(user=secretariat, name="desk")[1]


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


DELEGATION = {"contact_email": "felix@ghana.example", "participants": [
    {"name": "Ama Mensah", "role": "head_of_delegation", "interpretation_language": "fr"},
    {"name": "Kofi Boateng", "attendance": "remote"}]}


def test_focal_point_registers_with_a_token_and_lists_own_registrations(client, reg_event, token, ghana):
    url = f"/api/registration/events/{reg_event.slug}/registrations"
    response = client.post(url, DELEGATION, content_type="application/json", **_auth(token))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "pending" and body["organization_name"] == "Ghana"
    assert [p["name"] for p in body["participants"]] == ["Ama Mensah", "Kofi Boateng"]
    listed = client.get(url, **_auth(token)).json()
    assert [r["id"] for r in listed] == [body["id"]]


def test_api_registration_without_a_token_is_refused(client, reg_event):
    response = client.post(f"/api/registration/events/{reg_event.slug}/registrations", DELEGATION,
                           content_type="application/json")
    assert response.status_code == 401


def test_api_names_the_problem_when_the_note_verbale_is_missing_and_accepts_base64(client, reg_event, token):
    RegistrationSettings.objects.filter(event=reg_event).update(note_verbale_required=True)
    url = f"/api/registration/events/{reg_event.slug}/registrations"
    response = client.post(url, DELEGATION, content_type="application/json", **_auth(token))
    assert response.status_code == 400 and "note verbale" in response.json()["detail"]
    letter = {"filename": "nv.pdf", "content_base64": base64.b64encode(b"%PDF-1.4 nv").decode()}
    response = client.post(url, {**DELEGATION, "nomination_letter": letter}, content_type="application/json",
                           **_auth(token))
    assert response.status_code == 201 and response.json()["has_nomination_letter"] is True


def test_other_focal_points_cannot_see_a_registration_and_secretariat_decides_by_api(
        client, reg_event, token, sec_token, observer):
    created = client.post(f"/api/registration/events/{reg_event.slug}/registrations", DELEGATION,
                          content_type="application/json", **_auth(token)).json()
    other = ApiToken.issue(user=observer)[1]
    assert client.get(f"/api/registration/registrations/{created['id']}", **_auth(other)).status_code == 404
    forbidden = client.post(f"/api/registration/registrations/{created['id']}/state", {"state": "approved"},
                            content_type="application/json", **_auth(token))
    assert forbidden.status_code == 403
    done = client.post(f"/api/registration/registrations/{created['id']}/state", {"state": "approved"},
                       content_type="application/json", **_auth(sec_token))
    assert done.status_code == 200 and done.json()["state"] == "approved"
    stats = client.get(f"/api/registration/events/{reg_event.slug}/statistics").json()
    assert stats["persons"] == 2 and stats["sentence"].endswith("representing a government.")
    places = client.get(f"/api/registration/events/{reg_event.slug}").json()
    assert places["places_taken"] == 1 and places["places_left"] == 9


def test_cli_exports_registrations_as_csv_and_xlsx(reg_event, tmp_path, secretariat, ghana, submit, capsys):
    from openpyxl import load_workbook

    submit(reg_event, secretariat, organization=ghana, people=2)
    out = io.StringIO()
    call_command("export_registrations", reg_event.slug, "--format", "csv", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("registration_id,state") and len(lines) == 3
    path = tmp_path / "r.xlsx"
    call_command("export_registrations", reg_event.slug, "--format", "xlsx", "--output", str(path), stderr=io.StringIO())
    assert len(list(load_workbook(path).active.iter_rows())) == 3


def test_cli_names_an_unknown_event(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No event with slug 'nope'"):
        call_command("export_registrations", "nope")
    assert not Registration.objects.exists()


def test_openapi_schema_includes_the_registration_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/registration/events/{slug}/registrations" in paths


def test_secretariat_registers_on_behalf_by_api_and_focal_points_cannot(client, reg_event, sec_token, token, ghana,
                                                                      make_government):
    url = f"/api/registration/events/{reg_event.slug}/registrations"
    kenya = make_government("KEN")
    refused = client.post(url, {**DELEGATION, "organization": kenya.slug}, content_type="application/json", **_auth(token))
    assert refused.status_code == 403
    unknown = client.post(url, {**DELEGATION, "organization": "nope"}, content_type="application/json", **_auth(sec_token))
    assert unknown.status_code == 400 and "No organization with slug 'nope'" in unknown.json()["detail"]
    done = client.post(url, {**DELEGATION, "organization": kenya.slug}, content_type="application/json", **_auth(sec_token))
    assert done.status_code == 201 and done.json()["organization_name"] == kenya.name


def test_focal_point_replaces_participants_by_api_while_pending(client, reg_event, token, ghana):
    created = client.post(f"/api/registration/events/{reg_event.slug}/registrations", DELEGATION,
                          content_type="application/json", **_auth(token)).json()
    response = client.put(f"/api/registration/registrations/{created['id']}/participants",
                          [{"name": "Efua Sutherland", "role": "head_of_delegation"}],
                          content_type="application/json", **_auth(token))
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["participants"]] == ["Efua Sutherland"]
    empty = client.put(f"/api/registration/registrations/{created['id']}/participants", [],
                       content_type="application/json", **_auth(token))
    assert empty.status_code == 400 and "at least one participant" in empty.json()["detail"]
