"""The review queue: ingested documents with their counts, and the upload form (which posts to views/upload.py)."""

from django.db.models import Count, Q
from django.shortcuts import render

from colloquy.core.web import secretariat_required
from colloquy.ingest.models import ProposalStatus, SourceFile


@secretariat_required
def queue(request):
    sources = SourceFile.objects.visible_to(request.user).select_related("document").annotate(
        pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PROPOSED)),
        accepted=Count("proposals", filter=Q(proposals__status=ProposalStatus.ACCEPTED)),
        rejected=Count("proposals", filter=Q(proposals__status=ProposalStatus.REJECTED)),
    )
    return render(request, "ingest/queue.html", {"sources": sources})
