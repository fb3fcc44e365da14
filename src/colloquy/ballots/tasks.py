"""Ballot jobs the worker runs on its schedule (BallotsConfig.schedule, docs/tasks.md)."""

from colloquy.ballots import services
from colloquy.core import tasks
from colloquy.core.access import SYSTEM


@tasks.task()
def close_due() -> list[int]:
    """`ballot-close --due`: close every open ballot whose close has passed (results are e-mailed)."""
    return [ballot.pk for ballot in services.ballot_close_due(actor=SYSTEM)]


@tasks.task()
def send_reminders() -> int:
    """`ballot-remind`: remind organizations that have not voted, each ballot's reminder_days before its close."""
    return sum(services.ballot_send_reminders(actor=SYSTEM).values())
