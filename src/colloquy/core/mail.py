"""E-mail goes out through a background task (docs/tasks.md): a request or a command never waits for the mail
server, and an e-mail is queued only with the change that caused it (a rolled-back change sends nothing).

`send(subject=, body=, to=[...])` queues one message. The worker delivers it; if the mail server cannot be
reached, the task queues itself again with a growing delay (`RETRY_DELAYS`), then gives up and fails, which
the task results show (admin: Task results).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from colloquy.core import tasks

log = logging.getLogger(__name__)
RETRY_DELAYS = (60, 300, 1800, 7200)  # seconds before each new attempt after a refused delivery


def send(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> int:
    """Queue one e-mail to `to` (the recipients see each other, as with send_mail). Returns 1 if queued."""
    to = [address for address in to if address]
    if not to:
        return 0
    tasks.enqueue(deliver, subject=str(subject), body=str(body), to=to,
                  from_email=from_email or settings.DEFAULT_FROM_EMAIL)
    return 1


@tasks.task()
def deliver(*, subject: str, body: str, to: list[str], from_email: str, attempt: int = 1) -> int:
    try:
        return EmailMessage(subject, body, from_email, to).send()
    except (smtplib.SMTPException, OSError) as exc:
        if attempt > len(RETRY_DELAYS) or not tasks.backend().supports_defer:
            raise
        delay = RETRY_DELAYS[attempt - 1]
        log.warning("e-mail to %s not delivered (%s); trying again in %d s", ", ".join(to), exc, delay)
        deliver.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
            subject=subject, body=body, to=to, from_email=from_email, attempt=attempt + 1)
        return 0
