"""Casting: one current ballot per organization, every cast and refusal in the hash-chained log.

Casting serialises on the ballot row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
take the write lock at BEGIN, queued on an flock), because each log entry chains to the one before it. The
single current ballot per organization is the database's UNIQUE constraint, used as the conflict target of an
upsert; a rare IntegrityError (a log position taken concurrently) retries the whole transaction.

The ballot row also carries the head of the chain (log_seq, log_head), moved with every entry, so the lock and
the head are one read. On PostgreSQL an accepted cast is a single statement run on its own: no BEGIN/COMMIT
round trips while the row is locked. Everything else (SQLite, refusals, a method changed meanwhile) takes the
general path: one transaction.

The statements of a cast are fixed SQL in services/cast_sql.py (why: see there); this module holds the rules.
Refusal entries are saved through the ORM.
"""

import logging

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from colloquy.ballots import chain
from colloquy.ballots.keys import ballot_key
from colloquy.ballots.models import Ballot, BallotMethod, BallotState, CastKind, CastLog, CurrentBallot
from colloquy.ballots.services import cast_sql
from colloquy.ballots.services.ballots import fmt_utc
from colloquy.ballots.services.refusals import OFF_CHAIN_CODES, record_off_chain
from colloquy.core.access import acting_user, is_focal_point_of
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.writes import sqlite_write_queue

logger = logging.getLogger(__name__)


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
        eligible = ballot.has_elector(member)
    if not eligible:
        return PermissionDenied(f"{member} is not eligible to vote on this ballot "
                                f"(eligibility: {ballot.get_eligibility_display()}).", code="ineligible")
    return None


def normalize_choices(ballot: Ballot, choices, *, option_ids=None) -> list[int]:
    """Validate the submitted option ids for the ballot's method; raise DomainError (400) naming the problem.

    Messages are bounded whatever was sent (they go into the cast log): they say how many ids were wrong,
    never which, and never echo a submitted value.
    """
    if not isinstance(choices, list | tuple):
        raise DomainError("Choices must be a list of option ids.", field="choices")
    if not choices:
        raise DomainError("Choose at least one option.", field="choices", code="no_choice")
    valid = set(ballot.options.values_list("id", flat=True) if option_ids is None else option_ids)
    if len(choices) > len(valid):
        raise DomainError(f"{len(choices)} choices were submitted; this ballot has {len(valid)} options.",
                          field="choices")
    ids = []
    for value in choices:
        if isinstance(value, bool):
            raise DomainError("A choice is not an option id (option ids are whole numbers).", field="choices")
        try:
            ids.append(int(value))
        except (TypeError, ValueError, OverflowError):
            raise DomainError("A choice is not an option id (option ids are whole numbers).", field="choices") from None
    if len(set(ids)) != len(ids):
        raise DomainError("An option appears more than once in the choices.", field="choices")
    foreign = sum(1 for i in ids if i not in valid)
    if foreign:
        raise DomainError(f"{foreign} of the submitted option ids do not belong to this ballot.", field="choices")
    if ballot.method == BallotMethod.SINGLE and len(ids) != 1:
        raise DomainError(f"This is a single-choice ballot: choose exactly one option, not {len(ids)}.", field="choices")
    if ballot.method == BallotMethod.APPROVAL and len(ids) > ballot.max_choices:
        raise DomainError(f"This approval ballot allows at most {ballot.max_choices} choices; {len(ids)} were submitted.",
                          field="choices")
    return ids


def _head(locked: Ballot) -> tuple[int, str]:
    """(seq, entry_hash) of the last log entry, from the ballot row read under the lock; genesis when empty."""
    return locked.log_seq, locked.log_head or chain.genesis_hash(locked.pk)


def _new_entry(ballot: Ballot, *, kind: str, member, actor, now, head, choices=(), salt="", digest="",
               reason: str = "") -> CastLog:
    """The next log entry, hashed, not saved. `salt`/`digest` are computed before the lock."""
    seq, prev_hash = head
    entry = CastLog(
        ballot=ballot,
        seq=seq + 1,
        kind=kind,
        organization=member,
        user=acting_user(actor),
        user_label=actor.get_username() if acting_user(actor) else str(actor),
        at=now,
        choices=list(choices),
        salt=salt,
        choice_digest=digest,
        reason=reason,
        prev_hash=prev_hash,
    )
    entry.entry_hash = chain.entry_hash(entry)
    entry.seal = chain.entry_seal(entry, ballot_key())
    return entry


def _append(ballot: Ballot, **fields) -> CastLog:
    """Insert the next log entry (see _new_entry for the arguments)."""
    entry = _new_entry(ballot, **fields)
    entry.save(force_insert=True)
    cast_sql.advance_head(entry)
    return entry


def _current_row(ballot: Ballot, member, actor, choices: list[int], entry: CastLog, now) -> CurrentBallot:
    return CurrentBallot(ballot=ballot, organization=member, choices=choices, cast_by=acting_user(actor), cast_at=now,
                         log_entry=entry)


def _precheck(ballot: Ballot, member, actor, choices) -> tuple[DomainError | None, list[int]]:
    """Checks that do not need the lock: the electorate and the options never change once the ballot is open.

    One statement: the ballot's option ids and whether `member` is in the frozen electorate.
    """
    option_ids, eligible = cast_sql.options_and_eligibility(ballot.pk, member.pk)
    refusal = _eligibility_refusal(ballot, member, actor, eligible=eligible)
    if refusal is not None:
        return refusal, []
    try:
        return None, normalize_choices(ballot, choices, option_ids=option_ids)
    except DomainError as exc:
        return exc, []


def ballot_cast(*, ballot: Ballot, member, choices, actor) -> CastLog:
    """Cast (or replace) `member`'s ballot. Returns the log entry; its entry_hash is the receipt.

    Refusals of an eligible organization's cast (closed, invalid choices) are logged in the chain too, then
    raised; refusals of organizations outside the electorate are recorded apart, rate-limited
    (services/refusals.py); "no choice made" is not logged at all.
    Eligibility and choices are checked, and the salted choice digest computed, before taking the lock
    (eligibility and options are frozen while the ballot is open); under the lock only the state, the clock,
    the method and the log head are read, then the entry is inserted, the current ballot upserted and the
    head moved. On PostgreSQL an accepted cast is one statement (cast_sql.cast_in_one_statement); anything else
    (SQLite, a refusal, a method changed meanwhile) takes the general path below.
    """
    if member is None:
        raise PermissionDenied("Only focal points of member organizations can vote.")
    refusal, ids = _precheck(ballot, member, actor, choices)
    if refusal is not None and refusal.code in OFF_CHAIN_CODES:
        record_off_chain(ballot=ballot, member=member, actor=actor, refusal=refusal)
        raise refusal
    if refusal is not None and refusal.code == "no_choice":
        raise refusal
    salt = chain.new_salt()
    digest = chain.choice_digest(salt, ids)
    if refusal is None and connection.vendor == "postgresql":
        draft = _new_entry(ballot, kind=CastKind.CAST, member=member, actor=actor, now=timezone.now(), head=(0, ""),
                           choices=ids, salt=salt, digest=digest)
        entry = cast_sql.cast_in_one_statement(ballot, draft)
        if entry is not None:
            return entry
    for attempt in range(3):
        try:
            with sqlite_write_queue(), transaction.atomic():
                locked = cast_sql.read_ballot(ballot.pk, lock=True)
                now = timezone.now()
                window = _window_refusal(locked, now)
                if window is not None:
                    refusal = window
                elif refusal is None and (locked.method, locked.max_choices) != (ballot.method, ballot.max_choices):
                    refusal, ids = _precheck(locked, member, actor, choices)  # the method changed meanwhile
                    digest = chain.choice_digest(salt, ids)
                head = _head(locked)
                if refusal is not None:
                    entry = _append(locked, kind=CastKind.REFUSED, member=member, actor=actor, now=now, head=head,
                                    reason=refusal.message)
                else:
                    entry = _new_entry(locked, kind=CastKind.CAST, member=member, actor=actor, now=now, head=head,
                                       choices=ids, salt=salt, digest=digest)
                    cast_sql.append_and_set_current(entry, _current_row(locked, member, actor, ids, entry, now))
            break
        except IntegrityError:
            if attempt == 2:
                raise
            logger.warning("ballot %s: log position taken concurrently, retrying", ballot.pk)
    if refusal is not None:
        raise refusal
    return entry
