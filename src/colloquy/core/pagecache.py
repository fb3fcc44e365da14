"""Whole-page cache for anonymous visitors, keyed by the record version (core/records.py).

Key: record version + language + time-zone cookie + scheme, host, path and query + the htmx request headers.
Every input a cached page can depend on for an anonymous visitor is in it, and a write moves the version on,
so a write is visible on the next request (the proof is in records.py).

Looked up only for a GET or HEAD of a page (not the API, the admin or files) whose cookies are all in ALLOWED_COOKIES (a session cookie means a signed-in or
stateful visitor, a messages cookie a pending message: such requests always reach the view) and that has no
Authorization header. Stored only from a GET answered 200, not streamed, that set no cookie, left the session and
the message queue untouched, says nothing of private/no-store, and varies on nothing outside the key.

CSRF tokens. Every page embeds one (base.html: htmx's X-CSRFToken header, the language and logout forms). A page
must never hand one visitor's token to another, so before storing, each masked token of this visitor's secret in
the body is replaced by a placeholder, and on every hit the placeholder becomes a fresh token of *that* visitor's
secret (`get_token`; CsrfViewMiddleware then sets their cookie as usual). A body that still holds this visitor's
secret in any other form is not stored.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import CSRF_SECRET_LENGTH, _unmask_cipher_token, get_token
from django.utils.cache import cc_delim_re

from colloquy.core import records

PLACEHOLDER = b"\x00colloquy-csrf\x00"
ALLOWED_COOKIES = {"tz"}  # and the CSRF and language cookies (settings), added in allowed_cookies()
VARY_IN_KEY = {"cookie", "accept-language", "hx-request", "hx-target", "hx-trigger", "hx-trigger-name",
               "hx-current-url", "hx-boosted", "hx-history-restore-request"}
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % (2 * CSRF_SECRET_LENGTH))
# Seconds. Writes invalidate through the version; the timeout bounds what no write changes: the passing of time
# (a deadline shown as "closes in 2 days", the split between upcoming and past events) is at most this old.
TIMEOUT = 60


def allowed_cookies() -> set[str]:
    return ALLOWED_COOKIES | {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


SKIP_PREFIXES = ("/api/", "/admin/", "/static/", "/media/")  # programs, the secretariat, files: pages only


def cacheable_request(request) -> bool:
    return (request.method in ("GET", "HEAD") and "HTTP_AUTHORIZATION" not in request.META
            and not request.path_info.startswith(SKIP_PREFIXES) and set(request.COOKIES) <= allowed_cookies())


def cache_key(request, version: str) -> str:
    hx = sorted((k, v) for k, v in request.META.items() if k.startswith("HTTP_HX_"))
    parts = [version, getattr(request, "LANGUAGE_CODE", ""), request.COOKIES.get("tz", ""), request.scheme,
             request.get_host(), request.get_full_path(), repr(hx)]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def mask_tokens(request, body: bytes, *, asked: bool = True) -> bytes | None:
    """`body` with this visitor's CSRF tokens replaced by the placeholder; None if it cannot be made safe.
    asked=False: no token was asked for while rendering, so there is none to look for. Used for whole pages here
    and for fragments (fragments.py)."""
    if PLACEHOLDER in body:
        return None
    secret = request.META.get("CSRF_COOKIE")
    if not asked or not secret:
        return body
    body = _TOKEN.sub(lambda m: PLACEHOLDER if _unmask_cipher_token(m.group().decode()) == secret else m.group(), body)
    return None if secret.encode() in body else body


def fill_tokens(request, body: bytes) -> bytes:
    """A stored body with a fresh token of this visitor's secret where the placeholder stands."""
    return body.replace(PLACEHOLDER, get_token(request).encode()) if PLACEHOLDER in body else body


def _template_body(request, response) -> bytes | None:
    return mask_tokens(request, response.content, asked=bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")))


def storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= VARY_IN_KEY


class PageCacheMiddleware:
    """Place after CsrfViewMiddleware, AuthenticationMiddleware, MessageMiddleware and LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE", True) or not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request, records.version())
        entry = self.cache.get(key)
        if entry is not None:
            return self._rebuild(request, entry)
        response = self.get_response(request)
        if not request.user.is_authenticated and storable(request, response):
            body = _template_body(request, response)
            if body is not None:
                headers = [(k, v) for k, v in response.items() if k.lower() not in ("content-length",)]
                self.cache.set(key, (response.status_code, headers, body), TIMEOUT)
        return response

    def _rebuild(self, request, entry) -> HttpResponse:
        status, headers, body = entry
        body = fill_tokens(request, body)
        response = HttpResponse(body if request.method == "GET" else b"", status=status)
        for name, value in headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(body))
        return response
