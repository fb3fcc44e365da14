"""API authentication: a bearer token (focal points' scripts), or the browser session."""

import datetime
import functools

from django.db import connection
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from colloquy.accounts.lockout import token_check_failed, token_check_locked
from colloquy.accounts.models import ApiToken, User
from colloquy.core.errors import DomainError
from colloquy.core.rows import RowLoader
from colloquy.core.writes import sqlite_write_queue
from colloquy.directory.models import Organization


@functools.cache
def _token_lookup(vendor: str):
    """One fixed statement: the active token by key hash, its user and the user's organization (LEFT JOIN).

    Every token-authenticated request runs it, and compiling the equivalent ORM query (three models,
    select_related) cost more CPU than the rest of the lookup, so it is built once from the models' metadata.
    """
    quote = connection.ops.quote_name
    loaders = [RowLoader(ApiToken, "t"), RowLoader(User, "u"), RowLoader(Organization, "o")]
    user_fk = quote(ApiToken._meta.get_field("user").column)
    org_fk = quote(User._meta.get_field("organization").column)
    sql = (f"SELECT {', '.join(loader.columns for loader in loaders)} FROM {quote(ApiToken._meta.db_table)} t "
           f"JOIN {quote(User._meta.db_table)} u ON u.id = t.{user_fk} "
           f"LEFT JOIN {quote(Organization._meta.db_table)} o ON o.id = u.{org_fk} "
           f"WHERE t.{quote(ApiToken._meta.get_field('key_hash').column)} = %s "
           f"AND t.{quote(ApiToken._meta.get_field('revoked_at').column)} IS NULL")
    return sql, loaders


def token_with_user(key: str) -> ApiToken | None:
    """The active token for `key` with .user and .user.organization loaded (same objects select_related gives)."""
    sql, loaders = _token_lookup(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [ApiToken.hash_key(key)])
        row = cursor.fetchone()
    if row is None:
        return None
    instances, start = [], 0
    for loader in loaders:
        instances.append(loader.load(row[start:start + loader.width]))
        start += loader.width
    token, user, organization = instances
    ApiToken._meta.get_field("user").set_cached_value(token, user)
    User._meta.get_field("organization").set_cached_value(user, organization)
    return token


_RECORD_USE_POSTGRES = ("UPDATE {table} SET {column} = %s FROM (SELECT set_config('synchronous_commit', 'off', true)) "
                        "AS no_flush_wait WHERE {table}.id = %s")


def record_use(token: ApiToken, now) -> None:
    """Note the token's last use: bookkeeping, whose loss in a crash is harmless, so no request waits on it.

    PostgreSQL: one statement in its own transaction, committed without waiting for the WAL flush
    (set_config(…, is_local) lasts to that transaction's commit, which reads synchronous_commit). Votes are
    never written this way: their acknowledgement must be durable. SQLite: queued with the casts on the
    writers' file lock instead of polling in SQLite's busy handler (core.writes).
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        quote = connection.ops.quote_name
        sql = _RECORD_USE_POSTGRES.format(table=quote(ApiToken._meta.db_table),
                                          column=quote(ApiToken._meta.get_field("last_used_at").column))
        with connection.cursor() as cursor:
            cursor.execute(sql, [now, token.pk])
    else:
        with sqlite_write_queue():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


class TooManyFailedTokens(DomainError):
    status = 429

    def __init__(self):
        super().__init__("Too many requests with a wrong API token from this address; try again later, or ask "
                         "the secretariat to lift the lockout.", code="locked-out")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        # A client that sent too many wrong tokens is refused before any lookup (accounts/lockout.py).
        if token_check_locked(request):
            raise TooManyFailedTokens()
        token_row = token_with_user(token)
        if token_row is None or not token_row.user.is_active:
            token_check_failed(request)
            return None
        now = timezone.now()
        # At most one write a minute per token: a write per request would contend for SQLite's lock.
        if token_row.last_used_at is None or now - token_row.last_used_at > datetime.timedelta(minutes=1):
            record_use(token_row, now)
        request.user = token_row.user
        return token_row.user


def api_user(request):
    """The caller for public endpoints: a token's user, the session user, or anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = TokenAuth().authenticate(request, header.split(" ", 1)[1].strip())
        if user is not None:
            return user
    return request.user


# Use on endpoints that need a signed-in caller: a bearer token or a browser session (with CSRF).
authenticated = [TokenAuth(), django_auth]
