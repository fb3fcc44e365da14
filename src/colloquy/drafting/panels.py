"""What drafting adds to pages it does not own (core/hooks.py): for the secretariat only, a form on the event page
to draft its summary of conclusions, one on the cycle page to draft its discussion note, and a navigation link."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat
from colloquy.drafting.models import LANGUAGES, Draft, DraftKind


def _panel(request, *, kind, field, target, drafts):
    return render_to_string("drafting/_panel.html", {
        "kind": kind, "field": field, "target": target, "languages": LANGUAGES, "drafts": drafts[:5],
        "label": DraftKind(kind).label}, request=request)


def event_panel(request, event):
    if not is_secretariat(request.user):
        return None
    return _panel(request, kind=DraftKind.SUMMARY, field="summary-event", target=event,
                  drafts=Draft.objects.filter(event=event).order_by("-created_at"))


def cycle_panel(request, cycle):
    if not is_secretariat(request.user):
        return None
    return _panel(request, kind=DraftKind.DISCUSSION_NOTE, field="note-cycle", target=cycle,
                  drafts=Draft.objects.filter(cycle=cycle).order_by("-created_at"))


def nav_items(request) -> list[dict]:
    if not is_secretariat(request.user):
        return []
    return [{"label": _("Drafts"), "url": reverse("drafting:list")}]
