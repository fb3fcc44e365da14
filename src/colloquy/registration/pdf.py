"""Printed outputs rendered with WeasyPrint: the programme, badges and the list of participants.

Each is printed in one language: the one asked for (`?lang=` on the URL), else the event's working language,
else the reader's (`pdf_language`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

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


def pdf_language(event, requested: str | None = None) -> str:
    """`requested` when it is a language of the site, else the event's working language, else the active one."""
    if requested and requested in dict(settings.LANGUAGES):
        return requested
    if event.working_language and event.working_language in dict(settings.LANGUAGES):
        return event.working_language
    return translation.get_language() or settings.LANGUAGE_CODE


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only when a PDF is made

    with translation.override(language or translation.get_language()):
        html = render_to_string(template, {"generated": timezone.now(), **context})
    return HTML(string=html).write_pdf()


def programme_pdf(event, *, private=False, language: str | None = None) -> bytes:
    return render_pdf("registration_app/pdf/programme.html",
                      {"event": event, "days": programme_days(event, private=private)},
                      language=pdf_language(event, language))


def badges(event):
    people = (Participant.objects.filter(registration__event=event, registration__state__in=COUNTED_STATES,
                                         attendance="in_person")
              .select_related("registration").order_by("registration__organization_name", "name"))
    return [{"name": p.display_name, "title": p.title, "organization": p.registration.organization_name,
             "category": category_label(p.registration.category).split(" (")[0],
             "colour": CATEGORY_COLOURS.get(p.registration.category, "#4f5661"), "role": p.get_role_display()}
            for p in people]


def badges_pdf(event, *, language: str | None = None) -> bytes:
    language = pdf_language(event, language)
    with translation.override(language):  # the role and category labels too
        people = badges(event)
    return render_pdf("registration_app/pdf/badges.html", {"event": event, "badges": people}, language=language)


def participants_pdf(event, *, public: bool, language: str | None = None) -> bytes:
    language = pdf_language(event, language)
    with translation.override(language):  # the category headings too
        groups = lists.grouped(lists.participants(event, public=public))
    return render_pdf("registration_app/pdf/participants.html", {"event": event, "groups": groups, "public": public},
                      language=language)
