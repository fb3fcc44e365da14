"""Shared pieces of the API's contract: bounded numbers for inputs and the error model every refusal uses.

Every id in a path, a query or a body is an `Id` (a positive 64-bit integer): a larger number would overflow
the database's integer (SQLite raises OverflowError, PostgreSQL "bigint out of range"), so it is refused as
invalid input before any lookup. List endpoints take an `Offset` and a `Limit`.
"""

from typing import Annotated

from ninja import Schema
from pydantic import Field

MAX_ID = 2**63 - 1  # the largest BIGINT (SQLite INTEGER, PostgreSQL bigint)
MAX_OFFSET = 1_000_000  # far past any list here; a larger offset is a mistake or a probe
API_MAX_LIMIT = 1000

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Field(ge=1, le=API_MAX_LIMIT)]
Year = Annotated[int, Field(ge=1, le=9999)]
Page = Annotated[int, Field(ge=1, le=10_000)]


class ErrorOut(Schema):
    """A refusal: a sentence for people and a stable key for scripts (400 invalid input, 401 no or bad token,
    403 not allowed, 404 unknown or not visible, 429 too many requests)."""

    detail: str
    code: str
