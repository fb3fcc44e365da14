"""Printed outputs rendered with WeasyPrint: the programme, badges and the list of participants."""

from django.template.loader import render_to_string
from django.utils import timezone

from colloquy.reference.categories import category_label
from colloquy.registration import lists
from colloquy.registration.models import COUNTED_STATES, Participant
from colloquy.registration.programme import programme_days

# Badge colours by stakeholder category (the label is always printed too: colour is never the only cue).
CATEGORY_COLOURS = {
    "governments": "#0b5394",
    "international_organizations": "#1e6b30",
    "regional_organizations": "#5b2c83",
    "ngos": "#b45309",
    "private_sector": "#374151",
    "academia": "#8a1c1c",
    "media": "#0f766e",
    "diaspora_migrant_organizations": "#9d174d",
    "trade_unions": "#854d0e",
    "local_authorities": "#1d4ed8",
}


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only when a PDF is made

    html = render_to_string(template, {"generated": timezone.now(), **context})
    return HTML(string=html).write_pdf()


def programme_pdf(event, *, private=False) -> bytes:
    return render_pdf("registration_app/pdf/programme.html",
                      {"event": event, "days": programme_days(event, private=private)})


def badges(event):
    people = (Participant.objects.filter(registration__event=event, registration__state__in=COUNTED_STATES,
                                         attendance="in_person")
              .select_related("registration").order_by("registration__organization_name", "name"))
    return [{"name": p.display_name, "title": p.title, "organization": p.registration.organization_name,
             "category": category_label(p.registration.category).split(" (")[0],
             "colour": CATEGORY_COLOURS.get(p.registration.category, "#4f5661"), "role": p.get_role_display()}
            for p in people]


def badges_pdf(event) -> bytes:
    return render_pdf("registration_app/pdf/badges.html", {"event": event, "badges": badges(event)})


def participants_pdf(event, *, public: bool) -> bytes:
    groups = lists.grouped(lists.participants(event, public=public))
    return render_pdf("registration_app/pdf/participants.html", {"event": event, "groups": groups, "public": public})
