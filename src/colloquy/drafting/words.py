"""Small phrases both documents share: dates and places as a report writes them, in the active language."""

from django.utils.formats import date_format
from django.utils.translation import gettext

from colloquy.core.countries import country_name_in_language as country_name


def day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def date_range(start, end) -> str:
    if not start:
        return ""
    if not end or end == start:
        return day(start)
    return gettext("%(start)s to %(end)s") % {"start": day(start), "end": day(end)}


def place(event) -> str:
    parts = [event.city, country_name(event.country) if event.country else ""]
    return ", ".join(p for p in parts if p)


def where_and_when(event) -> str:
    """"Geneva, Switzerland, 15 March 2006 to 16 March 2006" (what is known of it)."""
    return ", ".join(p for p in (place(event), date_range(event.start_date, event.end_date)) if p)
