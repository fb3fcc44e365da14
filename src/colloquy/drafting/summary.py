"""The summary of conclusions of an event, built from the record in the active language.

Only what the public may see goes in: published key messages, recommendations and practices; people named
only where they consent to publication (the programme's rule: `registration.programme.programme_days`).
"""

from collections import defaultdict

from django.utils.text import capfirst
from django.utils.translation import gettext

from colloquy.core.countries import country_name_in_language as country_name
from colloquy.dialogues.models import SessionKind
from colloquy.drafting import markup
from colloquy.drafting.layouts import TEXT
from colloquy.drafting.words import date_range, day, place
from colloquy.funding.report import donors_for
from colloquy.outcomes.models import Addressee, GoodPractice, KeyMessage, Recommendation
from colloquy.registration.programme import programme_days
from colloquy.registration.stats import event_statistics, join_and


def summary_title(event) -> str:
    return gettext("Summary of conclusions: %(event)s") % {"event": event.title}


def _introduction(event) -> list[str]:
    where = place(event)
    text = gettext("The %(kind)s “%(title)s” was held") % {"kind": event.get_kind_display().lower(), "title": event.title}
    if where:
        text += " " + gettext("in %(place)s") % {"place": where}
    if event.start_date and event.end_date and event.end_date != event.start_date:
        text += " " + gettext("from %(start)s to %(end)s") % {"start": day(event.start_date), "end": day(event.end_date)}
    elif event.start_date:
        text += " " + gettext("on %(date)s") % {"date": day(event.start_date)}
    return [markup.one_line(text) + "."]


def participation(event) -> list[str]:
    sentence = event_statistics(event).sentence
    return [sentence or gettext("Participation was not recorded.")]


def _people(rows) -> str:
    return "; ".join(f"{name} ({affiliation})" if affiliation else name for name, affiliation, _role in rows)


def _session_line(session) -> str:
    """"Session 1: Labour Migration Arrangements (10:30–11:50). Chair: …. Speakers: …": the title first, so that
    the outline reads as a report's paragraph, not as a timed programme row."""
    text = session.title.rstrip(".")
    if session.start_time:
        times = session.start_time.strftime("%H:%M")
        if session.end_time:
            times += "–" + session.end_time.strftime("%H:%M")
        text += f" ({times})"
    text += "."
    if session.chairs:
        text += " " + gettext("Chair: %(people)s") % {"people": _people(session.chairs)} + "."
    if session.speakers:
        text += " " + gettext("Speakers: %(people)s") % {"people": _people(session.speakers)} + "."
    return markup.one_line(text)


OUTLINE_WITHOUT_PEOPLE = (SessionKind.OPENING, SessionKind.KEYNOTE, SessionKind.PANEL, SessionKind.MIGRANTS_VOICES,
                          SessionKind.CLOSING, SessionKind.SIDE_EVENT)


def programme(event, days) -> list[str]:
    """The substantive sessions by day: discussions, breaks and registration without people are left out."""
    lines = []
    for date, sessions in days:
        shown = [s for s in sessions if s.chairs or s.speakers or s.kind in OUTLINE_WITHOUT_PEOPLE]
        if not shown:
            continue
        if date and (len(days) > 1 or (event.end_date and event.end_date != event.start_date)):
            lines.append(markup.heading(capfirst(date_range(date, date)), 2))
        lines.extend(_session_line(s) for s in shown)  # paragraphs: a bulleted line on a summary reads as a conclusion
    return lines


def key_messages(event) -> list[str]:
    messages = KeyMessage.objects.published().filter(event=event).order_by("order", "id")
    return markup.numbered(m.text for m in messages)


def good_practices(event) -> list[str]:
    groups = defaultdict(list)
    for practice in GoodPractice.objects.published().filter(event=event).order_by("country", "id"):
        groups[practice.country].append(practice)
    lines = []
    for code in sorted(groups, key=lambda c: (c == "", country_name(c) if c else "")):
        lines.append(markup.heading(country_name(code) if code else gettext("Regional and international"), 2))
        for practice in groups[code]:
            text = practice.title + (f" ({practice.actor})" if practice.actor else "")
            if code:  # the sentence a report uses, which `colloquy extract` reads back as this country's practice
                text = gettext("%(country)s shared its good practice: %(practice)s") % {
                    "country": country_name(code), "practice": text}
            text = text.rstrip(".") + "."
            if practice.description:
                text += " " + practice.description
            lines.append(markup.one_line(text))  # a paragraph: "Mexico shared its good practice: …" opens it
    return lines


def recommendations(event) -> list[str]:
    labels = dict(Addressee.choices)
    groups = defaultdict(list)
    for rec in Recommendation.objects.published().filter(event=event).order_by("order", "id"):
        groups[rec.addressee].append(rec)
    lines = []
    for addressee in [a for a, _label in Addressee.choices if a in groups]:
        lines.append(markup.heading(labels[addressee], 2))
        lines.extend("- " + markup.one_line(rec.text) for rec in groups[addressee])
    return lines


def migrants_voices(event, days) -> list[str]:
    lines = []
    for _date, sessions in days:
        for session in sessions:
            if session.kind != SessionKind.MIGRANTS_VOICES:
                continue
            speakers = [name for name, _affiliation, _role in session.speakers + session.chairs]
            text = session.title
            if speakers:
                text += ": " + gettext("the testimonies of %(people)s") % {"people": join_and(speakers)}
            if session.description:
                text += ". " + session.description
            lines.append(markup.one_line(text) + ("" if text.endswith(".") else "."))
    return lines


def donors(event) -> list[str]:
    """The donors the donor report thanks too (funding.report.donors_for: named on the event, or with a
    confirmed or received pledge), in a sentence `colloquy extract` reads back."""
    names = [donor.name for donor in donors_for(event=event)]
    if not names:
        return []
    return [gettext("The organizers thank %(donors)s for their financial support.") % {"donors": join_and(names)}]


def summary_body(event, sections: list[dict]) -> str:
    days = programme_days(event)
    fill = {
        "participation": lambda: participation(event),
        "programme": lambda: programme(event, days),
        "key_messages": lambda: key_messages(event),
        "good_practices": lambda: good_practices(event),
        "recommendations": lambda: recommendations(event),
        "migrants_voices": lambda: migrants_voices(event, days),
        "donors": lambda: donors(event),
    }
    lines = _introduction(event)
    for section in sections:
        content = [] if section["key"] == TEXT else fill[section["key"]]()
        if not content and not section.get("boilerplate"):
            continue  # nothing in the record for it: no empty heading
        lines.append(markup.heading(section["heading"]))
        if section.get("boilerplate"):
            lines.extend(section["boilerplate"].splitlines())
        lines.extend(content)
    return "\n".join(lines) + "\n"
