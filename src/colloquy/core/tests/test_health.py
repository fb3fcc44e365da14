"""/healthz: the database, free disk space and the apps' own checks; 503 when one fails; reachable over http."""

import pytest
from django.apps import apps
from django.db import OperationalError, connection

from colloquy.core import health


def test_healthz_reports_the_database_and_free_disk_space(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": connection.vendor}
    disk = body["checks"]["disk"]
    assert disk["ok"] is True and set(disk["free_mb"]) == {"var", "media"}
    assert all(mb > 0 for mb in disk["free_mb"].values())
    assert "no-cache" in response["Cache-Control"] and not response.cookies


def test_healthz_fails_when_free_disk_space_is_under_the_threshold(client, db, settings):
    settings.COLLOQUY_MIN_FREE_MB = 10**12
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail" and response.json()["checks"]["disk"]["ok"] is False


class Unreachable:
    vendor = "postgresql"

    def cursor(self):
        raise OperationalError("connection refused to db.internal:5432")


def test_healthz_fails_when_the_database_does_not_answer(client, db, monkeypatch):
    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    check = response.json()["checks"]["database"]
    assert check["ok"] is False and check["error"] == "OperationalError"
    assert "db.internal" not in response.content.decode()  # the public answer names no host


@pytest.mark.parametrize(("hook", "expected"), [
    (lambda: {"tasks": {"ok": True, "queued": 0}}, 200),
    (lambda: {"tasks": {"ok": False, "oldest_queued_s": 900}}, 503),
    (lambda: 1 / 0, 503),
])
def test_healthz_includes_the_checks_other_apps_register(client, db, monkeypatch, hook, expected):
    monkeypatch.setattr(apps.get_app_config("audit"), "health_checks", hook, raising=False)
    response = client.get("/healthz")
    assert response.status_code == expected
    checks = response.json()["checks"]
    assert "tasks" in checks or checks["audit"] == {"ok": False, "error": "ZeroDivisionError"}


def test_healthz_is_exempt_from_the_https_redirect_that_every_page_gets(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
