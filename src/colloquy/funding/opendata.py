"""Funding in the open-data bundle (/outcomes/export/pledges.* and budgets.*, through core.hooks).

- `pledges`: the pledges marked public, and only those, whoever asks: the bundle is the public record, so a
  pledge the secretariat or its donor's focal point may see but that is not public never appears (a focal point
  gets its own from its desk and `/api/funding/pledges`). Withdrawn pledges are left out, as in the donor report.
- `budgets`: one row per event with a budget, as the event page shows it: everyone gets the events held subject
  to funding (on events they may see) with their coverage percent, which is public; the secretariat gets every
  budgeted event and, in the same rows, the budget total and the covered amount, which stay blank for everyone
  else (docs/funding.md, "Who sees what")."""

from decimal import Decimal

from django.conf import settings

from colloquy.core.access import is_secretariat
from colloquy.dialogues.browse import in_forum_and_year
from colloquy.dialogues.models import Event, FundingStatus
from colloquy.funding.models import EventBudget, Pledge, PledgeStatus
from colloquy.funding.services import percent_covered

PLEDGE_COLUMNS = ("id", "donor", "donor_country", "forum", "year", "event", "event_url", "cycle", "budget_line",
                  "purpose", "status", "amount", "currency")
BUDGET_COLUMNS = ("event_id", "event", "url", "forum", "year", "event_date", "funding_status", "currency",
                  "coverage_percent", "budget_total", "covered")


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def pledge_rows(user, filters) -> list[dict]:
    qs = (Pledge.objects.visible_to(user).filter(public=True).exclude(status=PledgeStatus.WITHDRAWN)
          .select_related("donor", "event__cycle__forum", "cycle__forum").order_by("pk"))
    rows = []
    for p in in_forum_and_year(qs, filters):
        cycle = p.event.cycle if p.event_id else p.cycle
        rows.append({
            "id": p.pk, "donor": p.donor.name, "donor_country": p.donor.country,
            "forum": cycle.forum.acronym or cycle.forum.name, "year": cycle.year,
            "event": p.event.title if p.event_id else "",
            "event_url": _url(p.event.get_absolute_url()) if p.event_id else "",
            "cycle": "" if p.event_id else str(cycle), "budget_line": p.budget_line, "purpose": p.purpose,
            "status": p.status, "amount": str(p.amount), "currency": p.currency,
        })
    return rows


def budget_rows(user, filters) -> list[dict]:
    amounts = is_secretariat(user)
    qs = EventBudget.objects.filter(event__in=Event.objects.visible_to(user))
    if not amounts:
        qs = qs.filter(event__funding_status=FundingStatus.SUBJECT_TO_FUNDING)
    budgets = list(in_forum_and_year(qs, filters, event_only=True).select_related("event__cycle__forum")
                   .order_by("event__start_date", "event_id"))
    covered: dict[int, Decimal] = {}
    currency = {b.event_id: b.currency for b in budgets}
    for p in Pledge.objects.filter(event_id__in=currency).covering().only("event_id", "amount", "currency"):
        if p.currency == currency[p.event_id]:
            covered[p.event_id] = covered.get(p.event_id, Decimal(0)) + p.amount
    rows = []
    for b in budgets:
        e, total, got = b.event, b.total, covered.get(b.event_id, Decimal(0))
        rows.append({
            "event_id": e.pk, "event": e.title, "url": _url(e.get_absolute_url()),
            "forum": e.cycle.forum.acronym or e.cycle.forum.name, "year": e.cycle.year,
            "event_date": e.start_date.isoformat() if e.start_date else "", "funding_status": e.funding_status,
            "currency": b.currency, "coverage_percent": percent_covered(got, total),
            "budget_total": str(total) if amounts else "", "covered": str(got) if amounts else "",
        })
    return rows

