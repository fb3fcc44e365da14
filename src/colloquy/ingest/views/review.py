"""One ingested document's proposed items, with their evidence in context; accept, reject, bulk."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from colloquy.core.web import domain_errors, secretariat_required
from colloquy.ingest.forms import document_date_form
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus, SourceFile
from colloquy.ingest.services import proposal_accept, proposal_reject, proposals_bulk, source_set_date


@secretariat_required
def document(request, pk):
    source = get_object_or_404(SourceFile.objects.visible_to(request.user).select_related("document"), pk=pk)
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
    date = source.document.date.isoformat() if source.document.date else ""
    return render(request, "ingest/document.html", {
        "source": source, "rows": rows, "kinds": ProposalKind.choices, "statuses": ProposalStatus.choices,
        "kind": kind, "status": status, "min_confidence": min_conf, "total": proposals.count(),
        "date_form": document_date_form(initial={"date": date}),
    })


def _back(request, proposal):
    url = request.POST.get("next") or reverse("ingest:document", args=[proposal.source_id])
    return redirect(url if url.startswith("/") and not url.startswith("//") else reverse("ingest:queue"))


def _item_page(proposal):
    """Where a GET of an action URL goes: the item on its document's page (domain_errors sends a refused POST here)."""
    return redirect(reverse("ingest:document", args=[proposal.source_id]) + f"#item-{proposal.pk}")


@secretariat_required
@domain_errors
def accept(request, pk):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    if request.method != "POST":
        return _item_page(proposal)
    link_to = request.POST.get("link_to") or ""
    if link_to and not link_to.isdigit():
        messages.error(request, gettext("Choose one of the listed records to link to."))
        return _back(request, proposal)
    data = {"create_new": True} if request.POST.get("create_new") else None
    proposal_accept(proposal=proposal, actor=request.user, data=data, link_to=int(link_to) if link_to else None)
    messages.success(request, gettext("Accepted: %(item)s") % {"item": proposal.summary[:80]})
    return _back(request, proposal)


@secretariat_required
@domain_errors
def reject(request, pk):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    if request.method != "POST":
        return _item_page(proposal)
    proposal_reject(proposal=proposal, actor=request.user)
    messages.success(request, gettext("Rejected: %(item)s") % {"item": proposal.summary[:80]})
    return _back(request, proposal)


@secretariat_required
def bulk(request, pk):
    """Accept or reject the ticked items. Without `confirm`, a page names how many and asks first (no JS needed)."""
    source = get_object_or_404(SourceFile.objects.visible_to(request.user).select_related("document"), pk=pk)
    if request.method != "POST":
        return redirect("ingest:document", pk=pk)
    action = request.POST.get("action")
    if action not in ("accept", "reject"):
        messages.error(request, gettext("Unknown bulk action."))
        return redirect("ingest:document", pk=pk)
    ids = sorted({int(i) for i in request.POST.getlist("ids") if i.isdigit()})
    items = list(source.proposals.pending().filter(pk__in=ids))
    if not items:
        messages.error(request, gettext("Tick the items to accept first.") if action == "accept"
                       else gettext("Tick the items to reject first."))
        return redirect("ingest:document", pk=pk)
    if not request.POST.get("confirm"):
        return render(request, "ingest/bulk_confirm.html", {"source": source, "action": action, "items": items})
    done, problems = proposals_bulk(document=source.document, actor=request.user, action=action,
                                    ids=[p.pk for p in items])
    counts = {"done": done, "count": len(items)}
    if action == "accept":
        messages.success(request, ngettext("%(done)s of %(count)s ticked item accepted.",
                                           "%(done)s of %(count)s ticked items accepted.", len(items)) % counts)
    else:
        messages.success(request, ngettext("%(done)s of %(count)s ticked item rejected.",
                                           "%(done)s of %(count)s ticked items rejected.", len(items)) % counts)
    for line in problems[:20]:
        messages.warning(request, line)
    return redirect("ingest:document", pk=pk)


@secretariat_required
@domain_errors
def document_date(request, pk):
    """Set the document's date; items waiting for a year take it when accepted."""
    source = get_object_or_404(SourceFile.objects.visible_to(request.user).select_related("document"), pk=pk)
    if request.method != "POST":
        return redirect("ingest:document", pk=pk)
    form = document_date_form(request.POST)
    if not form.is_valid():
        for error in form.errors.get("date", []):
            messages.error(request, error)
        return redirect("ingest:document", pk=pk)
    source_set_date(source=source, date=form.cleaned_data["date"], actor=request.user)
    messages.success(request, gettext("The document's date is now %(date)s; items without a date of their own take "
                                      "their year from it.") % {"date": form.cleaned_data["date"]})
    return redirect("ingest:document", pk=pk)
