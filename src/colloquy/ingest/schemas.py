"""Request and response shapes of the ingest API (/api/ingest)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema

from colloquy.core.apischema import ErrorOut, Id  # noqa: F401 — ErrorOut re-exported for api.py


class IngestOut(Schema):
    source_id: int
    document_id: int
    name: str
    created: bool
    proposals: int


class SourceOut(Schema):
    source_id: int
    document_id: int
    name: str
    format: str
    sha256: str
    title: str
    symbol: str
    pending: int


class ExtractedProposalOut(Schema):
    id: int
    source_id: int
    document_id: int
    kind: str
    status: str
    confidence: float
    match: str
    candidates: list[dict[str, Any]]
    data: dict[str, Any]
    start: int | None
    end: int | None
    page: int | None
    label: str
    passage: str
    event_proposal_id: int | None
    target: str | None


class AcceptIn(Schema):
    data: dict[str, Any] | None = None
    link_to: Id | None = None
    create_new: bool = False


class RejectIn(Schema):
    note: str = ""


class BulkIn(Schema):
    action: Literal["accept", "reject"]
    ids: list[Id] | None = None


class BulkOut(Schema):
    done: int
    problems: list[str]
