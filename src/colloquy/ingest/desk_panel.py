"""The secretariat desk's review section: proposals from ingested reports that wait for review, by document."""

from django.db.models import Count, Q
from django.template.loader import render_to_string

from colloquy.ingest.models import ProposalStatus, SourceFile


def desk_panel(request, today) -> str:
    sources = (SourceFile.objects.visible_to(request.user).select_related("document")
               .annotate(pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PROPOSED)))
               .filter(pending__gt=0).order_by("-pending")[:20])
    return render_to_string("ingest/_desk_panel.html", {"sources": sources}, request=request)
