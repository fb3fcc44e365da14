"""The calls' job on the worker's schedule (CallsConfig.schedule, docs/tasks.md)."""

from colloquy.calls.services import calls_send_reminders
from colloquy.core import tasks
from colloquy.core.access import SYSTEM


@tasks.task()
def send_call_reminders() -> int:
    """Members that have not answered a call closing within 7 days: their focal points, once per call."""
    return len(calls_send_reminders(actor=SYSTEM, lead_days=7))
