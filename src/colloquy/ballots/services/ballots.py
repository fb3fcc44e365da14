"""Ballot life cycle and casting.

Casting serialises on the ballot row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
take the write lock at BEGIN), because each log entry chains to the one before it. The single current ballot
per organization is the database's UNIQUE constraint, used as the conflict target of an upsert; a rare
IntegrityError (a log position taken concurrently) retries the whole transaction.
"""

import contextlib
import datetime
import logging

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from colloquy.audit import log as audit
from colloquy.ballots import chain, notifications
from colloquy.ballots.models import (
    Ballot,
    BallotMethod,
    BallotOption,
    BallotState,
    CastKind,
    CastLog,
    CurrentBallot,
    EligibleOrganization,
)
from colloquy.core.access import is_focal_point_of, require_secretariat
from colloquy.core.countries import region_of
from colloquy.core.errors import DomainError, PermissionDenied
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
        raise DomainError(f"{name} must include a time zone (e.g. 2027-03-01T17:00:00+01:00).", field=name)


def _check_method(method: str, max_choices: int, n_options: int) -> int:
    if method not in BallotMethod.values:
        raise DomainError(f"Unknown ballot method {method!r}; choose one of: {', '.join(BallotMethod.values)}.", field="method")
    if method == BallotMethod.APPROVAL:
        if not 1 <= max_choices <= n_options:
            raise DomainError(f"An approval ballot lets members choose between 1 and {n_options} options; "
                              f"{max_choices} is out of range.", field="max_choices")
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
        raise DomainError(f"Unknown ballot field(s): {', '.join(sorted(unknown))}.")
    _require_aware("closes_at", closes_at)
    _require_aware("opens_at", fields.get("opens_at"))
    specs = [o if isinstance(o, dict) else {"label": o} for o in options]
    consultation = fields.get("consultation")
    if not specs and consultation is not None:
        specs = [{"label": p.title, "description": p.rationale, "proposal": p} for p in consultation.proposals.all()]
    specs = [s for s in specs if str(s.get("label", "")).strip()]
    if len(specs) < 2:
        raise DomainError("A ballot needs at least two options.", field="options")
    labels = [s["label"].strip().casefold() for s in specs]
    if len(set(labels)) != len(labels):
        raise DomainError("Two options have the same label; each option must be distinct.", field="options")
    fields["max_choices"] = _check_method(method, int(fields.get("max_choices") or 1), len(specs))
    if closes_at <= timezone.now():
        raise DomainError(f"The close ({fmt_utc(closes_at)}) is in the past.", field="closes_at")
    ballot = Ballot(cycle=cycle, title=title.strip(), method=method, closes_at=closes_at, created_by=_user(actor), **fields)
    if consultation is not None and consultation.cycle_id != cycle.pk:
        raise DomainError("The consultation belongs to another cycle.", field="consultation")
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


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def ballot_update(*, actor, ballot: Ballot, **fields) -> Ballot:
    require_secretariat(actor)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    allowed = BALLOT_FIELDS | {"title", "method", "closes_at"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"Unknown ballot field(s): {', '.join(sorted(unknown))}.")
    if ballot.state not in (BallotState.DRAFT, BallotState.OPEN):
        raise DomainError(f"A {ballot.get_state_display().lower()} ballot cannot be changed.", code="transition")
    changing = {k for k, v in fields.items() if getattr(ballot, k) != v}
    if changing & {"method", "max_choices"} and ballot.log.casts().exists():
        raise DomainError("The voting method cannot change after the first vote has been cast.", code="frozen")
    if changing & {"eligibility"} and ballot.state != BallotState.DRAFT:
        raise DomainError("Eligibility was frozen when the ballot opened; it cannot change now.", code="frozen")
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
        raise DomainError(f"The close ({fmt_utc(ballot.closes_at)}) has already passed; set a later close first.",
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
        raise DomainError(f"No organization is eligible ({ballot.get_eligibility_display()}) in {ballot.cycle.forum}; "
                          "record memberships first.", code="no_electorate")
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
        raise DomainError("Give a reason for cancelling the ballot.", field="reason")
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    BALLOT_TRANSITIONS.check(ballot.state, BallotState.CANCELLED)
    before = audit.snapshot(ballot)
    ballot.state = BallotState.CANCELLED
    ballot.save(update_fields=["state"])
    audit.record(actor=actor, action="ballot.cancel", target=ballot, before=before, after=audit.snapshot(ballot), note=reason)
    return ballot


# --- casting ---------------------------------------------------------------------------------------

def _window_refusal(ballot: Ballot, now) -> DomainError | None:
    if ballot.state == BallotState.DRAFT:
        return DomainError("This ballot is not open yet.", code="not_open")
    if ballot.state != BallotState.OPEN:
        closed_at = ballot.closed_at or ballot.closes_at
        return DomainError(f"Voting on this ballot closed at {fmt_utc(closed_at)}"
                           f" (status: {ballot.get_state_display().lower()}); the cast was refused.", code="closed")
    if ballot.opens_at and now < ballot.opens_at:
        return DomainError(f"Voting opens at {fmt_utc(ballot.opens_at)}; the cast was refused.", code="not_open")
    if now >= ballot.closes_at:
        return DomainError(f"Voting closed at {fmt_utc(ballot.closes_at)}; casts after the close are refused.",
                           code="closed")
    return None


def _eligibility_refusal(ballot: Ballot, member, actor, *, eligible: bool | None = None) -> DomainError | None:
    if not is_focal_point_of(actor, member):
        return PermissionDenied(f"You are not a focal point of {member}, so you cannot vote on its behalf.")
    if eligible is None:
        eligible = ballot.eligible.filter(organization=member).exists()
    if not eligible:
        return PermissionDenied(f"{member} is not eligible to vote on this ballot "
                                f"(eligibility: {ballot.get_eligibility_display()}).", code="ineligible")
    return None


def normalize_choices(ballot: Ballot, choices, *, option_ids=None) -> list[int]:
    """Validate the submitted option ids for the ballot's method; raise DomainError (400) naming the problem."""
    if not isinstance(choices, list | tuple):
        raise DomainError("Choices must be a list of option ids.", field="choices")
    ids = []
    for value in choices:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise DomainError(f"{value!r} is not an option id.", field="choices") from None
    if not ids:
        raise DomainError("Choose at least one option.", field="choices")
    if len(set(ids)) != len(ids):
        raise DomainError("An option appears more than once in the choices.", field="choices")
    valid = set(ballot.options.values_list("id", flat=True) if option_ids is None else option_ids)
    foreign = [i for i in ids if i not in valid]
    if foreign:
        raise DomainError(f"Option id(s) {', '.join(map(str, foreign))} do not belong to this ballot.", field="choices")
    if ballot.method == BallotMethod.SINGLE and len(ids) != 1:
        raise DomainError(f"This is a single-choice ballot: choose exactly one option, not {len(ids)}.", field="choices")
    if ballot.method == BallotMethod.APPROVAL and len(ids) > ballot.max_choices:
        raise DomainError(f"This approval ballot allows at most {ballot.max_choices} choices; {len(ids)} were submitted.",
                          field="choices")
    return ids


def _head(ballot_id: int, locked_head=None) -> tuple[int, str]:
    """(seq, entry_hash) of the last log entry, read under the lock; (0, genesis) for an empty log."""
    if locked_head is None:
        locked_head = CastLog.objects.filter(ballot_id=ballot_id).order_by("-seq").values_list("seq", "entry_hash").first()
    if locked_head is None or locked_head[0] is None:
        return 0, chain.genesis_hash(ballot_id)
    return locked_head


def _append(ballot: Ballot, *, kind: str, member, actor, now, head, choices=(), salt="", digest="",
            reason: str = "") -> CastLog:
    """Insert the next log entry. `salt`/`digest` are computed before the lock (they do not depend on it)."""
    seq, prev_hash = head
    entry = CastLog(
        ballot=ballot,
        seq=seq + 1,
        kind=kind,
        organization=member,
        user=_user(actor),
        user_label=actor.get_username() if _user(actor) else str(actor),
        at=now,
        choices=list(choices),
        salt=salt,
        choice_digest=digest,
        reason=reason,
        prev_hash=prev_hash,
    )
    entry.entry_hash = chain.entry_hash(entry)
    entry.save(force_insert=True)
    return entry


def _set_current(ballot: Ballot, member, actor, choices: list[int], entry: CastLog, now) -> None:
    """One statement: INSERT … ON CONFLICT (ballot, organization) DO UPDATE. The UNIQUE constraint decides."""
    row = CurrentBallot(ballot=ballot, organization=member, choices=choices, cast_by=_user(actor), cast_at=now,
                        log_entry=entry)
    CurrentBallot.objects.bulk_create([row], update_conflicts=True, unique_fields=["ballot", "organization"],
                                      update_fields=["choices", "cast_by", "cast_at", "log_entry"])


def _precheck(ballot: Ballot, member, actor, choices) -> tuple[DomainError | None, list[int]]:
    """Checks that do not need the lock: the electorate and the options never change once the ballot is open.

    One query: the ballot's option ids, each row carrying whether `member` is in the frozen electorate.
    """
    rows = list(BallotOption.objects.filter(ballot_id=ballot.pk).order_by()
                .annotate(member_eligible=Exists(EligibleOrganization.objects.filter(ballot_id=ballot.pk,
                                                                                     organization=member)))
                .values_list("id", "member_eligible"))
    eligible = bool(rows) and rows[0][1]
    refusal = _eligibility_refusal(ballot, member, actor, eligible=eligible)
    if refusal is not None:
        return refusal, []
    try:
        return None, normalize_choices(ballot, choices, option_ids=[pk for pk, _ in rows])
    except DomainError as exc:
        return exc, []


@contextlib.contextmanager
def _writer_queue():
    """SQLite only: queue cast transactions on an OS file lock next to the database.

    SQLite's busy handler polls with growing sleeps (up to 100 ms), so under many concurrent writers a waiting
    cast can sleep long after the lock is free. flock() waiters are woken by the kernel as soon as it is
    released. Correctness does not depend on this (BEGIN IMMEDIATE still serialises); it only shortens waits.
    """
    name = connection.settings_dict.get("NAME")
    if connection.vendor != "sqlite" or connection.in_atomic_block or not name or ":memory:" in str(name) \
            or "mode=memory" in str(name):
        # Inside a caller's transaction the queue could deadlock against SQLite's own lock; that caller's
        # transaction serialises anyway.
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    with open(f"{name}.cast-lock", "a") as handle:  # a new open file description per call: excludes threads too
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# What the serialised section needs to re-read about the ballot (state, window, method), nothing more.
_LOCKED_FIELDS = ("id", "state", "opens_at", "closes_at", "closed_at", "method", "max_choices")


def _lock_ballot(ballot_id: int) -> tuple[Ballot, tuple[int, str] | None]:
    """Lock the ballot row and, where it is safe, read the log head in the same statement.

    SQLite: the transaction already holds the database write lock (BEGIN IMMEDIATE), so one statement reads
    the ballot and the head of its log. PostgreSQL: SELECT … FOR UPDATE waits for the previous cast, but a
    subquery in that statement would still see the snapshot taken before the wait (READ COMMITTED), so the
    head is read by a second statement after the lock is held (None here).
    """
    rows = Ballot.objects.only(*_LOCKED_FIELDS).filter(pk=ballot_id)
    if connection.vendor == "sqlite":
        last = CastLog.objects.filter(ballot_id=OuterRef("pk")).order_by("-seq")
        ballot = rows.annotate(head_seq=Subquery(last.values("seq")[:1]),
                               head_hash=Subquery(last.values("entry_hash")[:1])).get()
        return ballot, (ballot.head_seq, ballot.head_hash)
    return rows.select_for_update().get(), None


def ballot_cast(*, ballot: Ballot, member, choices, actor) -> CastLog:
    """Cast (or replace) `member`'s ballot. Returns the log entry; its entry_hash is the receipt.

    Refusals (closed, ineligible, tampered choices) are logged in the chain too, then raised.
    Eligibility and choices are checked, and the salted choice digest computed, before taking the lock
    (eligibility and options are frozen while the ballot is open); under the lock only the state, the clock,
    the method and the log head are read, then the entry is inserted and the current ballot upserted.
    """
    if member is None:
        raise PermissionDenied("Only focal points of member organizations can vote.")
    refusal, ids = _precheck(ballot, member, actor, choices)
    salt = chain.new_salt()
    digest = chain.choice_digest(salt, ids)
    for attempt in range(3):
        try:
            with _writer_queue(), transaction.atomic():
                locked, head = _lock_ballot(ballot.pk)
                now = timezone.now()
                window = _window_refusal(locked, now)
                if window is not None:
                    refusal = window
                elif refusal is None and (locked.method, locked.max_choices) != (ballot.method, ballot.max_choices):
                    refusal, ids = _precheck(locked, member, actor, choices)  # the method changed meanwhile
                    digest = chain.choice_digest(salt, ids)
                head = _head(locked.pk, head)
                if refusal is not None:
                    entry = _append(locked, kind=CastKind.REFUSED, member=member, actor=actor, now=now, head=head,
                                    reason=refusal.message)
                else:
                    entry = _append(locked, kind=CastKind.CAST, member=member, actor=actor, now=now, head=head,
                                    choices=ids, salt=salt, digest=digest)
                    _set_current(locked, member, actor, ids, entry, now)
            break
        except IntegrityError:
            if attempt == 2:
                raise
            logger.warning("ballot %s: log position taken concurrently, retrying", ballot.pk)
    if refusal is not None:
        raise refusal
    return entry
