"""The REST API (django-ninja). OpenAPI at /api/openapi.json, interactive docs at /api/docs.

Each app contributes a Router from its own `api.py`; this module only mounts them and turns the
domain error into a JSON message with the right status.
"""

from django.core.exceptions import ObjectDoesNotExist
from ninja import NinjaAPI
from ninja.errors import ValidationError

from colloquy.ballots import api as ballots_api
from colloquy.core.errors import DomainError
from colloquy.dialogues import api as dialogues_api
from colloquy.directory import api as directory_api
from colloquy.ingest import api as ingest_api
from colloquy.outcomes import api as outcomes_api
from colloquy.registration import api as registration_api
from colloquy.search import api as search_api

api = NinjaAPI(
    title="Colloquy API",
    version="1",
    description="The record of intergovernmental dialogues on migration: forums, cycles, events, "
    "programmes, ballots, registrations, outcomes and follow-up. Read endpoints are public and show "
    "only published records; write endpoints take a bearer token (`Authorization: Bearer cq_...`).",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=exc.status)


def describe_validation_errors(errors) -> str:
    """One readable sentence per problem: "choices: Input should be a valid list"."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "path"))
        message = error.get("msg", "invalid value")
        parts.append(f"{where}: {message}" if where else message)
    return "Invalid request: " + "; ".join(parts) + "." if parts else "Invalid request."


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """Malformed input (wrong types, missing fields, unparseable JSON) is a 400 naming the problem, like a
    DomainError, instead of django-ninja's default 422; `errors` keeps pydantic's list for scripts."""
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors]
    return api.create_response(
        request, {"detail": describe_validation_errors(exc.errors), "code": "invalid", "errors": errors}, status=400
    )


@api.exception_handler(ObjectDoesNotExist)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_router("/", dialogues_api.router)
api.add_router("/", directory_api.router)
api.add_router("/ingest", ingest_api.router)
api.add_router("/ballots", ballots_api.router)
api.add_router("/registration", registration_api.router)
api.add_router("/outcomes", outcomes_api.router)
api.add_router("/search", search_api.router)
