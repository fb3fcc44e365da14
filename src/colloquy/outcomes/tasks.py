"""Follow-up jobs the worker runs on its schedule (OutcomesConfig.schedule, docs/tasks.md)."""

from colloquy.core import tasks
from colloquy.core.access import SYSTEM
from colloquy.outcomes.services import round_send_reminders


@tasks.task()
def send_followup_reminders() -> int:
    """`send-followup-reminders` with its defaults: members who have not reported, from 14 days before the
    deadline, at most once every 7 days per person and round."""
    return len(round_send_reminders(actor=SYSTEM, lead_days=14, every_days=7, dry_run=False))
