"""Uploads per organization per minute are limited (issue 15, rate limits): past the limit a 429 names it."""

import time_machine
from django.test import override_settings

from colloquy.ingest.tests.test_api import staff, upload  # noqa: F401 (staff is a fixture)


@override_settings(COLLOQUY_RATE_LIMITS={"cast": 2, "upload": 2})
def test_uploads_beyond_the_limit_are_refused_with_429(client, staff, fixture_bytes):  # noqa: F811
    data = fixture_bytes("note-synthetic.txt")
    with time_machine.travel("2026-06-01 09:00:05Z", tick=False):  # all three in one minute
        assert upload(client, "extract", "note.txt", data, staff).status_code == 200
        assert upload(client, "extract", "note.txt", data, staff).status_code == 200
        refused = upload(client, "extract", "note.txt", data, staff)
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate-limited"
    assert "at most 2 a minute" in refused.json()["detail"]
