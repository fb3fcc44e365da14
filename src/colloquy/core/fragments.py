"""Cached page fragments for every visitor, signed in or not, keyed by the record version and the audience.

The whole-page cache (pagecache.py) serves anonymous visitors only. Signed-in pages differ by who looks, so this
caches the expensive parts of a page (the panels of the event and country pages, the outcomes dashboard, the lists)
and leaves what is the visitor's own (the user menu, messages, CSRF tokens) to every request.

Key: record version + audience + language + time zone + today's date + scheme, host, path and query + the htmx
request headers + the fragment's name and parts. Why it is correct:
- Data: the version moves on every write, in this process at once and in the database for other processes
  (records.py has the proof). The version is read before the fragment is rendered, so no fragment rendered from
  data older than a write can be found after it: a write is visible on the next request.
- Visitor: a fragment may depend on the visitor only through `access.audience(user)` (anonymous, secretariat,
  the focal point of one organization, or another signed-in user): that is all the access predicates decide on,
  and every `visible_to(user)` of the record is built from them. A cached fragment must therefore not show the user
  themselves (name, e-mail, their messages): the callers in this project were checked for it, and
  test_fragments.py renders them for two visitors of one audience.
- CSRF: a fragment may hold a form. Before storing, each masked token of this visitor's secret is replaced by a
  placeholder, which every hit fills with a fresh token of *that* visitor's secret; a fragment that still holds the
  secret in another form is not stored.
- Time: what no write changes (a deadline "in 2 days", today's membership of a forum) is at most TIMEOUT seconds
  old, as for anonymous pages; the date is in the key so that a new day never reads yesterday's fragments.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from colloquy.core import pagecache, records
from colloquy.core.access import audience

TIMEOUT = pagecache.TIMEOUT


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE", True)


def key(request, name: str, parts=()) -> str:
    hx = sorted((k, v) for k, v in request.META.items() if k.startswith("HTTP_HX_"))
    fields = [records.version(), audience(getattr(request, "user", None)), translation.get_language() or "",
              timezone.get_current_timezone_name(), timezone.localdate().isoformat(), request.scheme,
              request.get_host(), request.get_full_path(), repr(hx), name, repr(tuple(parts))]
    return "fragment:" + hashlib.sha256("\n".join(fields).encode()).hexdigest()


def _storable(request, html: str) -> str | None:
    """`html` with this visitor's CSRF tokens replaced by the placeholder (the page cache's masking, pagecache.py);
    None if it cannot be made safe."""
    masked = pagecache.mask_tokens(request, html.encode())
    return None if masked is None else masked.decode()


def _filled(request, html: str) -> str:
    return pagecache.fill_tokens(request, html.encode()).decode()


def cached(request, name: str, parts, render: Callable[[], str]) -> SafeString:
    """The fragment `render()` makes for this request, from the cache when this audience already had it.

    `render` must return HTML that depends on the request only through the key's inputs (see the module text)."""
    if not enabled():
        return mark_safe(render())  # the caller's autoescaped template output
    cache = caches[getattr(settings, "FRAGMENT_CACHE_ALIAS", "default")]
    cache_key = key(request, name, parts)
    html = cache.get(cache_key)
    if html is None:
        html = render()
        stored = _storable(request, html)
        if stored is not None:
            cache.set(cache_key, stored, TIMEOUT)
        return mark_safe(html)  # as above
    return mark_safe(_filled(request, html))  # stored from render() above
