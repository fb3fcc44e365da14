import functools
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation


@functools.cache
def known_zones() -> frozenset[str]:
    """The IANA zone names this system knows (read once per process)."""
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None for anything else. The cookie is the client's to write: only a known zone
    name reaches ZoneInfo, which would otherwise open a file by that name (a directory such as "Europe", a name
    too long for the file system or holding a NUL raise OSError or ValueError, depending on the platform)."""
    if not name or len(name) > 64 or name not in known_zones():
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


class TimezoneMiddleware:
    """Show times in the viewer's zone: the user's setting, else the `tz` cookie set by the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(getattr(request, "user", None), "timezone", "") or request.COOKIES.get("tz", "")
        zone = zone_named(name)
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


class ApiLanguageMiddleware:
    """`?lang=fr` on an API call picks the language of the returned titles and texts (docs/translation.md).

    Without it, LocaleMiddleware (before this one) has already chosen from the language cookie or the
    Accept-Language header. Placed before the page cache, whose key holds request.LANGUAGE_CODE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.GET.get("lang", "") if request.path_info.startswith("/api/") else ""
        if lang in {code for code, _name in settings.LANGUAGES}:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)
