"""REST API for extraction, ingestion and review (mounted at /api/ingest). Secretariat staff only.

Authentication: a bearer token or the browser session (`colloquy.accounts.auth.authenticated`); without either the
answer is 401, and any caller who is not secretariat staff gets 403. Errors come back as {"detail", "code"}: 400
for an unreadable or hostile upload (the message names the file and the reason) or a review action that cannot be
done, 404 for unknown ids. The endpoints call the same services as the web pages and the CLI.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import File, Router, Status
from ninja.files import UploadedFile

from colloquy.accounts.auth import authenticated
from colloquy.core.access import require_secretariat
from colloquy.core.apischema import Id
from colloquy.core.errors import DomainError
from colloquy.core.ratelimit import limit_per_organization
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus, SourceFile
from colloquy.ingest.pipeline import extract_bytes
from colloquy.ingest.schemas import (
    AcceptIn,
    BulkIn,
    BulkOut,
    ErrorOut,
    ExtractedProposalOut,
    IngestOut,
    RejectIn,
    SourceOut,
)
from colloquy.ingest.services import ingest_bytes, proposal_accept, proposal_reject, proposals_bulk
from colloquy.ingest.upload import read_upload

router = Router(tags=["ingest"], auth=authenticated)


def _caller(request):
    require_secretariat(request.auth)
    return request.auth


def _proposal_out(p: Proposal) -> dict:
    _, passage, _ = p.passage(context=0)
    return {
        "id": p.pk, "source_id": p.source_id, "document_id": p.document_id, "kind": p.kind, "status": p.status,
        "confidence": p.confidence, "match": p.match, "candidates": p.candidates, "data": p.data,
        "start": p.start, "end": p.end, "page": p.page, "label": p.label, "passage": passage,
        "event_proposal_id": p.event_proposal_id,
        "target": f"{p.target_type.model}:{p.target_id}" if p.target_type_id else None,
    }


def _source_for_document(user, document_id: Id):
    return get_object_or_404(SourceFile.objects.visible_to(user).select_related("document"), document_id=document_id)


@router.post("/extract", response={200: dict[str, Any], 400: ErrorOut, 403: ErrorOut},
             summary="Extract a file (pure: stores nothing) and return its colloquy.extract/1 record")
def extract(request, file: File[UploadedFile]):
    _caller(request)
    limit_per_organization("upload", getattr(request.auth, "organization_id", None))
    return extract_bytes(read_upload(file), file.name).data


@router.post("/documents", response={201: IngestOut, 200: IngestOut, 400: ErrorOut, 403: ErrorOut},
             summary="Ingest a file: store the document and its items as proposals (same bytes twice: 200, nothing new)")
def ingest(request, file: File[UploadedFile]):
    actor = _caller(request)
    limit_per_organization("upload", getattr(actor, "organization_id", None))
    result = ingest_bytes(data=read_upload(file), name=file.name, actor=actor)
    body = {"source_id": result.document.source_file.pk, "document_id": result.document.pk, "name": file.name,
            "created": result.created, "proposals": result.proposals}
    return Status(201 if result.created else 200, body)


@router.get("/documents", response={200: list[SourceOut], 403: ErrorOut}, summary="Ingested documents, newest first")
def documents(request):
    user = _caller(request)
    rows = SourceFile.objects.visible_to(user).select_related("document").annotate(
        pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PROPOSED)))
    return [{"source_id": s.pk, "document_id": s.document_id, "name": s.name, "format": s.format, "sha256": s.sha256,
             "title": s.document.title, "symbol": s.document.symbol, "pending": s.pending} for s in rows]


@router.get("/documents/{int:document_id}/proposals", response={200: list[ExtractedProposalOut], 403: ErrorOut, 404: ErrorOut},
            summary="Proposed items of one ingested document, filtered by kind, status and minimum confidence")
def proposals(request, document_id: Id, kind: ProposalKind | None = None, status: ProposalStatus | None = None,
              min_confidence: float = 0.0):
    user = _caller(request)
    source = _source_for_document(user, document_id)
    qs = Proposal.objects.filter(source=source).select_related("document", "target_type")
    if kind is not None:
        qs = qs.filter(kind=kind)
    if status is not None:
        qs = qs.filter(status=status)
    if not 0.0 <= min_confidence <= 1.0:
        raise DomainError(gettext("min_confidence must be between 0 and 1."), code="invalid", field="min_confidence")
    return [_proposal_out(p) for p in qs.filter(confidence__gte=min_confidence)]


def _proposal(user, proposal_id: Id) -> Proposal:
    return get_object_or_404(Proposal.objects.visible_to(user), pk=proposal_id)


@router.post("/proposals/{int:proposal_id}/accept", response={200: ExtractedProposalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Accept one item, optionally with edited fields (edit-then-accept) or linked to an existing record")
def accept(request, proposal_id: Id, payload: AcceptIn):
    user = _caller(request)
    proposal = _proposal(user, proposal_id)
    data = dict(payload.data or {})
    unknown = sorted(set(data) - set(proposal.data))
    if unknown:
        raise DomainError(gettext("Unknown field(s) for a %(kind)s: %(fields)s.") % {
            "kind": proposal.get_kind_display().lower(), "fields": ", ".join(unknown)},
                          code="invalid", field="data")
    if payload.create_new:
        data["create_new"] = True
    accepted = proposal_accept(proposal=proposal, actor=user, data=data or None, link_to=payload.link_to)
    return _proposal_out(accepted)


@router.post("/proposals/{int:proposal_id}/reject", response={200: ExtractedProposalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Reject one item")
def reject(request, proposal_id: Id, payload: RejectIn):
    user = _caller(request)
    return _proposal_out(proposal_reject(proposal=_proposal(user, proposal_id), actor=user, note=payload.note))


@router.post("/documents/{int:document_id}/bulk", response={200: BulkOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Accept or reject all pending items of one document (or the given ids); problems are listed")
def bulk(request, document_id: Id, payload: BulkIn):
    user = _caller(request)
    source = _source_for_document(user, document_id)
    done, problems = proposals_bulk(document=source.document, actor=user, action=payload.action, ids=payload.ids)
    return {"done": done, "problems": problems}
