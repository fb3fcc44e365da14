"""The fixed SQL of the cast path, for SQLite and PostgreSQL (the two supported databases).

Why it exists: casting is the hot path of a voting day, and compiling ORM queries was the largest CPU cost per
cast while the ballot row is locked (docs/benchmarks-ballots.md). So the statements of a cast (the pre-lock
options/eligibility read, the ballot row read under the lock, the log insert, the current-ballot upsert, the
move of the chain head) are written here once, from the models' metadata: table and column names come from
`_meta`, values are prepared by the model fields and bound by the driver; no user input reaches the SQL text.
On PostgreSQL an accepted cast is one statement run on its own (CAST_POSTGRES). The rules (who may cast, what
a valid choice is, refusals) stay in services/casting.py; the tests that pin these statements are marked `perf`.
"""

import contextlib
import functools
import json
import logging

from django.db import IntegrityError, connection, transaction

from colloquy.ballots import chain
from colloquy.ballots.models import (
    Ballot,
    BallotOption,
    BallotState,
    CastKind,
    CastLog,
    CurrentBallot,
    EligibleOrganization,
)
from colloquy.core.rows import RowLoader

logger = logging.getLogger(__name__)


def _sql(template: str) -> str:
    """Fill table names from the models' metadata (no user input ever reaches these strings)."""
    return template.format(ballot=Ballot._meta.db_table, option=BallotOption._meta.db_table,
                           eligible=EligibleOrganization._meta.db_table, log=CastLog._meta.db_table)


@functools.cache
def _ballot_rows(vendor: str) -> RowLoader:
    return RowLoader(Ballot, "b")


def read_ballot(pk: int, *, lock: bool = False) -> Ballot | None:
    """The ballot row alone (a fixed statement), or None.

    lock=True, inside the cast transaction: SQLite already holds the database write lock (BEGIN IMMEDIATE);
    PostgreSQL's SELECT … FOR UPDATE waits for the previous cast and then returns the row as that cast left it
    (READ COMMITTED re-reads a locked row), chain head included.
    """
    loader = _ballot_rows(connection.vendor)
    suffix = " FOR UPDATE" if lock and connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {loader.columns} FROM {Ballot._meta.db_table} b WHERE b.id = %s{suffix}", [pk])
        return loader.load(cursor.fetchone())


def visible_ballot_row(user, pk: int) -> Ballot | None:
    """The ballot `pk` if `user` may see it (Ballot.is_visible_to), read with read_ballot: the cast endpoint's
    lookup, without compiling an ORM query per request."""
    ballot = read_ballot(pk)
    if ballot is None or not ballot.is_visible_to(user):
        return None
    return ballot


_OPTIONS_AND_ELIGIBILITY = """SELECT o.id, EXISTS(SELECT 1 FROM {eligible} e WHERE e.ballot_id = %s AND e.organization_id = %s)
FROM {option} o WHERE o.ballot_id = %s"""


def options_and_eligibility(ballot_id: int, organization_id: int) -> tuple[list[int], bool]:
    """The ballot's option ids, and whether the organization is in its frozen electorate (one statement)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(_OPTIONS_AND_ELIGIBILITY), [ballot_id, organization_id, ballot_id])
        rows = cursor.fetchall()
    return [pk for pk, _ in rows], bool(rows) and bool(rows[0][1])


_ADVANCE = "UPDATE {ballot} SET log_seq = %s, log_head = %s WHERE id = %s"


def advance_head(entry: CastLog) -> None:
    """Move the ballot's chain head to `entry` (same transaction as the entry's insert)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(_ADVANCE), [entry.seq, entry.entry_hash, entry.ballot_id])


def _columns(model, obj, skip=()) -> tuple[list[str], list]:
    """Column names and database-ready values of a new row (defaults and pre_save applied, as save() would)."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skip:
            continue
        names.append(connection.ops.quote_name(field.column))
        values.append(field.get_db_prep_save(field.pre_save(obj, add=True), connection))
    return names, values


def append_and_set_current(entry: CastLog, row: CurrentBallot) -> None:
    """Insert the log entry and upsert the current ballot (INSERT … ON CONFLICT (ballot, organization) DO
    UPDATE: the UNIQUE constraint decides), then move the ballot's chain head to the entry."""
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


# PostgreSQL: a whole cast in one statement, run on its own (autocommit): lock the ballot row (waiting for the
# previous cast, then re-reading the row as it left it, chain head included), check state, window and method
# on that row, compute the entry hash from the head, insert the log entry, upsert the current ballot on
# UNIQUE (ballot, organization) and move the head. No rows back = a refusal or a change meanwhile; the caller
# then takes the general path, which logs it. `{hash}` is sha256 over the entry's canonical JSON, assembled
# around the two values only the locked row knows (seq, prev_hash); see _hash_sql.
CAST_POSTGRES = """WITH b AS (
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
                       reason, prev_hash, entry_hash, seal)
    SELECT id, seq, %s, %s::bigint, %s::bigint, %s, %s::timestamptz, %s::jsonb, %s, %s, '', prev, hash, %s FROM h
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


def cast_in_one_statement(ballot: Ballot, entry: CastLog) -> CastLog | None:
    """PostgreSQL: store the accepted cast `entry` (built for `ballot` with a placeholder head) as one statement
    (CAST_POSTGRES). The stored entry, or None: the caller then takes the general path."""
    hashing = _hash_sql(entry)
    if hashing is None:
        return None
    hash_sql, hash_params = hashing
    sql = CAST_POSTGRES.format(ballot=Ballot._meta.db_table, log=CastLog._meta.db_table,
                               current=CurrentBallot._meta.db_table, hash=hash_sql)
    choices = json.dumps(entry.choices)
    now, member_id = entry.at, entry.organization_id
    params = [ballot.pk, BallotState.OPEN, ballot.method, ballot.max_choices, now, now,
              chain.genesis_hash(ballot.pk), *hash_params,
              CastKind.CAST, member_id, entry.user_id, entry.user_label, now, choices, entry.salt, entry.choice_digest,
              entry.seal, ballot.pk, member_id, choices, entry.user_id, now]
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
