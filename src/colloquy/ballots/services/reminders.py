"""Reminders before the close to eligible organizations that have not voted (run daily from cron)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from colloquy.audit import log as audit
from colloquy.ballots import notifications
from colloquy.ballots.models import Ballot, BallotReminder
from colloquy.core.access import require_secretariat


def ballot_send_reminders(*, actor, ballot: Ballot | None = None, days: int | None = None, now=None) -> dict[int, int]:
    """For each open ballot closing within `days` (default: the ballot's reminder_days), e-mail the focal points
    of eligible organizations that have not voted and were not reminded yet. Returns {ballot id: e-mails sent}.
    """
    require_secretariat(actor)
    now = now or timezone.now()
    ballots = [ballot] if ballot is not None else list(Ballot.objects.open())
    sent: dict[int, int] = {}
    for b in ballots:
        if not b.is_accepting(now):
            continue
        window = datetime.timedelta(days=b.reminder_days if days is None else days)
        if b.closes_at - now > window:
            continue
        voted = set(b.current.values_list("organization_id", flat=True))
        reminded = set(b.reminders.values_list("organization_id", flat=True))
        due = [o for o in b.eligible.values_list("organization_id", flat=True) if o not in voted | reminded]
        claimed = []
        for org_id in due:
            try:
                with transaction.atomic():
                    BallotReminder.objects.create(ballot=b, organization_id=org_id, sent_at=now)
                claimed.append(org_id)
            except IntegrityError:  # a concurrent run claimed it
                continue
        count = notifications.send_reminder(b, claimed) if claimed else 0
        if claimed:
            audit.record(actor=actor, action="ballot.remind", target=b, note=f"{len(claimed)} organizations, {count} e-mails")
        sent[b.pk] = count
    return sent
