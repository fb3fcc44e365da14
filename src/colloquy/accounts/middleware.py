"""Account security on every signed-in request: session lifetimes, and the second factor (accounts/mfa.py).

- **Lifetimes.** A session ends after `COLLOQUY_SESSION_IDLE_MINUTES` without a request (default 8 hours) and
  `COLLOQUY_SESSION_MAX_HOURS` after sign-in whatever the activity (default 7 days). The last-seen time is
  written at most once a minute, so a busy page does not write the session on every request.
- **Second factor.** A person with a confirmed device whose session has not passed the code is sent to the code
  page; a secretariat officer without a device where `COLLOQUY_MFA_SECRETARIAT = "required"` is sent to set one
  up. Under /api/ a session (not a bearer token) in that state gets a JSON 401 instead of a redirect.

Only the pages needed to finish (the code and setup pages, sign-out, language, static files, health) stay open.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from colloquy.accounts import mfa

SIGNED_IN_AT = "colloquy_signed_in_at"
SEEN_AT = "colloquy_seen_at"
SEEN_WRITE_EVERY = 60  # seconds


def stamp_sign_in(sender, request, user, **kwargs):
    """Receiver of `user_logged_in`: the start of the session's absolute lifetime."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def _open_paths():
    return (reverse("accounts:mfa-verify"), reverse("accounts:mfa-setup"), reverse("accounts:logout"),
            reverse("set_language"), settings.STATIC_URL, "/healthz")


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                logout(request)
                messages.info(request, expired)
                return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
            refused = self._second_factor(request, user)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _expired(self, request) -> str | None:
        session = request.session
        now = int(time.time())
        signed_in = session.get(SIGNED_IN_AT)
        seen = session.get(SEEN_AT)
        if signed_in is None:  # a session from before this middleware: start its clocks now
            session[SIGNED_IN_AT] = session[SEEN_AT] = now
            return None
        if now - signed_in > settings.COLLOQUY_SESSION_MAX_HOURS * 3600:
            return _("Your session has ended (signed in too long ago). Please sign in again.")
        if seen is not None and now - seen > settings.COLLOQUY_SESSION_IDLE_MINUTES * 60:
            return _("Your session has ended after a period without activity. Please sign in again.")
        if seen is None or now - seen >= SEEN_WRITE_EVERY:
            session[SEEN_AT] = now
        return None

    def _second_factor(self, request, user):
        """Cheapest first, as each step only lets a request through: a verified session needs no device query,
        and the open pages (four `reverse()`) are looked up only for a request about to be sent away."""
        if request.path.startswith("/api/") and request.headers.get("Authorization", "").lower().startswith("bearer "):
            return None  # a token is its own credential (docs/security.md)
        if user.is_verified():  # a confirmed device of this user, loaded by django-otp: no need to ask again
            return None
        if mfa.is_enabled(user):
            target, message = "accounts:mfa-verify", _("Second factor required.")
        elif mfa.is_required(user):
            target, message = "accounts:mfa-setup", _("Set up a second factor first.")
        else:
            return None
        if request.path.startswith(_open_paths()):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=401)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
