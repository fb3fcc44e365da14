"""Secretariat exports of registrations (one row per participant): CSV and XLSX."""

import csv
import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from colloquy.registration.models import Participant

HEADER = [
    "registration_id", "state", "kind", "organization", "category", "country", "contact_email", "submitted_at",
    "participant", "honorific", "title", "gender", "role", "attendance", "interpretation_language",
    "accessibility_needs", "participant_email", "consents_to_publication",
]


def registration_rows(event):
    qs = (Participant.objects.filter(registration__event=event).select_related("registration")
          .order_by("registration__created_at", "registration_id", "order", "pk"))
    for p in qs:
        r = p.registration
        yield [r.pk, r.state, r.kind, r.organization_name, r.category, r.country, r.contact_email,
               r.created_at.isoformat(timespec="seconds"), p.name, p.honorific, p.title, p.gender, p.role,
               p.attendance, p.interpretation_language, p.accessibility_needs, p.email,
               "yes" if p.consents_to_publication else "no"]


def safe_cell(value):
    """Neutralise spreadsheet formulas in user-supplied text (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(header, rows) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: spreadsheet programs then read UTF-8


def to_xlsx(header, rows, *, title="Registrations") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(header)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    ws.freeze_panes = "A2"
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(name) + 4))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def registrations_csv(event) -> bytes:
    return to_csv(HEADER, registration_rows(event))


def registrations_xlsx(event) -> bytes:
    return to_xlsx(HEADER, registration_rows(event))
