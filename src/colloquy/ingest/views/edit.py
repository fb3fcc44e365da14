"""Edit a proposed item in typed fields; save the edits, or save and accept."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from colloquy.core.web import domain_errors, secretariat_required
from colloquy.ingest.forms import ProposalForm
from colloquy.ingest.models import Proposal
from colloquy.ingest.services import proposal_accept, proposal_update

UNREADABLE = "Could not read the edited values: correct the fields marked below."


@secretariat_required
@domain_errors
def edit(request, pk):
    """The edits are stored first, so a refused acceptance (an ambiguous match, no year yet) comes back to this page
    (domain_errors) with the reviewer's values in place and the reason at the top."""
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user).select_related("source"), pk=pk)
    form = ProposalForm(request.POST or None, proposal=proposal)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "ingest/edit.html", {"p": proposal, "form": form, "error": UNREADABLE,
                                                        "passage": proposal.passage()}, status=400)
        proposal = proposal_update(proposal=proposal, data=form.values(), actor=request.user)
        if "save" in request.POST:
            messages.success(request, gettext("Saved. The item waits for review with these values."))
            return redirect("ingest:edit", pk=proposal.pk)
        proposal_accept(proposal=proposal, actor=request.user,
                        data={"create_new": True} if request.POST.get("create_new") else None)
        messages.success(request, gettext("Edited and accepted: %(item)s") % {"item": proposal.summary[:80]})
        return redirect("ingest:document", pk=proposal.source_id)
    return render(request, "ingest/edit.html", {"p": proposal, "form": form, "error": None, "passage": proposal.passage()})
