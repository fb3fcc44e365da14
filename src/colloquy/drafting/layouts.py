"""The sections each kind of document can hold, their default order and headings, and the template text format.

A template is edited as text (docs/drafting.md): a line `== key: Heading` starts a section; the lines after it, up
to the next section, are its boilerplate paragraphs (markup as in a draft). `key` names what the record fills in
(`participation`, `key_messages`, ...) or `text` for a section of boilerplate only.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from colloquy.core.errors import DomainError
from colloquy.drafting.models import DraftKind

SECTIONS = {
    DraftKind.SUMMARY: {
        "participation": _("Participation"),
        "programme": _("Programme"),
        "key_messages": _("Key messages"),
        "good_practices": _("Good practices"),
        "recommendations": _("Recommendations"),
        "migrants_voices": _("Migrants' voices"),
        "donors": _("Acknowledgements"),
    },
    DraftKind.DISCUSSION_NOTE: {
        "events_held": _("Update since the last consultations"),
        "followup": _("State of follow-up"),
        "proposals": _("Proposals for the next cycle"),
        "timetable": _("Timetable of the selection"),
        "planned_events": _("Planned events"),
    },
}
TEXT = "text"


def default_sections(kind: str) -> list[dict]:
    """The built-in layout, headings in the active language."""
    return [{"key": key, "heading": str(label), "boilerplate": ""} for key, label in SECTIONS[kind].items()]


def sections_to_text(sections: list[dict]) -> str:
    parts = []
    for section in sections:
        parts.append(f"== {section['key']}: {section['heading']}")
        if section.get("boilerplate"):
            parts.append(section["boilerplate"].strip())
        parts.append("")
    return "\n".join(parts).strip() + "\n"


def sections_from_text(kind: str, text: str) -> list[dict]:
    """Parse the template editor's text; a DomainError names the first problem and its line."""
    allowed = set(SECTIONS[kind]) | {TEXT}
    sections, seen = [], set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("=="):
            key, sep, heading = line[2:].partition(":")
            key, heading = key.strip(), heading.strip()
            if not sep or not heading:
                raise DomainError(gettext("Line %(n)s: write a section as “== key: Heading”.") % {"n": number},
                                  field="sections")
            if key not in allowed:
                raise DomainError(gettext("Line %(n)s: unknown section %(key)s; use one of %(keys)s.") % {
                    "n": number, "key": repr(key), "keys": ", ".join(sorted(allowed))}, field="sections")
            if key != TEXT and key in seen:
                raise DomainError(gettext("Line %(n)s: the section %(key)s appears twice.") % {
                    "n": number, "key": repr(key)}, field="sections")
            seen.add(key)
            sections.append({"key": key, "heading": heading[:200], "boilerplate": ""})
        elif line.strip():
            if not sections:
                raise DomainError(gettext("Line %(n)s: text before the first section; start with “== key: Heading”.")
                                  % {"n": number}, field="sections")
            current = sections[-1]
            current["boilerplate"] = (current["boilerplate"] + "\n" + line.strip()).strip()
    if not sections:
        raise DomainError(gettext("A template needs at least one section."), field="sections")
    return sections
