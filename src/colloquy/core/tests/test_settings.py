import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0].lower() == "wal"
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_switches_to_postgresql(tmp_path):
    code = ("import os; os.environ['DATABASE_URL']='postgres://u@127.0.0.1:5432/x'; "
            "from colloquy import settings as s; print(s.DATABASES['default']['ENGINE'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"COLLOQUY_VAR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR.parent)})
    assert out.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.parametrize(("url", "age"), [("", ""), ("", "0"), ("postgres://u@127.0.0.1:5432/x", ""),
                                          ("postgres://u@127.0.0.1:5432/x", "0")])
def test_database_connections_persist_for_a_minute_unless_configured(tmp_path, url, age):
    code = ("import os, json; from colloquy import settings as s; d = s.DATABASES['default']; "
            "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))")
    env = {"COLLOQUY_VAR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR.parent)}
    env |= {"DATABASE_URL": url} if url else {}
    env |= {"COLLOQUY_DB_CONN_MAX_AGE": age} if age else {}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == ("[0, true]" if age == "0" else "[60, true]")


@pytest.mark.slow
def test_cli_wraps_management_commands_with_hyphens(tmp_path):
    out = subprocess.run([sys.executable, "-m", "colloquy", "import-events", "--help"], capture_output=True, text=True,
                         env={"COLLOQUY_VAR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR.parent)})
    assert out.returncode == 0
    assert "Import events from a CSV" in out.stdout


def test_reference_data_survives_a_flush_between_transactional_tests(transactional_db):
    from colloquy.reference.models import GcmObjective, SdgTarget

    assert GcmObjective.objects.count() == 23
    assert SdgTarget.objects.filter(code="10.7").exists()
