"""Secretariat review queue: documents, their proposed items with evidence in context, upload."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from colloquy.core.errors import DomainError
from colloquy.core.ratelimit import limit_per_organization
from colloquy.ingest.access import can_review, can_upload, visible_sources
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus
from colloquy.ingest.services import ingest_bytes, proposal_accept, proposal_reject, proposals_bulk
from colloquy.ingest.upload import read_upload


def _guard(request, check=can_review):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not check(request.user):
        raise PermissionDenied("Only secretariat staff can review ingested documents.")
    return None


def queue(request):
    if (response := _guard(request)) is not None:
        return response
    sources = visible_sources(request.user).select_related("document").annotate(
        pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PROPOSED)),
        accepted=Count("proposals", filter=Q(proposals__status=ProposalStatus.ACCEPTED)),
        rejected=Count("proposals", filter=Q(proposals__status=ProposalStatus.REJECTED)),
    )
    return render(request, "ingest/queue.html", {"sources": sources})


@require_POST
def upload(request):
    if (response := _guard(request, can_upload)) is not None:
        return response
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, "Choose a file to upload.")
        return redirect("ingest:queue")
    try:
        limit_per_organization("upload", getattr(request.user, "organization_id", None))
        result = ingest_bytes(data=read_upload(uploaded), name=uploaded.name, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("ingest:queue")
    source = result.document.source_file
    if result.created:
        messages.success(request, f"{uploaded.name}: {result.proposals} items proposed for review.")
    else:
        messages.info(request, f"{uploaded.name} was already ingested; nothing new was created.")
    return redirect("ingest:document", pk=source.pk)


def document(request, pk):
    if (response := _guard(request)) is not None:
        return response
    source = get_object_or_404(visible_sources(request.user).select_related("document"), pk=pk)
    proposals = source.proposals.select_related("document", "event_proposal")
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", ProposalStatus.PROPOSED)
    try:
        min_conf = float(request.GET.get("min_confidence", "0") or 0)
    except ValueError:
        min_conf = 0.0
    if kind in ProposalKind.values:
        proposals = proposals.filter(kind=kind)
    if status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    proposals = proposals.filter(confidence__gte=min_conf)
    rows = [{"p": p, "passage": p.passage()} for p in proposals[:500]]
    return render(request, "ingest/document.html", {
        "source": source, "rows": rows, "kinds": ProposalKind.choices, "statuses": ProposalStatus.choices,
        "kind": kind, "status": status, "min_confidence": min_conf, "total": proposals.count(),
    })


def _back(request, proposal):
    url = request.POST.get("next") or reverse("ingest:document", args=[proposal.source_id])
    return redirect(url if url.startswith("/") and not url.startswith("//") else reverse("ingest:queue"))


@require_POST
def accept(request, pk):
    if (response := _guard(request)) is not None:
        return response
    proposal = get_object_or_404(Proposal, pk=pk)
    link_to = request.POST.get("link_to") or None
    data = {"create_new": True} if request.POST.get("create_new") else None
    try:
        proposal_accept(proposal=proposal, actor=request.user, data=data, link_to=int(link_to) if link_to else None)
        messages.success(request, f"Accepted: {proposal.summary[:80]}")
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    return _back(request, proposal)


@require_POST
def reject(request, pk):
    if (response := _guard(request)) is not None:
        return response
    proposal = get_object_or_404(Proposal, pk=pk)
    try:
        proposal_reject(proposal=proposal, actor=request.user)
        messages.success(request, f"Rejected: {proposal.summary[:80]}")
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(request, proposal)


@require_POST
def bulk(request, pk):
    if (response := _guard(request)) is not None:
        return response
    source = get_object_or_404(visible_sources(request.user), pk=pk)
    action = request.POST.get("action")
    if action not in ("accept", "reject"):
        messages.error(request, "Unknown bulk action.")
        return redirect("ingest:document", pk=pk)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()] or None
    done, problems = proposals_bulk(document=source.document, actor=request.user, action=action, ids=ids)
    messages.success(request, f"{done} item(s) {action}ed.")
    for line in problems[:20]:
        messages.warning(request, line)
    return redirect("ingest:document", pk=pk)


INT_FIELDS = {"year", "total"}


def edit(request, pk):
    """Edit the extracted fields, then accept."""
    if (response := _guard(request)) is not None:
        return response
    proposal = get_object_or_404(Proposal, pk=pk)
    fields = [(k, v if isinstance(v, (str, int, float)) or v is None else json.dumps(v, ensure_ascii=False),
               not (isinstance(v, (str, int, float)) or v is None)) for k, v in proposal.data.items()]
    error = None
    if request.method == "POST":
        data = {}
        try:
            for key, _, is_json in fields:
                raw = request.POST.get(key, "")
                if is_json:
                    data[key] = json.loads(raw or "null")
                elif key in INT_FIELDS or isinstance(proposal.data.get(key), int):
                    data[key] = int(raw) if raw.strip() else None
                else:
                    data[key] = raw.strip() or None
        except (ValueError, json.JSONDecodeError) as exc:
            error = f"Could not read the edited values: {exc}"
        if error is None:
            if request.POST.get("create_new"):
                data["create_new"] = True
            try:
                proposal_accept(proposal=proposal, actor=request.user, data=data)
                messages.success(request, f"Edited and accepted: {proposal.summary[:80]}")
                return redirect("ingest:document", pk=proposal.source_id)
            except DomainError as exc:
                error = exc.message
    return render(request, "ingest/edit.html", {"p": proposal, "fields": fields, "error": error,
                                                "passage": proposal.passage()})
