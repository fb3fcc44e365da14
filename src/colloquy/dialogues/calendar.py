"""iCalendar output: one VEVENT per session, times in the event's own time zone (with VTIMEZONE)."""

import datetime

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as VEvent

from colloquy.dialogues.models import in_programme_order

PRODID = "-//Colloquy//Dialogue record//EN"


def _base_calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _location(event) -> str:
    return ", ".join(p for p in [event.room, event.venue, event.city, event.country_name] if p)


def session_vevent(session, event) -> VEvent:
    tz = event.tzinfo
    vevent = VEvent()
    vevent.add("uid", f"session-{session.pk}@colloquy")
    vevent.add("summary", f"{session.title} — {event.title}")
    day = session.date or event.start_date
    if day and session.start_time:
        start = datetime.datetime.combine(day, session.start_time, tzinfo=tz)
        end_time = session.end_time or session.start_time
        vevent.add("dtstart", start)
        vevent.add("dtend", datetime.datetime.combine(day, end_time, tzinfo=tz))
    elif day:
        vevent.add("dtstart", day)
        vevent.add("dtend", day + datetime.timedelta(days=1))
    location = session.room or ""
    vevent.add("location", ", ".join(p for p in [location, _location(event)] if p))
    people = [
        f"{p.get_role_display()}: {p.person.public_name}" + (f" ({p.affiliation_text})" if p.person.consents_to_publication and p.affiliation_text else "")
        for p in in_programme_order(session.participants.select_related("person", "organization"))
    ]
    if people:
        vevent.add("description", "\n".join(people))
    vevent.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
    vevent.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    return vevent


def event_vevent(event) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"event-{event.pk}@colloquy")
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start_date)
    vevent.add("dtend", (event.end_date or event.start_date) + datetime.timedelta(days=1))
    vevent.add("location", _location(event))
    vevent.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
    vevent.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    return vevent


def event_calendar(event, sessions=None) -> bytes:
    """The event's calendar: one VEVENT per session, or one all-day VEVENT when it has no programme."""
    cal = _base_calendar(event.title)
    sessions = list(event.sessions.all() if sessions is None else sessions)
    for session in sessions:
        cal.add_component(session_vevent(session, event))
    if not sessions and event.start_date:
        cal.add_component(event_vevent(event))
    cal.add_missing_timezones()
    return cal.to_ical()
