"""E-mails to registrants, queued after the transaction commits (never for a rolled-back decision) and delivered by
the worker (colloquy.core.mail)."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from colloquy.core import mail
from colloquy.registration.models import Registration

SUBJECTS = {
    "received": _("Registration received: {event}"),
    "approved": _("Registration approved: {event}"),
    "offered": _("A place is offered to you: {event}"),
    "expired": _("The offer of a place has expired: {event}"),
    "rejected": _("Registration not accepted: {event}"),
    "waitlisted": _("Registration on the waitlist: {event}"),
}


def recipients(registration) -> list[str]:
    emails = [registration.contact_email]
    if registration.submitted_by_id and registration.submitted_by.email:
        emails.append(registration.submitted_by.email)
    return sorted({e for e in emails if e})


def send(registration, kind: str) -> None:
    to = recipients(registration)
    if not to:
        return
    context = {"registration": registration, "event": registration.event, "kind": kind,
               "site_url": settings.SITE_URL.rstrip("/"), "deadline": registration.offer_deadline_text()}
    # The registering focal point's language; an individual applicant without an account gets the default.
    submitter = registration.submitted_by if registration.submitted_by_id else None
    with translation.override(submitter.email_language() if submitter else settings.LANGUAGE_CODE):
        body = render_to_string("registration_app/email.txt", context)
        subject = str(SUBJECTS[kind]).format(event=registration.event.title)
    mail.send(subject=subject, body=body, to=to)


def on_commit_send(registration, kind: str) -> None:
    pk = registration.pk

    def _send():
        send(Registration.objects.select_related("event", "submitted_by").get(pk=pk), kind)

    transaction.on_commit(_send)
