"""Casting: one current ballot per organization, every cast and refusal in the hash-chained log.

Casting serialises on the ballot row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
take the write lock at BEGIN, queued on an flock), because each log entry chains to the one before it. The
single current ballot per organization is the database's UNIQUE constraint, used as the conflict target of an
upsert; a rare IntegrityError (a log position taken concurrently) retries the whole transaction.

This is the hot path of the voting day (see docs/benchmarks-ballots.md). ORM query compilation was the largest
CPU cost per cast, so the statements of a cast — the pre-lock eligibility/options read, the read under the lock
and the two writes — are fixed SQL built from the models' metadata (values prepared by the model fields,
parameters bound by the driver). Refusals and other backends use the ORM.
"""

import contextlib
import logging

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from colloquy.ballots import chain
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
from colloquy.ballots.services.ballots import _user, fmt_utc
from colloquy.core.access import is_focal_point_of
from colloquy.core.errors import DomainError, PermissionDenied

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


_HEAD = "SELECT seq, entry_hash FROM {log} WHERE ballot_id = %s ORDER BY seq DESC LIMIT 1"


def _head(ballot_id: int, locked_head=None) -> tuple[int, str]:
    """(seq, entry_hash) of the last log entry, read under the lock; (0, genesis) for an empty log."""
    if locked_head is None:
        with connection.cursor() as cursor:
            cursor.execute(_sql(_HEAD), [ballot_id])
            locked_head = cursor.fetchone()
    if locked_head is None or locked_head[0] is None:
        return 0, chain.genesis_hash(ballot_id)
    return int(locked_head[0]), locked_head[1]


def _new_entry(ballot: Ballot, *, kind: str, member, actor, now, head, choices=(), salt="", digest="",
               reason: str = "") -> CastLog:
    """The next log entry, hashed, not saved. `salt`/`digest` are computed before the lock."""
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
    return entry


def _append(ballot: Ballot, **fields) -> CastLog:
    """Insert the next log entry (see _new_entry for the arguments)."""
    entry = _new_entry(ballot, **fields)
    entry.save(force_insert=True)
    return entry


def _columns(model, obj, skip=()) -> tuple[list[str], list]:
    """Column names and database-ready values of a new row (defaults and pre_save applied, as save() would)."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skip:
            continue
        names.append(connection.ops.quote_name(field.column))
        values.append(field.get_db_prep_save(field.pre_save(obj, add=True), connection))
    return names, values


def _append_and_set_current(entry: CastLog, row: CurrentBallot) -> None:
    """Insert the log entry and upsert the current ballot with fixed SQL (no ORM compilation while the lock is
    held). Same rows and constraints as _append + _set_current; the conflict target is UNIQUE (ballot,
    organization). PostgreSQL: one statement (WITH … INSERT … ON CONFLICT), one round trip. SQLite: two."""
    quote = connection.ops.quote_name
    log_columns, log_values = _columns(CastLog, entry)
    current_columns, current_values = _columns(CurrentBallot, row, skip=("log_entry",))
    link = quote(CurrentBallot._meta.get_field("log_entry").column)
    conflict = [quote(CurrentBallot._meta.get_field(name).column) for name in ("ballot", "organization")]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*current_columns, link] if c not in conflict)
    insert_log = (f"INSERT INTO {quote(CastLog._meta.db_table)} ({', '.join(log_columns)}) "
                  f"VALUES ({', '.join(['%s'] * len(log_values))})")
    upsert = (f"INSERT INTO {quote(CurrentBallot._meta.db_table)} ({', '.join(current_columns)}, {link}) "
              f"VALUES ({', '.join(['%s'] * len(current_values))}, {{entry}}) "
              f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"WITH e AS ({insert_log} RETURNING id) " + upsert.format(entry="(SELECT id FROM e)")
                           + f" RETURNING {link}", log_values + current_values)
            entry.pk = cursor.fetchone()[0]
        else:
            cursor.execute(insert_log, log_values)
            entry.pk = cursor.lastrowid
            cursor.execute(upsert.format(entry="%s"), [*current_values, entry.pk])
    entry._state.adding = False
    entry._state.db = connection.alias


def _current_row(ballot: Ballot, member, actor, choices: list[int], entry: CastLog, now) -> CurrentBallot:
    return CurrentBallot(ballot=ballot, organization=member, choices=choices, cast_by=_user(actor), cast_at=now,
                         log_entry=entry)


def _set_current(ballot: Ballot, member, actor, choices: list[int], entry: CastLog, now) -> None:
    """One statement: INSERT … ON CONFLICT (ballot, organization) DO UPDATE. The UNIQUE constraint decides."""
    row = _current_row(ballot, member, actor, choices, entry, now)
    CurrentBallot.objects.bulk_create([row], update_conflicts=True, unique_fields=["ballot", "organization"],
                                      update_fields=["choices", "cast_by", "cast_at", "log_entry"])


def _sql(template: str) -> str:
    """Fill table names from the models' metadata (no user input ever reaches these strings)."""
    return template.format(ballot=Ballot._meta.db_table, option=BallotOption._meta.db_table,
                           eligible=EligibleOrganization._meta.db_table, log=CastLog._meta.db_table)


_OPTIONS_AND_ELIGIBILITY = """SELECT o.id, EXISTS(SELECT 1 FROM {eligible} e WHERE e.ballot_id = %s AND e.organization_id = %s)
FROM {option} o WHERE o.ballot_id = %s"""


def _precheck(ballot: Ballot, member, actor, choices) -> tuple[DomainError | None, list[int]]:
    """Checks that do not need the lock: the electorate and the options never change once the ballot is open.

    One statement: the ballot's option ids, each row carrying whether `member` is in the frozen electorate.
    """
    with connection.cursor() as cursor:
        cursor.execute(_sql(_OPTIONS_AND_ELIGIBILITY), [ballot.pk, member.pk, ballot.pk])
        rows = cursor.fetchall()
    eligible = bool(rows) and bool(rows[0][1])
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


# The read under the lock: what can change while the ballot is open (state, window, method), nothing more.
_LOCKED_COLUMNS = "b.id, b.state, b.opens_at, b.closes_at, b.closed_at, b.method, b.max_choices"
_LOCK_SQLITE = ("SELECT " + _LOCKED_COLUMNS + ", h.seq AS head_seq, h.entry_hash AS head_hash FROM {ballot} b "
                "LEFT JOIN (SELECT seq, entry_hash FROM {log} WHERE ballot_id = %s ORDER BY seq DESC LIMIT 1) h ON 1 = 1 "
                "WHERE b.id = %s")
_LOCK_POSTGRES = "SELECT " + _LOCKED_COLUMNS + " FROM {ballot} b WHERE b.id = %s FOR UPDATE"


def _lock_ballot(ballot_id: int) -> tuple[Ballot, tuple[int, str] | None]:
    """Lock the ballot row and, where it is safe, read the log head in the same statement.

    SQLite: the transaction already holds the database write lock (BEGIN IMMEDIATE), so one statement reads
    the ballot and the head of its log. PostgreSQL: SELECT … FOR UPDATE waits for the previous cast, but a
    subquery in that statement would still see the snapshot taken before the wait (READ COMMITTED), so the
    head is read by a second statement after the lock is held (None here).
    """
    if connection.vendor == "sqlite":
        ballot = next(iter(Ballot.objects.raw(_sql(_LOCK_SQLITE), [ballot_id, ballot_id])))
        return ballot, (ballot.head_seq, ballot.head_hash)
    if connection.vendor == "postgresql":
        return next(iter(Ballot.objects.raw(_sql(_LOCK_POSTGRES), [ballot_id]))), None
    return Ballot.objects.select_for_update().only("id", "state", "opens_at", "closes_at", "closed_at", "method",
                                                   "max_choices").get(pk=ballot_id), None


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
                    cast = {"kind": CastKind.CAST, "member": member, "actor": actor, "now": now, "head": head,
                            "choices": ids, "salt": salt, "digest": digest}
                    if connection.vendor in ("postgresql", "sqlite"):
                        entry = _new_entry(locked, **cast)
                        _append_and_set_current(entry, _current_row(locked, member, actor, ids, entry, now))
                    else:
                        entry = _append(locked, **cast)
                        _set_current(locked, member, actor, ids, entry, now)
            break
        except IntegrityError:
            if attempt == 2:
                raise
            logger.warning("ballot %s: log position taken concurrently, retrying", ballot.pk)
    if refusal is not None:
        raise refusal
    return entry
