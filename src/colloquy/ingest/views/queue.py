"""The review queue: ingested documents with their counts, and the upload form."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from colloquy.core.web import domain_errors, secretariat_required
from colloquy.ingest.models import ProposalStatus, SourceFile
from colloquy.ingest.services import ingest_bytes
from colloquy.ingest.upload import read_upload


@secretariat_required
def queue(request):
    sources = SourceFile.objects.visible_to(request.user).select_related("document").annotate(
        pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PROPOSED)),
        accepted=Count("proposals", filter=Q(proposals__status=ProposalStatus.ACCEPTED)),
        rejected=Count("proposals", filter=Q(proposals__status=ProposalStatus.REJECTED)),
    )
    return render(request, "ingest/queue.html", {"sources": sources})


@secretariat_required
@domain_errors
def upload(request):
    """POST a file. A refused file comes back here as a GET (domain_errors), which shows the queue and the message."""
    if request.method != "POST":
        return redirect("ingest:queue")
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, "Choose a file to upload.")
        return redirect("ingest:queue")
    result = ingest_bytes(data=read_upload(uploaded), name=uploaded.name, actor=request.user)
    source = result.document.source_file
    if result.created:
        messages.success(request, f"{uploaded.name}: {result.proposals} items proposed for review.")
    else:
        messages.info(request, f"{uploaded.name} was already ingested; nothing new was created.")
    return redirect("ingest:document", pk=source.pk)
