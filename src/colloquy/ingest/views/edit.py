"""Edit a proposed item's extracted fields, then accept it."""

import json

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from colloquy.core.web import domain_errors, secretariat_required
from colloquy.ingest.models import Proposal
from colloquy.ingest.services import proposal_accept

INT_FIELDS = {"year", "total"}


@secretariat_required
@domain_errors
def edit(request, pk):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
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
            proposal_accept(proposal=proposal, actor=request.user, data=data)
            messages.success(request, f"Edited and accepted: {proposal.summary[:80]}")
            return redirect("ingest:document", pk=proposal.source_id)
    return render(request, "ingest/edit.html", {"p": proposal, "fields": fields, "error": error,
                                                "passage": proposal.passage()})
