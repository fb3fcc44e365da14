"""The yearly donor report (rows, CSV, PDF) and the thank-you paragraph that generated documents reuse.

`thank_you_paragraph(event=..., cycle=..., year=..., language=...)` is the one place the wording of the thanks
lives: a report, a programme or a summary that thanks donors calls it (docs/funding.md). Donors are thanked by
name; amounts never appear in it. The report shows the pledges `user` may see (Pledge.objects.visible_to)."""

import csv
import io
from decimal import Decimal

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext, pgettext

from colloquy.directory.models import Organization
from colloquy.funding.models import Pledge, PledgeStatus

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("year", "donor", "forum", "event", "cycle", "budget_line", "purpose", "status", "amount", "currency",
               "public")


def _year(year: int) -> Q:
    return Q(event__cycle__year=year) | Q(event__isnull=True, cycle__year=year)


def report_pledges(year: int, user):
    """Pledges of `year` (by their event's or cycle's year) that `user` may see, withdrawn ones left out."""
    return (Pledge.objects.visible_to(user).filter(_year(year)).exclude(status=PledgeStatus.WITHDRAWN)
            .select_related("donor", "event__cycle__forum", "cycle__forum").order_by("donor__name", "pk"))


def report_rows(year: int, user) -> list[dict]:
    rows = []
    for p in report_pledges(year, user):
        cycle = p.event.cycle if p.event_id else p.cycle
        rows.append({
            "year": cycle.year, "donor": p.donor.name, "forum": cycle.forum.acronym or cycle.forum.name,
            "event": p.event.title if p.event_id else "", "cycle": "" if p.event_id else str(cycle),
            "budget_line": str(p.get_budget_line_display()), "purpose": p.purpose,
            "status": str(p.get_status_display()), "amount": p.amount, "currency": p.currency,
            "public": "yes" if p.public else "no",
        })
    return rows


def totals(rows: list[dict]) -> list[dict]:
    """Per donor and currency: the sum of the pledges in the rows."""
    out: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = (row["donor"], row["currency"])
        out[key] = out.get(key, Decimal(0)) + row["amount"]
    return [{"donor": d, "currency": c, "amount": a} for (d, c), a in sorted(out.items())]


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) and not isinstance(value, Decimal) else text


def rows_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def report_csv(year: int, user) -> str:
    return rows_csv(report_rows(year, user))


def report_pdf(year: int, user) -> bytes:
    """The report printed with WeasyPrint, as registration/pdf.py prints the programme."""
    # heavy (Pango, fonts): loaded only when a PDF is made
    from weasyprint import HTML

    rows = report_rows(year, user)
    html = render_to_string("funding/pdf/report.html", {
        "year": year, "rows": rows, "totals": totals(rows), "generated": timezone.now(),
        "thanks": thank_you_paragraph(year=year),
    })
    return HTML(string=html).write_pdf()


def donors_for(*, event=None, cycle=None, year=None) -> list[Organization]:
    """The donors to thank, by name: those named on the events (EventFunding) and those whose pledges are
    confirmed or received, for one event, one cycle (with its events) or one year."""
    if event is not None:
        pledges, named = Q(pledges__event=event), Q(funding__event=event)
    elif cycle is not None:
        pledges = Q(pledges__cycle=cycle) | Q(pledges__event__cycle=cycle)
        named = Q(funding__event__cycle=cycle)
    elif year is not None:
        pledges = Q(pledges__cycle__year=year) | Q(pledges__event__cycle__year=year)
        named = Q(funding__event__cycle__year=year)
    else:
        raise ValueError("donors_for needs an event, a cycle or a year")
    covering = Q(pledges__status__in=(PledgeStatus.CONFIRMED, PledgeStatus.RECEIVED))
    return list(Organization.objects.filter((pledges & covering) | named).distinct().order_by("name"))


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def thank_you_paragraph(*, event=None, cycle=None, year=None, language: str | None = None) -> str:
    """One paragraph thanking the donors of an event, a cycle or a year by name, in `language` ("en", "fr",
    "es"; the active language when None). An empty string when there is no donor to thank."""
    donors = donors_for(event=event, cycle=cycle, year=year)
    if not donors:
        return ""
    with translation.override(language or translation.get_language()):
        names = _join([d.name for d in donors])
        if event is not None:
            what = pgettext("donor thanks", "of “%(title)s”") % {"title": event.title}
        elif cycle is not None:
            what = pgettext("donor thanks", "of the %(year)s cycle of %(forum)s") % {"year": cycle.year,
                                                                                   "forum": cycle.forum.name}
        else:
            what = pgettext("donor thanks", "of its work in %(year)s") % {"year": year}
        return ngettext("The secretariat thanks %(donors)s for its generous financial support %(what)s.",
                        "The secretariat thanks %(donors)s for their generous financial support %(what)s.",
                        len(donors)) % {"donors": names, "what": what}


def open_rows(user) -> list[dict]:
    """Open data: every pledge `user` may see (anonymous: the public ones), all years."""
    qs = (Pledge.objects.visible_to(user).exclude(status=PledgeStatus.WITHDRAWN)
          .select_related("donor", "event__cycle__forum", "cycle__forum").order_by("pk"))
    years = sorted({p.year for p in qs})
    return [row for y in years for row in report_rows(y, user)]
