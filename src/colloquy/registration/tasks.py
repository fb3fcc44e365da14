"""Registration jobs the worker runs on its schedule (RegistrationConfig.schedule, docs/tasks.md)."""

from colloquy.core import tasks
from colloquy.core.access import SYSTEM
from colloquy.registration import services


@tasks.task()
def expire_offers() -> int:
    """`expire-offers`: expire offers past their deadline and offer each place to the next on the waitlist."""
    return len(services.offers_expire(actor=SYSTEM, event=None))
