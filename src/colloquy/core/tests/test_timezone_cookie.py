"""The `tz` cookie is the client's to write (issue 15, finding 5): any value is ignored or used, never a 500."""

import zoneinfo

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from colloquy.core.middleware import TimezoneMiddleware

HOSTILE = ["Europe", "x" * 300, "Europe/Paris\x00", "a\x00b", "../../etc/passwd", "/etc/localtime", "Europe/",
           "", "  ", "Étoile/Ciel", "America/../Europe/Paris"]


def _zone_seen(cookie: str) -> str:
    request = RequestFactory().get("/")
    request.COOKIES["tz"] = cookie
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse("ok")

    TimezoneMiddleware(view)(request)
    return seen["zone"]


@pytest.mark.parametrize("cookie", HOSTILE)
def test_a_hostile_tz_cookie_is_ignored(cookie):
    assert _zone_seen(cookie) == "UTC"


def test_a_known_zone_is_used():
    assert _zone_seen("Africa/Accra") == "Africa/Accra"
    assert _zone_seen("America/Argentina/Buenos_Aires") == "America/Argentina/Buenos_Aires"


def test_a_platform_where_opening_a_zone_raises_oserror_still_serves_the_page(client, db, monkeypatch):
    """Where the zone files are on disk, ZoneInfo("Europe") opens a directory: IsADirectoryError (an OSError)."""
    real = zoneinfo.ZoneInfo

    def opening(name):
        if name in ("Europe", "x" * 300):
            raise IsADirectoryError(21, "Is a directory", name)
        return real(name)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", opening)
    for cookie in ("Europe", "x" * 300):
        client.cookies["tz"] = cookie
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("cookie", ["Europe", "x" * 300, "a\x01b"])
def test_pages_answer_whatever_the_cookie(client, db, cookie):
    client.cookies["tz"] = cookie
    assert client.get("/events/").status_code == 200
