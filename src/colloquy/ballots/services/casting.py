"""Casting: one current ballot per organization, every cast and refusal in the hash-chained log.

Casting serialises on the ballot row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
take the write lock at BEGIN, queued on an flock), because each log entry chains to the one before it. The
single current ballot per organization is the database's UNIQUE constraint, used as the conflict target of an
upsert; a rare IntegrityError (a log position taken concurrently) retries the whole transaction.

The ballot row also carries the head of the chain (log_seq, log_head), moved with every entry, so the lock and
the head are one read. On PostgreSQL an accepted cast is a single statement run on its own (_CAST_POSTGRES):
no BEGIN/COMMIT round trips while the row is locked. Everything else (SQLite, refusals, a method changed
meanwhile) takes the general path: one transaction.

This is the hot path of the voting day (see docs/benchmarks-ballots.md). ORM query compilation was the largest
CPU cost per cast, so the statements of a cast — the pre-lock eligibility/options read, the read under the lock
and the writes — are fixed SQL built from the models' metadata (values prepared by the model fields,
parameters bound by the driver). Refusal entries are saved through the ORM.
"""

import contextlib
import functools
import json
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
from colloquy.core.rows import RowLoader
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


def _head(locked: Ballot) -> tuple[int, str]:
    """(seq, entry_hash) of the last log entry, from the ballot row read under the lock; genesis when empty."""
    return locked.log_seq, locked.log_head or chain.genesis_hash(locked.pk)


_ADVANCE = "UPDATE {ballot} SET log_seq = %s, log_head = %s WHERE id = %s"


def _advance_head(entry: CastLog) -> None:
    """Move the ballot's chain head to `entry` (same transaction as the entry's insert)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(_ADVANCE), [entry.seq, entry.entry_hash, entry.ballot_id])


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
    _advance_head(entry)
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
    organization). Then the ballot's chain head moves to the entry."""
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
        cursor.execute(_sql(_ADVANCE), [entry.seq, entry.entry_hash, entry.ballot_id])
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


def _lock_ballot(ballot_id: int) -> Ballot:
    """Lock the ballot row and read it, with the head of its log (one statement).

    SQLite: the transaction already holds the database write lock (BEGIN IMMEDIATE). PostgreSQL: SELECT … FOR
    UPDATE waits for the previous cast and then returns the row as that cast left it (READ COMMITTED re-reads
    a locked row), head included.
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        return Ballot.objects.select_for_update().get(pk=ballot_id)
    loader = _ballot_rows(connection.vendor)
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {loader.columns} FROM {Ballot._meta.db_table} b WHERE b.id = %s{lock}", [ballot_id])
        return loader.load(cursor.fetchone())


@functools.cache
def _ballot_rows(vendor: str) -> RowLoader:
    return RowLoader(Ballot, "b")


# PostgreSQL: a whole cast in one statement, run on its own (autocommit): lock the ballot row (waiting for the
# previous cast, then re-reading the row as it left it, chain head included), check state, window and method
# on that row, compute the entry hash from the head, insert the log entry, upsert the current ballot on
# UNIQUE (ballot, organization) and move the head. No rows back = a refusal or a change meanwhile; the caller
# then takes the general path, which logs it. `{hash}` is sha256 over the entry's canonical JSON, assembled
# around the two values only the locked row knows (seq, prev_hash); see _hash_sql.
_CAST_POSTGRES = """WITH b AS (
    SELECT id, log_seq, log_head FROM {ballot}
    WHERE id = %s AND state = %s AND method = %s AND max_choices = %s
      AND (opens_at IS NULL OR opens_at <= %s) AND closes_at > %s
    FOR UPDATE
), n AS (
    SELECT id, log_seq + 1 AS seq, COALESCE(NULLIF(log_head, ''), %s) AS prev FROM b
), h AS (
    SELECT id, seq, prev, {hash} AS hash FROM n
), e AS (
    INSERT INTO {log} (ballot_id, seq, kind, organization_id, user_id, user_label, at, choices, salt, choice_digest,
                       reason, prev_hash, entry_hash)
    SELECT id, seq, %s, %s::bigint, %s::bigint, %s, %s::timestamptz, %s::jsonb, %s, %s, '', prev, hash FROM h
    RETURNING id, seq, prev_hash, entry_hash
), c AS (
    INSERT INTO {current} (ballot_id, organization_id, choices, cast_by_id, cast_at, log_entry_id)
    SELECT %s::bigint, %s::bigint, %s::jsonb, %s::bigint, %s::timestamptz, id FROM e
    ON CONFLICT (ballot_id, organization_id) DO UPDATE SET choices = EXCLUDED.choices, cast_by_id = EXCLUDED.cast_by_id,
        cast_at = EXCLUDED.cast_at, log_entry_id = EXCLUDED.log_entry_id
), u AS (
    UPDATE {ballot} SET log_seq = h.seq, log_head = h.hash FROM h WHERE {ballot}.id = h.id
)
SELECT id, seq, prev_hash, entry_hash FROM e"""

_SEQ, _PREV = "\ue000seq\ue000", "\ue000prev\ue000"  # private-use code points stand in for the unknown values


def _hash_sql(entry: CastLog) -> tuple[str, list[str]] | None:
    """SQL computing chain.entry_hash(entry) from the locked row's `seq` and `prev`, with its parameters.

    The canonical JSON is built by chain.entry_payload itself with stand-ins for seq and prev_hash, then cut
    around them, so the database hashes exactly the bytes Python would. None if a stand-in does not occur
    exactly once (e.g. a user name containing one): the caller then uses the general path.
    """
    payload = chain.entry_payload(entry) | {"seq": _SEQ, "prev_hash": _PREV}
    text = chain.canonical(payload).decode()
    tokens = {'"' + _SEQ + '"': "n.seq::text", _PREV: "n.prev"}  # seq is a JSON number: its quotes go too
    if any(text.count(token) != 1 for token in tokens) or text.count(_SEQ) != 1 or text.count(_PREV) != 1:
        return None
    order = sorted(tokens, key=text.index)
    parts, params, rest = [], [], text
    for token in order:
        before, rest = rest.split(token, 1)
        parts += ["%s::text", tokens[token]]
        params.append(before)
    parts.append("%s::text")
    params.append(rest)
    return f"encode(sha256(convert_to(concat({', '.join(parts)}), 'UTF8')), 'hex')", params


def _cast_in_one_statement(ballot: Ballot, member, actor, ids: list[int], salt: str, digest: str) -> CastLog | None:
    """PostgreSQL: the cast as one statement (see _CAST_POSTGRES); the stored entry, or None (general path)."""
    now = timezone.now()
    entry = _new_entry(ballot, kind=CastKind.CAST, member=member, actor=actor, now=now, head=(0, ""), choices=ids,
                       salt=salt, digest=digest)
    hashing = _hash_sql(entry)
    if hashing is None:
        return None
    hash_sql, hash_params = hashing
    sql = _CAST_POSTGRES.format(ballot=Ballot._meta.db_table, log=CastLog._meta.db_table,
                                current=CurrentBallot._meta.db_table, hash=hash_sql)
    choices = json.dumps(ids)
    params = [ballot.pk, BallotState.OPEN, ballot.method, ballot.max_choices, now, now,
              chain.genesis_hash(ballot.pk), *hash_params,
              CastKind.CAST, member.pk, entry.user_id, entry.user_label, now, choices, salt, digest,
              ballot.pk, member.pk, choices, entry.user_id, now]
    try:
        # In a caller's transaction a savepoint keeps a failure from aborting it; on its own the statement is
        # its own transaction (no BEGIN/COMMIT round trips while the ballot row is locked).
        savepoint = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
    except IntegrityError:
        logger.warning("ballot %s: one-statement cast hit a constraint, taking the general path", ballot.pk)
        return None
    if row is None:
        return None
    entry.pk, entry.seq, entry.prev_hash, entry.entry_hash = row
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


def ballot_cast(*, ballot: Ballot, member, choices, actor) -> CastLog:
    """Cast (or replace) `member`'s ballot. Returns the log entry; its entry_hash is the receipt.

    Refusals (closed, ineligible, tampered choices) are logged in the chain too, then raised.
    Eligibility and choices are checked, and the salted choice digest computed, before taking the lock
    (eligibility and options are frozen while the ballot is open); under the lock only the state, the clock,
    the method and the log head are read, then the entry is inserted, the current ballot upserted and the
    head moved. On PostgreSQL an accepted cast is one statement (_cast_in_one_statement); anything else
    (a refusal, a method changed meanwhile, another backend) takes the general path below.
    """
    if member is None:
        raise PermissionDenied("Only focal points of member organizations can vote.")
    refusal, ids = _precheck(ballot, member, actor, choices)
    salt = chain.new_salt()
    digest = chain.choice_digest(salt, ids)
    if refusal is None and connection.vendor == "postgresql":
        entry = _cast_in_one_statement(ballot, member, actor, ids, salt, digest)
        if entry is not None:
            return entry
    for attempt in range(3):
        try:
            with sqlite_write_queue(), transaction.atomic():
                locked = _lock_ballot(ballot.pk)
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
