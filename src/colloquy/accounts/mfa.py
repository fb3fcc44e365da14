"""A second factor for sign-in (django-otp): a time-based code from an authenticator app (TOTP, RFC 6238), with
ten single-use recovery codes for a lost phone.

- Anyone may turn it on from their account page (`mfa_setup_begin`, then `mfa_setup_confirm` with a first code).
- `COLLOQUY_MFA_SECRETARIAT = "required"` makes it compulsory for secretariat staff, who are then sent to set it
  up before any other page (accounts/middleware.py); "optional" (the default) leaves it to each person.
- Once a person has a confirmed device, a password alone opens nothing: after the password, the session must
  pass `mfa_verify` (django-otp records the device in the session; `request.user.is_verified()`).
- Wrong codes slow down (django-otp's throttling doubles the wait after each failure), and a refused code is
  never said to be "almost right".
- The secretariat resets a person's second factor (`mfa_reset`, `colloquy mfa-reset`), audited like every
  change here.

API bearer tokens are a separate credential and are not asked for a code; a browser session on the API is
(the middleware answers 401 until the session is verified).
"""

import base64
import functools

import segno
from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext
from django_otp import device_classes
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from colloquy.audit import log as audit
from colloquy.core.access import is_secretariat, require_secretariat
from colloquy.core.errors import DomainError

RECOVERY_CODES = 10
APP_DEVICE = "authenticator app"
RECOVERY_DEVICE = "recovery codes"


class MfaError(DomainError):
    """A second-factor step that cannot be done (wrong code, nothing to confirm)."""


def is_enabled(user) -> bool:
    """Whether the person has a confirmed device of any installed kind, in one query (a UNION ALL of each kind's
    table; django-otp's `user_has_device` asks each table in turn). Run on every signed-in request that is not
    already verified (accounts/middleware.py), so it is never cached: a device set up elsewhere gates the next
    request of every other session."""
    if not getattr(user, "is_authenticated", False):
        return False
    sql, per_kind = _device_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, True] * per_kind)
        return cursor.fetchone() is not None


@functools.cache
def _device_sql(vendor: str) -> tuple[str, int]:
    """The SQL of `is_enabled`, built once per process from the installed device models: building the same
    query through the ORM on every request cost more than running it."""
    quote = connection.ops.quote_name
    kinds = [f"SELECT 1 FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.get_field('user').column)} = %s "
             f"AND {quote(model._meta.get_field('confirmed').column)} = %s" for model in device_classes()]
    return f"SELECT 1 FROM ({' UNION ALL '.join(kinds)}) AS devices LIMIT 1", len(kinds)


def is_required(user) -> bool:
    """Whether this person must have a second factor before using the site."""
    return settings.COLLOQUY_MFA_SECRETARIAT == "required" and is_secretariat(user)


def pending_device(user) -> TOTPDevice:
    """The person's unconfirmed authenticator device, made on first call (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def mfa_setup_begin(*, user) -> TOTPDevice:
    if is_enabled(user):
        raise MfaError(gettext("A second factor is already on; turn it off or ask the secretariat to reset it first."))
    return pending_device(user)


def secret_of(device: TOTPDevice) -> str:
    """The key as an authenticator app's "enter a setup key" field wants it: base32, in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def setup_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI of the QR code, labelled with the issuer (settings.OTP_TOTP_ISSUER) and username."""
    return device.config_url


def setup_qr_svg(device: TOTPDevice) -> str:
    """The QR code of `setup_uri` as an inline SVG element (no script, no style attribute: the CSP allows it)."""
    return segno.make(setup_uri(device), error="m").svg_inline(scale=5, dark="#000", light="#fff",
                                                               title="QR code")


def _clean(token: str) -> str:
    return "".join((token or "").split()).lower()


def _recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def mfa_setup_confirm(*, request, token: str) -> list[str]:
    """Confirm the pending authenticator with its first code; returns the recovery codes (shown once).

    The session counts as verified from here on."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise MfaError(gettext("There is no authenticator waiting to be confirmed; start the setup again."))
    allowed, _ = device.verify_is_allowed()
    if not allowed or not device.verify_token(_clean(token)):
        raise MfaError(gettext("That code is not the one the app shows now. Check the phone's clock and try the "
                       "newest code."))
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _recovery_codes(user)
        audit.record(actor=user, action="mfa.enabled", target=user)
    otp_login(request, device)
    return codes


def mfa_recovery_renew(*, request) -> list[str]:
    """New recovery codes; the old ones stop working. Only from a verified session."""
    if not request.user.is_verified():
        raise MfaError(gettext("Sign in with your second factor first."))
    with transaction.atomic():
        codes = _recovery_codes(request.user)
        audit.record(actor=request.user, action="mfa.recovery-renewed", target=request.user)
    return codes


def mfa_verify(*, request, token: str) -> None:
    """Check the code typed after the password: the app's code, or one of the recovery codes (used up)."""
    user = request.user
    token = _clean(token)
    if not token:
        raise MfaError(gettext("Enter the six-digit code from your authenticator app, or a recovery code."))
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise MfaError(gettext("Too many wrong codes. Wait a minute, then try the newest code."))
        if device.verify_token(token):
            otp_login(request, device)
            return
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            audit.record(actor=user, action="mfa.recovery-code-used", target=user,
                         note=f"{device.token_set.count()} recovery codes left")
            return
    raise MfaError(gettext("That code is not right. Use the newest code the app shows, or a recovery code."))


def mfa_disable(*, request) -> None:
    """Turn one's own second factor off (not allowed where it is required)."""
    user = request.user
    if is_required(user):
        raise MfaError(gettext("Secretariat accounts must keep a second factor here."))
    if not user.is_verified():
        raise MfaError(gettext("Sign in with your second factor first."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.record(actor=user, action="mfa.disabled", target=user)


def mfa_reset(*, user, actor) -> int:
    """The secretariat removes a person's second factor (a lost phone and no recovery code left); audited.
    Returns how many devices were removed. The person sets a new one up at next sign-in where it is required."""
    require_secretariat(actor)
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
        audit.record(actor=actor, action="mfa.reset", target=user, note=f"{removed} device(s) removed")
    return removed


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
