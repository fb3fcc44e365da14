"""The API's contract under hostile input (issue 15, findings 5 and 6): out-of-range numbers are a 400 naming
the problem, never a 500; permission before lookup; JSON 404s under /api/; unique schema names; every
operation documents its error answers with the error model."""

import importlib
import inspect
import pkgutil

import pytest
from ninja import Schema

import colloquy
from colloquy.accounts.models import ApiToken
from colloquy.api import api

HUGE = "99999999999999999999"  # past 2**64


def bearer(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


@pytest.mark.parametrize("path", ["/api/organizations", "/api/people", "/api/events"])
@pytest.mark.parametrize("query", [f"offset={HUGE}", f"limit={HUGE}", "offset=-1", "offset=1000001", "limit=0"])
def test_an_offset_or_limit_out_of_range_is_a_400_naming_it(client, db, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert query.split("=")[0] in body["detail"]


def test_a_large_offset_within_the_cap_is_an_empty_page(client, db):
    response = client.get("/api/events?offset=1000000")
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("path", [f"/api/ballots/{HUGE}", f"/api/ballots/{HUGE}/results",
                                  f"/api/outcomes/recommendations/{HUGE}/reports", f"/api/events?year={HUGE}",
                                  f"/api/search/related?document={HUGE}"])
def test_an_id_past_64_bits_is_a_400_not_a_500(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_gcm_objective_past_64_bits_is_refused_as_invalid_input(client, secretariat):
    response = client.post("/api/ballots/consultations/1/proposals",
                           {"title": "T", "gcm_objectives": [int(HUGE)]}, content_type="application/json",
                           headers=bearer(secretariat))
    assert response.status_code == 400
    assert "gcm_objectives" in response.json()["detail"]


def test_permission_comes_before_the_lookup_for_an_existing_consultation(client, focal_point, secretariat,
                                                                         make_cycle, forum):
    from colloquy.ballots import services

    cycle = make_cycle(forum=forum, year=2027, state="theme_selection")
    consultation = services.consultation_create(actor=secretariat, cycle=cycle, title="Themes 2027",
                                                level="overarching", description="")
    body = {"title": "Health", "gcm_objectives": [3]}
    existing = client.post(f"/api/ballots/consultations/{consultation.pk}/proposals", body,
                           content_type="application/json", headers=bearer(focal_point))
    missing = client.post(f"/api/ballots/consultations/{consultation.pk + 1000}/proposals", body,
                          content_type="application/json", headers=bearer(focal_point))
    assert existing.status_code == missing.status_code == 403
    assert existing.json() == missing.json()


@pytest.mark.parametrize("path", ["/api/ballots/abc", "/api/ballots/1.5/results", "/api/no-such-thing",
                                  "/api/ballots/abc/receipt"])
def test_a_non_integer_id_under_api_is_a_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


def test_a_missing_page_outside_the_api_is_still_the_html_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unknown_ballot_is_a_json_404_with_the_error_model(client, db):
    response = client.get("/api/ballots/4242")
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "code"}


def test_a_missing_token_is_a_401_with_the_error_model(client, db):
    response = client.post("/api/ballots/1/cast", {"choices": [1]}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def _schema_classes():
    found = {}
    for module_info in pkgutil.walk_packages(colloquy.__path__, "colloquy."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or not name.endswith((".schemas", ".api")):
            continue
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Schema) and cls.__module__ == name:
                found.setdefault(cls_name, []).append(name)
    return found


def test_schema_class_names_are_unique_across_apps():
    duplicates = {name: modules for name, modules in _schema_classes().items() if len(modules) > 1}
    assert duplicates == {}


def test_every_operation_documents_its_errors_with_the_error_model():
    schema = api.get_openapi_schema()
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"detail", "code"}
    operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    assert len(operations) > 40
    for path, method, operation in operations:
        for status in ("400", "403", "404", "422", "429"):
            assert status in operation["responses"], (method, path, status)
        if operation.get("security"):
            assert "401" in operation["responses"], (method, path)
        ref = operation["responses"]["404"]["content"]["application/json"]["schema"]
        assert ref == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


def test_ballot_results_document_their_own_rows():
    schema = api.get_openapi_schema()
    results = schema["components"]["schemas"]["ResultsOut"]
    assert "ResultRowOut" in str(results)
