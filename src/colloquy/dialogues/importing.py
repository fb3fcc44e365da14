"""Bulk import of events from CSV (the columns of shared/reference/idm-events.csv).

Every row is validated first. If any row is bad, every problem is reported as
`line N, column C: reason` and nothing is written. A good file is imported in one transaction;
importing the same file again changes nothing.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat
from colloquy.core.bulk import bulk_operation
from colloquy.core.countries import validate_iso3
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Cycle, CycleState, Event, EventKind, EventStatus, Forum
from colloquy.dialogues.services import cycle_get_or_create, forum_create

REQUIRED = ["year", "forum", "event_title", "kind"]
OPTIONAL = ["start_date", "end_date", "city", "venue", "overarching_theme", "participants_total", "source_url", "country", "status"]

# Kind words seen in legacy data, mapped to our kinds.
KIND_ALIASES = {"expert_seminar": EventKind.SEMINAR, "intersessional_workshop": EventKind.WORKSHOP,
                "informal_consultation": EventKind.CONSULTATION, "meeting": EventKind.OTHER}

# Time zones of cities where dialogues meet; others default to UTC (editable per event).
CITY_TIMEZONES = {
    "geneva": "Europe/Zurich", "new york": "America/New_York", "bangkok": "Asia/Bangkok", "brussels": "Europe/Brussels",
    "manila": "Asia/Manila", "athens": "Europe/Athens", "puerto vallarta": "America/Mexico_City",
    "gaborone": "Africa/Gaborone", "port louis": "Indian/Mauritius", "lima": "America/Lima", "stockholm": "Europe/Stockholm",
    "istanbul": "Europe/Istanbul", "dhaka": "Asia/Dhaka", "colombo": "Asia/Colombo", "berlin": "Europe/Berlin",
    "marrakesh": "Africa/Casablanca", "marrakech": "Africa/Casablanca", "quito": "America/Guayaquil",
    "vienna": "Europe/Vienna", "rome": "Europe/Rome", "paris": "Europe/Paris", "dakar": "Africa/Dakar",
}
CITY_COUNTRIES = {
    "geneva": "CHE", "new york": "USA", "bangkok": "THA", "brussels": "BEL", "manila": "PHL", "athens": "GRC",
    "puerto vallarta": "MEX", "gaborone": "BWA", "port louis": "MUS", "lima": "PER", "stockholm": "SWE",
    "istanbul": "TUR", "dhaka": "BGD", "colombo": "LKA", "berlin": "DEU", "marrakesh": "MAR", "marrakech": "MAR",
    "quito": "ECU", "vienna": "AUT", "rome": "ITA", "paris": "FRA", "dakar": "SEN",
}

NOTE = "csv import"  # on every audit entry the import writes

PARTICIPANTS_RE = re.compile(r"^\s*(?P<qual>~|>|<|≥|about|over|more than)?\s*(?P<n>\d[\d,]*)\s*(?P<note>\(.*\))?\s*$", re.I)


class ImportValidationError(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__("The file has problems; nothing was imported.\n" + "\n".join(errors), code="import_invalid")
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    forums_created: int = 0
    cycles_created: int = 0
    problems: list[str] = field(default_factory=list)


def parse_participants(text: str) -> int:
    """'~600' -> 600, '>500' -> 500, '>800 (government participants)' -> 800. Raises ValueError."""
    match = PARTICIPANTS_RE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a participant count (examples: 500, ~600, >500, >800 (delegates))")
    return int(match.group("n").replace(",", ""))


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def forum_key(label: str) -> tuple[str, str]:
    """'RCP:Colombo Process' -> ('Colombo Process', 'colombo-process'); 'IDM' -> ('IDM', 'idm')."""
    name = label.split(":", 1)[1].strip() if label.upper().startswith("RCP:") else label.strip()
    return name, slugify(name)[:80]


def _validate(rows: list[dict], header: list[str]) -> tuple[list[dict], list[str]]:
    errors = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [f"line 1, column {c}: required column is missing" for c in missing]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    errors += [f"line 1, column {c}: unknown column" for c in unknown]
    kinds = {k.value for k in EventKind} | set(KIND_ALIASES)
    statuses = {s.value for s in EventStatus}
    clean_rows = []
    for index, row in enumerate(rows, start=2):
        if None in row:
            errors.append(f"line {index}, column {len(header) + 1}: more cells than columns in the header")
            continue
        values = {k: (v or "").strip() for k, v in row.items()}
        clean = {"line": index}
        for col in REQUIRED:
            if not values.get(col):
                errors.append(f"line {index}, column {col}: required value is empty")
        year = values.get("year", "")
        if year:
            if not year.isdigit() or not 1900 <= int(year) <= 2100:
                errors.append(f"line {index}, column year: {year!r} is not a year between 1900 and 2100")
            else:
                clean["year"] = int(year)
        kind = values.get("kind", "")
        if kind and kind not in kinds:
            errors.append(f"line {index}, column kind: unknown kind {kind!r} (expected one of {', '.join(sorted(kinds))})")
        clean["kind"] = KIND_ALIASES.get(kind, kind)
        for col in ("start_date", "end_date"):
            if values.get(col):
                try:
                    clean[col] = _parse_date(values[col])
                except ValueError as exc:
                    errors.append(f"line {index}, column {col}: {exc}")
        if clean.get("start_date") and clean.get("end_date") and clean["end_date"] < clean["start_date"]:
            errors.append(f"line {index}, column end_date: the end date {clean['end_date']} is before the start date {clean['start_date']}")
        if values.get("participants_total"):
            try:
                clean["participants_total"] = parse_participants(values["participants_total"])
            except ValueError as exc:
                errors.append(f"line {index}, column participants_total: {exc}")
        if values.get("country"):
            try:
                validate_iso3(values["country"])
            except Exception:
                errors.append(f"line {index}, column country: {values['country']!r} is not an ISO 3166-1 alpha-3 code")
        if values.get("status") and values["status"] not in statuses:
            errors.append(f"line {index}, column status: unknown status {values['status']!r}")
        if len(forum_key(values.get("forum", ""))[0]) > Forum._meta.get_field("name").max_length:
            errors.append(f"line {index}, column forum: longer than {Forum._meta.get_field('name').max_length} characters")
        if len(values.get("event_title", "")) > 400:
            errors.append(f"line {index}, column event_title: longer than 400 characters")
        clean.update({k: values.get(k, "") for k in ("forum", "event_title", "city", "venue", "overarching_theme", "source_url", "country", "status")})
        clean["participants_reported"] = values.get("participants_total", "")
        clean_rows.append(clean)
    return clean_rows, errors


def read_csv(data: bytes | str) -> tuple[list[str], list[dict]]:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportValidationError([f"line 1, column -: the file is not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    reader = csv.DictReader(io.StringIO(data))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise ImportValidationError(["line 1, column -: the file is empty or has no header row"])
    reader.fieldnames = header
    return header, list(reader)


def events_import_csv(*, actor, data: bytes | str) -> ImportResult:
    require_secretariat(actor)
    header, rows = read_csv(data)
    clean_rows, errors = _validate(rows, header)
    if errors:
        raise ImportValidationError(errors)
    result = ImportResult()
    today = timezone.localdate()
    with transaction.atomic(), bulk_operation():  # per-row side effects (search index) run once per record
        cache = _Cache()
        for row in clean_rows:
            _import_row(actor, row, result, today, cache)
    return result


class _Cache:
    """Forums, cycles and events already looked up in this import (one query each, not one per row)."""

    def __init__(self):
        self.forums = {f.slug: f for f in Forum.objects.all()}
        self.forums_by_acronym = {f.acronym.lower(): f for f in self.forums.values() if f.acronym}
        self.cycles = {(c.forum_id, c.year): c for c in Cycle.objects.all()}
        self.events = {(e.cycle_id, e.title): e for e in Event.objects.all()}


def _import_row(actor, row, result, today, cache):
    name, slug = forum_key(row["forum"])
    forum = cache.forums.get(slug) or cache.forums_by_acronym.get(name.lower())
    if forum is None:
        forum = forum_create(actor=actor, name=name, slug=slug, acronym=name if len(name) <= 10 else "",
                             note=NOTE)
        cache.forums[slug] = forum
        result.forums_created += 1
    past = row["year"] < today.year
    cycle = cache.cycles.get((forum.pk, row["year"]))
    # The service is asked only when the cache cannot answer: for a new cycle, or a theme to fill in.
    if cycle is None or (row["overarching_theme"] and not cycle.overarching_theme):
        cycle, created = cycle_get_or_create(actor=actor, forum=forum, year=row["year"],
                                             overarching_theme=row["overarching_theme"], note=NOTE,
                                             state=CycleState.CONCLUDED if past else CycleState.ACTIVE)
        cache.cycles[(forum.pk, row["year"])] = cycle
        result.cycles_created += created
    city_key = row["city"].lower()
    start = row.get("start_date")
    held = start < today if start else past
    # Empty cells mean "not found", not "none": they never overwrite what the record already knows.
    values = {
        "kind": row["kind"],
        "start_date": start,
        "end_date": row.get("end_date") or start,
        "city": row["city"],
        "venue": row["venue"],
        "country": row["country"].upper() or CITY_COUNTRIES.get(city_key, ""),
        "timezone": CITY_TIMEZONES.get(city_key, ""),
        "participants_total": row.get("participants_total"),
        "participants_reported": row["participants_reported"],
        "source_url": row["source_url"],
        "status": row["status"],
    }
    values = {k: v for k, v in values.items() if v not in ("", None)}
    event = cache.events.get((cycle.pk, row["event_title"]))
    if event is None:
        values.setdefault("status", EventStatus.HELD if held else EventStatus.PLANNED)
        values.setdefault("timezone", "UTC")
        event = Event(cycle=cycle, title=row["event_title"], **values)
        # Rows were validated above; field checks only (constraints were checked row by row).
        event.clean_fields(exclude=["slug"])
        event.save()
        cache.events[(cycle.pk, event.title)] = event
        audit.record(actor=actor, action="event.create", target=event, after=audit.snapshot(event), note=NOTE)
        result.created += 1
        return
    if values.get("city", event.city) == event.city:
        values.pop("timezone", None)  # the city's zone is a default for new events, not a correction of a kept city
    before = audit.snapshot(event)
    for key, value in values.items():
        setattr(event, key, value)
    after = audit.snapshot(event)
    if after == before:
        result.unchanged += 1
        return
    event.clean_fields()
    event.save()
    audit.record(actor=actor, action="event.update", target=event, before=before, after=after, note=NOTE)
    result.updated += 1
