import importlib.util

import pytest
from django.core import checks
from django.db import connection

from colloquy.core import sqlite


@pytest.mark.parametrize(("version", "expected"), [
    ((3, 6, 23), False), ((3, 7, 0), True), ((3, 40, 1), True), ((3, 51, 2), True), ((3, 51, 3), False),
    ((3, 53, 4), False),
])
def test_the_wal_reset_bug_range_is_3_7_0_to_3_51_2(version, expected):
    assert sqlite.affected(version) is expected


def test_an_affected_sqlite_gives_a_warning_naming_its_version_and_an_error_under_deploy(monkeypatch):
    monkeypatch.setattr(sqlite, "_sqlite_in_use", lambda: True)
    monkeypatch.setattr(sqlite, "library_version", lambda: (3, 40, 1))
    warnings = sqlite.check_version()
    errors = sqlite.check_version_deploy()
    assert [w.id for w in warnings] == ["colloquy.W001"]
    assert "SQLite 3.40.1" in warnings[0].msg and "pysqlite3" in warnings[0].hint
    assert [e.id for e in errors] == ["colloquy.E001"] and errors[0].level == checks.ERROR


def test_a_fixed_sqlite_or_postgresql_passes_the_check(monkeypatch):
    monkeypatch.setattr(sqlite, "_sqlite_in_use", lambda: True)
    monkeypatch.setattr(sqlite, "library_version", lambda: (3, 53, 4))
    assert sqlite.check_version() == [] and sqlite.check_version_deploy() == []
    monkeypatch.setattr(sqlite, "library_version", lambda: (3, 40, 1))
    monkeypatch.setattr(sqlite, "_sqlite_in_use", lambda: False)  # PostgreSQL
    assert sqlite.check_version() == [] and sqlite.check_version_deploy() == []


def test_sqlite_in_use_reads_the_configured_engines():
    assert sqlite._sqlite_in_use() is (connection.vendor == "sqlite")


@pytest.mark.skipif(importlib.util.find_spec("pysqlite3") is None, reason="the pysqlite3 wheel is not installed")
@pytest.mark.django_db
def test_django_runs_on_the_bundled_sqlite_when_pysqlite3_is_installed(settings):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL run")
    if settings.SQLITE_LIBRARY != "pysqlite3":
        import pysqlite3.dbapi2  # only to say why it was not used

        assert not all(hasattr(pysqlite3.dbapi2.Connection, n) for n in sqlite._django_needs())
        pytest.skip("this pysqlite3 lacks a method this Django calls (Connection.getlimit on Django 6)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()")
        (version,) = cursor.fetchone()
    assert not sqlite.affected(tuple(int(p) for p in version.split(".")))
    assert connection.Database.__name__.startswith("pysqlite3")
