"""Ballot life cycle: create, change, open (freezing the electorate), close, cancel. Casting: casting.py.

Every state change goes through BALLOT_TRANSITIONS.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.ballots import notifications
from colloquy.ballots.models import (
    Ballot,
    BallotMethod,
    BallotOption,
    BallotState,
    EligibleOrganization,
)
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.countries import region_of
from colloquy.core.errors import DomainError
from colloquy.core.validation import full_clean_or_raise
from colloquy.core.workflow import TransitionTable
from colloquy.directory.models import Membership

logger = logging.getLogger(__name__)

BALLOT_TRANSITIONS = TransitionTable(
    {
        BallotState.DRAFT: {BallotState.OPEN, BallotState.CANCELLED},
        BallotState.OPEN: {BallotState.CLOSED, BallotState.CANCELLED},
        BallotState.CLOSED: {BallotState.DECIDED},
        BallotState.DECIDED: set(),
        BallotState.CANCELLED: set(),
    },
    labels=dict(BallotState.choices),
)


def fmt_utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _require_aware(name: str, value):
    if value is not None and timezone.is_naive(value):
        raise DomainError(gettext('%(name)s must include a time zone (e.g. 2027-03-01T17:00:00+01:00).') % {'name': name}, field=name)


def _check_method(method: str, max_choices: int, n_options: int) -> int:
    if method not in BallotMethod.values:
        raise DomainError(gettext('Unknown ballot method %(method)s; choose one of: %(join)s.') % {'method': repr(method), 'join': ', '.join(BallotMethod.values)}, field="method")
    if method == BallotMethod.APPROVAL:
        if not 1 <= max_choices <= n_options:
            raise DomainError(gettext('An approval ballot lets members choose between 1 and %(n_options)s options; %(max_choices)s is out of range.') % {'n_options': n_options, 'max_choices': max_choices}, field="max_choices")
        return max_choices
    return n_options if method == BallotMethod.IRV else 1


BALLOT_FIELDS = {"description", "level", "seats", "max_choices", "eligibility", "secrecy", "results_visibility",
                 "quorum_percent", "reminder_days", "opens_at", "consultation"}


@transaction.atomic
def ballot_create(*, actor, cycle, title: str, method: str, closes_at: datetime.datetime, options=(), **fields) -> Ballot:
    """Create a draft ballot. `options`: labels (str) or dicts with label/description/proposal.

    Without options and with a consultation, the consultation's proposals become the options.
    """
    require_secretariat(actor)
    unknown = set(fields) - BALLOT_FIELDS
    if unknown:
        raise DomainError(gettext('Unknown ballot field(s): %(join)s.') % {'join': ', '.join(sorted(unknown))})
    _require_aware("closes_at", closes_at)
    _require_aware("opens_at", fields.get("opens_at"))
    specs = [o if isinstance(o, dict) else {"label": o} for o in options]
    consultation = fields.get("consultation")
    if not specs and consultation is not None:
        # the English originals, whatever the secretariat's language (the French and Spanish stay on the proposal)
        specs = [{"label": p.title_en or "", "description": p.rationale_en or "", "proposal": p}
                 for p in consultation.proposals.all()]
    specs = [s for s in specs if str(s.get("label", "")).strip()]
    if len(specs) < 2:
        raise DomainError(gettext("A ballot needs at least two options."), field="options")
    labels = [s["label"].strip().casefold() for s in specs]
    if len(set(labels)) != len(labels):
        raise DomainError(gettext("Two options have the same label; each option must be distinct."), field="options")
    fields["max_choices"] = _check_method(method, int(fields.get("max_choices") or 1), len(specs))
    if closes_at <= timezone.now():
        raise DomainError(gettext('The close (%(time)s) is in the past.') % {'time': fmt_utc(closes_at)}, field="closes_at")
    ballot = Ballot(cycle=cycle, title=title.strip(), method=method, closes_at=closes_at, created_by=acting_user(actor), **fields)
    if consultation is not None and consultation.cycle_id != cycle.pk:
        raise DomainError(gettext("The consultation belongs to another cycle."), field="consultation")
    full_clean_or_raise(ballot)
    ballot.save()
    for order, spec in enumerate(specs):
        option = BallotOption(ballot=ballot, label=spec["label"].strip(), description=spec.get("description", ""),
                              proposal=spec.get("proposal"), order=order)
        full_clean_or_raise(option, exclude=["ballot"])
        option.save()
    after = audit.snapshot(ballot) | {"options": [o.label for o in ballot.options.all()]}
    audit.record(actor=actor, action="ballot.create", target=ballot, after=after)
    return ballot


@transaction.atomic
def ballot_update(*, actor, ballot: Ballot, **fields) -> Ballot:
    require_secretariat(actor)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    allowed = BALLOT_FIELDS | {"title", "method", "closes_at"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(gettext('Unknown ballot field(s): %(join)s.') % {'join': ', '.join(sorted(unknown))})
    # A ballot is changed in place while the table still lets it be cancelled: draft or open.
    if not BALLOT_TRANSITIONS.can(ballot.state, BallotState.CANCELLED):
        raise DomainError(gettext('A %(lower)s ballot cannot be changed.') % {'lower': ballot.get_state_display().lower()}, code="transition")
    changing = {k for k, v in fields.items() if getattr(ballot, k) != v}
    if changing & {"method", "max_choices"} and ballot.log.casts().exists():
        raise DomainError(gettext("The voting method cannot change after the first vote has been cast."), code="frozen")
    if changing & {"eligibility"} and ballot.state != BallotState.DRAFT:
        raise DomainError(gettext("Eligibility was frozen when the ballot opened; it cannot change now."), code="frozen")
    _require_aware("closes_at", fields.get("closes_at"))
    _require_aware("opens_at", fields.get("opens_at"))
    before = audit.snapshot(ballot)
    for name, value in fields.items():
        setattr(ballot, name, value)
    ballot.max_choices = _check_method(ballot.method, ballot.max_choices, ballot.options.count())
    full_clean_or_raise(ballot)
    ballot.save()
    audit.record(actor=actor, action="ballot.update", target=ballot, before=before, after=audit.snapshot(ballot))
    return ballot


def eligible_memberships(ballot: Ballot, day: datetime.date):
    return (Membership.objects.filter(forum=ballot.cycle.forum, status__in=ballot.eligible_statuses)
            .active_on(day).select_related("organization").order_by("organization_id", "-start_date"))


@transaction.atomic
def ballot_open(*, actor, ballot: Ballot) -> Ballot:
    """Open the ballot and freeze its electorate (memberships active today with an eligible status)."""
    require_secretariat(actor)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    BALLOT_TRANSITIONS.check(ballot.state, BallotState.OPEN)
    now = timezone.now()
    if ballot.closes_at <= now:
        raise DomainError(gettext('The close (%(time)s) has already passed; set a later close first.') % {'time': fmt_utc(ballot.closes_at)},
                          field="closes_at")
    seen, rows = set(), []
    for membership in eligible_memberships(ballot, timezone.localdate(now)):
        if membership.organization_id in seen:
            continue
        seen.add(membership.organization_id)
        rows.append(EligibleOrganization(ballot=ballot, organization=membership.organization,
                                         membership_status=membership.status,
                                         region=region_of(membership.organization.country)))
    if not rows:
        raise DomainError(gettext('No organization is eligible (%(eligibility)s) in %(forum)s; record memberships first.') % {'eligibility': ballot.get_eligibility_display(), 'forum': ballot.cycle.forum}, code="no_electorate")
    EligibleOrganization.objects.bulk_create(rows)
    before = audit.snapshot(ballot)
    ballot.state = BallotState.OPEN
    ballot.opened_at = now
    ballot.opens_at = ballot.opens_at or now
    ballot.save(update_fields=["state", "opened_at", "opens_at"])
    audit.record(actor=actor, action="ballot.open", target=ballot, before=before, after=audit.snapshot(ballot),
                 note=f"{len(rows)} eligible organizations frozen")
    transaction.on_commit(lambda: notifications.send_opened(ballot))
    return ballot


@transaction.atomic
def ballot_close(*, actor, ballot: Ballot) -> Ballot:
    require_secretariat(actor)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    BALLOT_TRANSITIONS.check(ballot.state, BallotState.CLOSED)
    before = audit.snapshot(ballot)
    now = timezone.now()
    ballot.state = BallotState.CLOSED
    ballot.closed_at = now
    early = now < ballot.closes_at
    ballot.save(update_fields=["state", "closed_at"])
    audit.record(actor=actor, action="ballot.close", target=ballot, before=before, after=audit.snapshot(ballot),
                 note="closed before the scheduled close" if early else "")
    transaction.on_commit(lambda: notifications.send_results(ballot))
    return ballot


def ballot_close_due(*, actor, now: datetime.datetime | None = None) -> list[Ballot]:
    """Close every open ballot whose close has passed (cron-friendly)."""
    now = now or timezone.now()
    return [ballot_close(actor=actor, ballot=b) for b in Ballot.objects.open().filter(closes_at__lte=now)]


@transaction.atomic
def ballot_cancel(*, actor, ballot: Ballot, reason: str) -> Ballot:
    require_secretariat(actor)
    if not reason.strip():
        raise DomainError(gettext("Give a reason for cancelling the ballot."), field="reason")
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    BALLOT_TRANSITIONS.check(ballot.state, BallotState.CANCELLED)
    before = audit.snapshot(ballot)
    ballot.state = BallotState.CANCELLED
    ballot.save(update_fields=["state"])
    audit.record(actor=actor, action="ballot.cancel", target=ballot, before=before, after=audit.snapshot(ballot), note=reason)
    return ballot
