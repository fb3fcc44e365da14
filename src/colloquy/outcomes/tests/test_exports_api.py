import csv
import io
import json

import pytest

from colloquy.accounts.models import ApiToken
from colloquy.outcomes.exporting import LIST_SEPARATOR
from colloquy.outcomes.models import ProgressReport


def _csv(client, kind, **params):
    response = client.get(f"/outcomes/export/{kind}.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _json(client, kind, **params):
    response = client.get(f"/outcomes/export/{kind}.json", params)
    assert response.status_code == 200
    return json.loads(response.content)


def _flat(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def test_recommendation_export_round_trips_through_csv_and_json(world, client):
    rows = _csv(client, "recommendations")
    data = _json(client, "recommendations")
    assert data["count"] == len(rows) == 2
    by_id = {int(r["id"]): r for r in rows}
    r1 = by_id[world.r1.pk]
    assert r1["text"] == world.r1.text
    assert r1["gcm_objectives"].split(LIST_SEPARATOR) == ["1", "23"]
    assert r1["addressed_organizations"].split(LIST_SEPARATOR) == ["Ghana", "Kenya"]
    assert (r1["n_implemented"], r1["n_not_started"], r1["n_no_report"]) == ("1", "1", "0")
    assert r1["year"] == "2007" and r1["forum"] == "IDM"
    for parsed, structured in zip(rows, data["results"], strict=True):
        assert parsed == {k: _flat(v) for k, v in structured.items()}


def test_commitment_and_status_exports_carry_the_latest_status(world, client):
    (c1,) = _csv(client, "commitments")
    assert (c1["organization"], c1["latest_status"], c1["latest_version"]) == ("Ghana", "in_progress", "1")
    status = _csv(client, "status")
    pairs = sorted((r["kind"], r["organization"], r["status"], r["version"]) for r in status)
    assert pairs == [("commitment", "Ghana", "in_progress", "1"), ("recommendation", "Ghana", "implemented", "2"),
                     ("recommendation", "Ghana", "no_report", ""), ("recommendation", "Kenya", "not_started", "1"),
                     ("recommendation", "Mexico", "no_report", "")]
    assert all("Secret draft" not in r["narrative"] for r in status)
    for parsed, structured in zip(status, _json(client, "status")["results"], strict=True):
        assert parsed == {k: _flat(v) for k, v in structured.items()}


def test_exports_are_filtered_like_the_dashboard(world, client):
    assert [r["organization"] for r in _csv(client, "status", country="KEN")] == ["Kenya"]
    assert [int(r["id"]) for r in _csv(client, "recommendations", year="2008")] == [world.r2.pk]
    assert [r["title"] for r in _csv(client, "practices", region="Africa")] == ["Ghana's diaspora affairs office"]
    assert _csv(client, "practices", region="Americas") == []


def test_empty_csv_still_names_its_columns(db, client):
    response = client.get("/outcomes/export/commitments.csv")
    assert response.content.decode("utf-8-sig").startswith("id,url,organization,country,text")


def test_csv_cells_that_look_like_formulas_are_neutralised(world, client):
    world.r1.text = "=HYPERLINK(\"http://evil.example\")"
    world.r1.save()
    rows = _csv(client, "recommendations")
    assert any(r["text"].startswith("'=") for r in rows)


def test_unknown_export_kind_is_a_404(db, client):
    assert client.get("/outcomes/export/people.csv").status_code == 404


@pytest.mark.parametrize("kind", ["recommendations", "practices", "commitments", "status"])
@pytest.mark.parametrize("params", [{}, {"country": "GHA"}, {"year": "2008"}, {"objective": "1"}])
def test_every_export_round_trips_and_the_api_gives_the_same_rows(world, client, kind, params):
    rows = _csv(client, kind, **params)
    data = _json(client, kind, **params)
    assert data["count"] == len(rows)
    assert {k: str(v) for k, v in data["filters"].items()} == params
    for parsed, structured in zip(rows, data["results"], strict=True):
        assert parsed == {k: _flat(v) for k, v in structured.items()}
    assert client.get(f"/api/outcomes/{kind}", params).json() == data["results"]


def test_api_lists_match_the_exports(world, client):
    api = client.get("/api/outcomes/recommendations").json()
    assert api == _json(client, "recommendations")["results"]
    assert client.get("/api/outcomes/status", {"country": "MEX"}).json()[0]["status"] == "no_report"


def test_exports_name_the_session_a_practice_was_presented_in(world, client, make_session):
    world.practice.session = make_session(world.e2008, title="Diaspora engagement")
    world.practice.save()
    (row,) = _csv(client, "practices")
    assert row["session"] == "Diaspora engagement"
    assert _json(client, "practices")["results"][0]["session"] == "Diaspora engagement"


def test_api_rejects_bad_filters_with_a_message(db, client):
    response = client.get("/api/outcomes/commitments", {"country": "ZZZ"})
    assert response.status_code == 400
    assert "ISO 3166-1 alpha-3" in response.json()["detail"]


def test_focal_point_files_a_report_with_a_token(world, client, kenya_focal_point):
    _token, key = ApiToken.issue(user=kenya_focal_point, name="script")
    response = client.post("/api/outcomes/reports", {"recommendation_id": world.r1.pk, "status": "in_progress",
                                                     "narrative": "A task force met.",
                                                     "evidence_links": ["https://example.org/minutes"]},
                           content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["organization"], body["version"], body["state"]) == ("Kenya", 2, "submitted")
    assert body["evidence"][0]["url"] == "https://example.org/minutes"
    timeline = client.get(f"/api/outcomes/recommendations/{world.r1.pk}/reports").json()
    assert [(r["organization"], r["version"]) for r in timeline] == [("Ghana", 1), ("Ghana", 2), ("Kenya", 1), ("Kenya", 2)]


def test_api_refuses_a_report_on_another_members_commitment(world, client, kenya_focal_point):
    _token, key = ApiToken.issue(user=kenya_focal_point)
    response = client.post("/api/outcomes/reports", {"commitment_id": world.c1.pk, "status": "implemented"},
                           content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403
    assert "Only Ghana" in response.json()["detail"]
    assert world.c1.progress_reports.count() == 1


def test_api_requires_authentication_to_file(world, client):
    response = client.post("/api/outcomes/reports", {"commitment_id": world.c1.pk, "status": "implemented"},
                           content_type="application/json")
    assert response.status_code == 401


def test_api_drafts_then_submit(world, client, focal_point):
    _token, key = ApiToken.issue(user=focal_point)
    auth = {"Authorization": f"Bearer {key}"}
    draft = client.post("/api/outcomes/reports", {"commitment_id": world.c1.pk, "status": "implemented", "submit": False},
                        content_type="application/json", headers=auth).json()
    assert draft["state"] == "draft"
    assert [r["version"] for r in client.get(f"/api/outcomes/commitments/{world.c1.pk}/reports").json()] == [1]
    mine = client.get("/api/outcomes/reports/mine", headers=auth).json()
    assert {r["state"] for r in mine} == {"draft", "submitted"}
    submitted = client.post(f"/api/outcomes/reports/{draft['id']}/submit", headers=auth).json()
    assert (submitted["state"], submitted["version"]) == ("submitted", 2)
    assert ProgressReport.objects.filter(commitment=world.c1).count() == 2


def test_api_rounds_report_response_rates(world, client, secretariat, ghana):
    import datetime

    from django.utils import timezone

    from colloquy.outcomes.services import round_launch

    round_launch(title="R", recommendations=[world.r1], organizations=[ghana],
                 deadline=timezone.localdate() + datetime.timedelta(days=5), actor=secretariat, notify=False)
    (row,) = client.get("/api/outcomes/rounds").json()
    assert (row["addressed"], row["responded"], row["response_rate"]) == (1, 0, 0.0)


def test_exports_name_the_source_passage(world, client):
    from colloquy.dialogues.models import Document, cite

    document = Document.objects.create(title="Report", symbol="TEST/2007/9", status="published")
    cite(world.r1, document=document, label="para. 12")
    cite(world.practice, document=document, label="p. 3")
    recs = {int(r["id"]): r for r in _csv(client, "recommendations")}
    assert recs[world.r1.pk]["sources"] == "TEST/2007/9, para. 12"
    assert recs[world.r2.pk]["sources"] == ""
    assert _json(client, "practices")["results"][0]["sources"] == ["TEST/2007/9, p. 3"]


def test_api_refuses_a_focal_point_reporting_for_another_organization(world, client, focal_point, kenya):
    _token, key = ApiToken.issue(user=focal_point)
    response = client.post("/api/outcomes/reports", {"recommendation_id": world.r1.pk, "organization_id": kenya.pk,
                                                     "status": "implemented"},
                           content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403
    assert "your own organization" in response.json()["detail"]
    assert not world.r1.progress_reports.filter(organization=kenya, status="implemented").exists()


def test_sdg_targets_from_the_shipped_table_show_on_the_page_and_in_the_exports(world, client):
    from colloquy.reference.models import SdgTarget

    assert {"10.7", "10.c", "8.8", "16.2", "17.18"} <= set(SdgTarget.objects.values_list("code", flat=True))
    world.r1.sdg_targets.set(SdgTarget.objects.filter(code__in=["17.18", "10.7"]))
    assert "SDG 10.7" in client.get(world.r1.get_absolute_url()).content.decode()
    recs = {int(r["id"]): r for r in _csv(client, "recommendations")}
    assert recs[world.r1.pk]["sdg_targets"] == "10.7; 17.18"
    assert _json(client, "recommendations")["results"][0]["sdg_targets"] == ["10.7", "17.18"]


def test_api_attaches_evidence_files_to_a_draft_then_submits_it(world, client, focal_point, kenya_focal_point,
                                                                 settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    _token, key = ApiToken.issue(user=focal_point)
    auth = {"Authorization": f"Bearer {key}"}
    draft = client.post("/api/outcomes/reports", {"commitment_id": world.c1.pk, "status": "implemented", "submit": False},
                        content_type="application/json", headers=auth).json()
    url = f"/api/outcomes/reports/{draft['id']}/evidence"
    response = client.post(url, {"file": SimpleUploadedFile("code.pdf", b"%PDF-1.7 the code")}, headers=auth)
    assert response.status_code == 201, response.content
    assert [e["label"] for e in response.json()["evidence"]] == ["code.pdf"]
    bad = client.post(url, {"file": SimpleUploadedFile("code.pdf", b"MZ not a pdf")}, headers=auth)
    assert bad.status_code == 400 and "is not a .pdf file" in bad.json()["detail"]
    _t2, other = ApiToken.issue(user=kenya_focal_point)
    assert client.post(url, {"url": "https://example.org/x"}, headers={"Authorization": f"Bearer {other}"}).status_code == 404
    submitted = client.post(f"/api/outcomes/reports/{draft['id']}/submit", headers=auth).json()
    assert (submitted["state"], len(submitted["evidence"])) == ("submitted", 1)
    assert client.post(url, {"url": "https://example.org/late"}, headers=auth).status_code == 404  # frozen
