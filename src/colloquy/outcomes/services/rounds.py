"""Follow-up rounds: launch (with invitations), close, and reminders to focal points who have not reported."""

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core import mail
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.validation import full_clean_or_raise
from colloquy.outcomes.models import FollowUpRound, ReminderLog, RoundState
from colloquy.outcomes.models.followup import ROUND_TRANSITIONS
from colloquy.outcomes.rounds_status import round_progress


def focal_points_to_email(organization):
    return [u for u in organization.focal_points.filter(is_active=True).order_by("username") if u.email]


def _mail(*, template, followup_round, organization, user, row=None, today=None):
    days_left = (followup_round.deadline - (today or timezone.localdate())).days
    missing = []
    if row is not None:
        missing = [r for r in followup_round.recommendations.order_by("pk") if r.pk not in row.reported]
    context = {"round": followup_round, "organization": organization, "user": user, "row": row,
               "site_url": settings.SITE_URL.rstrip("/"), "today": today or timezone.localdate(),
               "days_left": days_left, "days_overdue": -days_left, "missing": missing}
    with translation.override(user.email_language()):  # the recipient's language, not the launcher's
        subject = render_to_string(f"outcomes/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"outcomes/email/{template}.txt", context)
    mail.send(subject=subject, body=body, to=[user.email])


def round_launch(*, title, recommendations, organizations, deadline, actor, forum=None, message="",
                 notify=True) -> FollowUpRound:
    """Open a round: the addressed members are asked to report on the recommendations by the deadline."""
    require_secretariat(actor)
    recommendations, organizations = list(recommendations), list(organizations)
    if not recommendations:
        raise DomainError(gettext("Choose at least one recommendation for the round."), field="recommendations")
    if not organizations:
        raise DomainError(gettext("Choose at least one member to address the round to."), field="organizations")
    if deadline < timezone.localdate():
        raise DomainError(gettext('The deadline %(deadline)s is in the past.') % {'deadline': format(deadline, '%d %B %Y')}, field="deadline")
    followup_round = FollowUpRound(title=(title or "").strip(), forum=forum, deadline=deadline, message=message or "",
                                   opened_at=timezone.now(), state=RoundState.OPEN,
                                   created_by=acting_user(actor))
    full_clean_or_raise(followup_round)
    with transaction.atomic():
        followup_round.save()
        followup_round.recommendations.set(recommendations)
        followup_round.organizations.set(organizations)
        after = audit.snapshot(followup_round) | {"recommendations": sorted(r.pk for r in recommendations),
                                                  "organizations": sorted(o.pk for o in organizations)}
        audit.record(actor=actor, action="followupround.launch", target=followup_round, after=after)
        if notify:
            for org in organizations:
                for user in focal_points_to_email(org):
                    transaction.on_commit(lambda u=user, o=org: _mail(template="round_invitation", followup_round=followup_round,
                                                                      organization=o, user=u))
    return followup_round


def _set_state(followup_round, target, actor, action):
    require_secretariat(actor)
    ROUND_TRANSITIONS.check(followup_round.state, target)
    with transaction.atomic():
        before = audit.snapshot(followup_round)
        followup_round.state = target
        followup_round.save(update_fields=["state"])
        audit.record(actor=actor, action=action, target=followup_round, before=before, after=audit.snapshot(followup_round))
    return followup_round


def round_close(*, followup_round, actor) -> FollowUpRound:
    return _set_state(followup_round, RoundState.CLOSED, actor, "followupround.close")


def round_reopen(*, followup_round, actor) -> FollowUpRound:
    return _set_state(followup_round, RoundState.OPEN, actor, "followupround.reopen")


def rounds_due_for_reminders(*, lead_days=14):
    """Open rounds whose deadline is at most `lead_days` away (or past)."""
    horizon = timezone.localdate() + datetime.timedelta(days=lead_days)
    return FollowUpRound.objects.open().filter(deadline__lte=horizon, opened_at__lte=timezone.now())


def members_without_contact(*, lead_days=14) -> list[tuple]:
    """(round, organization) pairs still missing reports in a round due for reminders whose organization has no
    active focal point with an e-mail address: reminders cannot reach them, so the secretariat must."""
    out = []
    for followup_round in rounds_due_for_reminders(lead_days=lead_days):
        for row in round_progress(followup_round).rows:
            if not row.complete and not focal_points_to_email(row.organization):
                out.append((followup_round, row.organization))
    return out


def round_send_reminders(*, actor, lead_days=14, every_days=7, dry_run=False) -> list[ReminderLog]:
    """Remind the focal points of addressed members who have not fully reported.

    For each open round whose deadline is at most `lead_days` away (or already past), each focal point
    (active, with an e-mail) of each member still missing a report gets a reminder, at most once every
    `every_days` days per round. Safe to run from cron as often as you like.
    """
    require_secretariat(actor)
    now = timezone.now()
    today = timezone.localdate()
    sent = []
    for followup_round in rounds_due_for_reminders(lead_days=lead_days):
        for row in round_progress(followup_round).rows:
            if row.complete:
                continue
            for user in focal_points_to_email(row.organization):
                last = ReminderLog.objects.filter(round=followup_round, email=user.email).order_by("-sent_at").first()
                if last and now - last.sent_at < datetime.timedelta(days=every_days):
                    continue
                log = ReminderLog(round=followup_round, organization=row.organization, recipient=user,
                                  email=user.email, sent_at=now)
                if not dry_run:
                    _mail(template="round_reminder", followup_round=followup_round, organization=row.organization,
                          user=user, row=row, today=today)
                    log.save()
                    audit.record(actor=actor, action="followupround.remind", target=followup_round,
                                 after={"email": user.email, "organization": row.organization.pk})
                sent.append(log)
    return sent
