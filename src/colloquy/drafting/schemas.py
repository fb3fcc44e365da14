from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from colloquy.core.apischema import Year

Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=r"^[-a-zA-Z0-9_]+$")]


class DraftIn(Schema):
    kind: Literal["summary_of_conclusions", "discussion_note"]
    event: Slug | None = Field(None, description="Event slug (summary of conclusions)")
    forum: Slug | None = Field(None, description="Forum slug (discussion note), with year")
    year: Year | None = None
    language: Literal["en", "fr", "es"] = "en"


class DraftOut(Schema):
    id: int
    kind: str
    language: str
    version: int
    state: str
    title: str
    body: str
    symbol: str
    event: str | None = Field(None, description="Event slug")
    cycle_year: int | None = None
    forum: str | None = Field(None, description="Forum slug")
    downloads: dict[str, str] = Field(description="Absolute paths of the DOCX and PDF")
