"""E-mails to eligible focal points: ballot opened, reminder, results. Queued as tasks (colloquy.core.mail): a mail
outage cannot undo or hide a ballot step that is already committed; the worker retries the delivery."""

import zoneinfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from colloquy.accounts.models import User
from colloquy.ballots.anchor import head_line
from colloquy.ballots.results import ballot_results
from colloquy.core import mail


def focal_points(organization_ids):
    return User.objects.filter(organization_id__in=list(organization_ids), is_active=True).exclude(email="")


def local_time(moment, user) -> str:
    """`moment` in the recipient's own time zone (their profile setting), or "" when they have none (UTC)."""
    try:
        zone = zoneinfo.ZoneInfo(user.timezone) if user.timezone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None or moment is None or zone.key == "UTC":
        return ""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} {zone.key}"


def _send(ballot, template: str, subject, recipients, **extra) -> int:
    """Queue one e-mail per recipient, each in the recipient's own language (`subject()` is called there too);
    returns how many were queued."""
    url = settings.SITE_URL.rstrip("/") + ballot.get_absolute_url()
    queued = 0
    for user in recipients:
        with translation.override(user.email_language()):
            body = render_to_string(template, {"ballot": ballot, "user": user, "url": url,
                                               "closes_local": local_time(ballot.closes_at, user), **extra})
            text = subject()
        queued += mail.send(subject=text, body=body, to=[user.email])
    return queued


def send_opened(ballot) -> int:
    orgs = ballot.eligible.values_list("organization_id", flat=True)
    return _send(ballot, "ballots/email/opened.txt", lambda: gettext("Ballot open: %(title)s") % {"title": ballot.title}, focal_points(orgs))


def send_reminder(ballot, organization_ids) -> int:
    return _send(ballot, "ballots/email/reminder.txt", lambda: gettext("Reminder: vote on “%(title)s”") % {"title": ballot.title}, focal_points(organization_ids))


def send_results(ballot) -> int:
    orgs = ballot.eligible.values_list("organization_id", flat=True)
    results = ballot_results(ballot)
    results_url = settings.SITE_URL.rstrip("/") + f"/ballots/{ballot.pk}/results/"
    return _send(ballot, "ballots/email/results.txt", lambda: gettext("Results: %(title)s") % {"title": ballot.title}, focal_points(orgs),
                 results=results, results_url=results_url, head_line=head_line(ballot),
                 head_url=settings.SITE_URL.rstrip("/") + f"/ballots/{ballot.pk}/head.json")
