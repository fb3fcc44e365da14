"""The REST API (django-ninja). OpenAPI at /api/openapi.json, interactive docs at /api/docs.

Each app contributes a Router from its own `api.py`; this module only mounts them and turns the
domain error into a JSON message with the right status.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from colloquy.ballots import api as ballots_api
from colloquy.calls import api as calls_api
from colloquy.core.apischema import ErrorOut
from colloquy.core.errors import DomainError
from colloquy.dialogues import api as dialogues_api
from colloquy.directory import api as directory_api
from colloquy.drafting import api as drafting_api
from colloquy.funding import api as funding_api
from colloquy.ingest import api as ingest_api
from colloquy.outcomes import api as outcomes_api
from colloquy.registration import api as registration_api
from colloquy.search import api as search_api

# What every operation may answer besides its own results, all with the error model {"detail", "code"}.
ERROR_RESPONSES = {
    "400": "Invalid input: a malformed body, a value out of range, a refused business rule",
    "401": "No valid API token (operations that need a signed-in caller)",
    "403": "The caller may not do this",
    "404": "Unknown id, or a record the caller may not see",
    "422": "Input that parses but cannot be processed",
    "429": "Too many requests: login lockout or a per-minute limit",
}


class ColloquyAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The generated schema, with the error answers documented on every operation (issue 15)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    if status == "401" and not operation.get("security"):
                        continue  # a public read: a bad token is ignored, the caller is anonymous
                    responses.setdefault(status, {"description": description, **error})
        return schema


api = ColloquyAPI(
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


def error(request, status: int, detail: str, code: str):
    return api.create_response(request, {"detail": detail, "code": code}, status=status)


@api.exception_handler(ObjectDoesNotExist)
def not_found(request, exc):
    return error(request, 404, "Not found.", "not_found")


@api.exception_handler(Http404)
def http_404(request, exc):
    return error(request, 404, str(exc) or "Not found.", "not_found")


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return error(request, 401, "Sign in, or send an API token (Authorization: Bearer cq_...).", "unauthorized")


@api.exception_handler(DjangoPermissionDenied)
def forbidden(request, exc):
    return error(request, 403, str(exc) or "You do not have permission to do this.", "forbidden")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error(request, exc.status_code, str(exc), {405: "method_not_allowed"}.get(exc.status_code, "error"))


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc):
    """A number the database cannot hold that no schema bound caught: still the caller's mistake, not a 500."""
    return error(request, 400, "Invalid request: a number is out of range.", "invalid")


api.add_router("/", dialogues_api.router)
api.add_router("/", directory_api.router)
api.add_router("/ingest", ingest_api.router)
api.add_router("/ballots", ballots_api.router)
api.add_router("/registration", registration_api.router)
api.add_router("/funding", funding_api.router)
api.add_router("/outcomes", outcomes_api.router)
api.add_router("/calls", calls_api.router)
api.add_router("/search", search_api.router)
api.add_router("/documents", drafting_api.router)
