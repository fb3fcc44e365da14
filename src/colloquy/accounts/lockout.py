"""Login lockouts (django-axes): what counts, who is told, and how the secretariat lifts one.

Web and admin logins go through Django's `authenticate()`, which axes watches (its backend refuses a locked
client, its signal handler counts failures). The API's bearer-token check does not call `authenticate()`, so
`TokenAuth` asks `token_check_locked()` first and reports a bad token with `token_check_failed()`; those
failures count per client address only, since a token names no user.

Every lockout is written to the audit log once per cool-off, and lifting one (`lockout_lift`, used by
`colloquy unlock` and the admin) is audited with the secretariat officer who did it.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction

from colloquy.audit import log as audit
from colloquy.core import counters
from colloquy.core.access import require_secretariat

API_TOKEN = "api-token"  # the `credentials` key that marks a bearer-token check


def lockout_parameters(request, credentials=None):
    """AXES_LOCKOUT_PARAMETERS: a username locks on its own (whatever address tries it) and an address locks on
    its own (whatever usernames it tries); a token check only by address."""
    if credentials and credentials.get(API_TOKEN):
        return ["ip_address"]
    return ["username", "ip_address"]


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or behind COLLOQUY_TRUSTED_PROXIES proxies the address the outermost
    trusted proxy saw (the N-th entry from the right of X-Forwarded-For); anything the client sends further
    left is its own claim and is ignored."""
    proxies = settings.COLLOQUY_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies][:45]
    return request.META.get("REMOTE_ADDR", "")[:45]


def token_check_locked(request) -> bool:
    return not AxesProxyHandler.is_allowed(request, {API_TOKEN: True})


def token_check_failed(request) -> None:
    """Count a wrong or revoked bearer token against the client's address (axes' own failure handler)."""
    user_login_failed.send(sender=__name__, credentials={API_TOKEN: True}, request=request)


def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Receiver of axes' `user_locked_out`: one audit entry per locked username or address per cool-off
    (axes sends the signal again on every refused attempt during the lockout)."""
    who = f"username {username!r}" if username else "no username (API token)"
    key = f"lockout-audited:{username or ''}:{ip_address or ''}"
    if counters.first(key, seconds=int(settings.AXES_COOLOFF_TIME.total_seconds())):
        audit.record(actor=None, action="login.locked-out",
                     note=f"{who} from {ip_address or 'an unknown address'} after "
                          f"{settings.AXES_FAILURE_LIMIT} failed attempts; {request.path if request else ''}")


def lockout_lift(*, username: str | None = None, ip_address: str | None = None, actor) -> int:
    """Lift the lockout of a username or an address (either or both); returns how many records were removed.

    Only the secretariat may do it; the lift is audited with the officer's name."""
    require_secretariat(actor)
    if not username and not ip_address:
        return 0
    with transaction.atomic():
        removed = reset(ip=ip_address or None, username=username or None)
        audit.record(actor=actor, action="login.unlocked",
                     note=f"username {username!r}" if username else f"address {ip_address}")
    return removed


def attempts_lift(*, attempts, actor) -> int:
    """The admin's "Lift the lockout": delete the selected AccessAttempt rows, one audit entry each."""
    require_secretariat(actor)
    removed = 0
    with transaction.atomic():
        for attempt in attempts:
            audit.record(actor=actor, action="login.unlocked",
                         note=f"username {attempt.username!r} from {attempt.ip_address} "
                              f"({attempt.failures_since_start} failures)")
            attempt.delete()
            removed += 1
    return removed

