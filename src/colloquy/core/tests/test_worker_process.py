"""A real `colloquy worker` process killed with SIGKILL in the middle of a task: the task's half-done transaction
leaves nothing, the next worker queues it again and completes it once (core/worker.py, docs/tasks.md)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from colloquy.core import tasks
from colloquy.core.models import ScheduledRun
from colloquy.core.tests import sample_tasks

SRC = Path(__file__).resolve().parents[3]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def worker_env(var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_TEST_NAME"}
    env.update(DJANGO_SETTINGS_MODULE="colloquy.settings", DATABASE_URL=database_url(), COLLOQUY_TASKS="database",
               COLLOQUY_VAR=str(var), COLLOQUY_SEMANTIC="0", PYTHONPATH=str(SRC))
    if connection.vendor == "postgresql" and connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_a_worker_killed_mid_task_leaves_nothing_half_written_and_the_next_worker_completes_it_once(
        transactional_db, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    marker = tmp_path / "first-write-done"
    queued = tasks.enqueue_now(sample_tasks.write_twice, "killed", str(marker), 120.0)
    env = worker_env(tmp_path)
    command = [sys.executable, "-m", "colloquy", "worker", "--no-schedule", "--interval", "0.2"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: marker.exists() or first.poll() is not None, 180, "the first write")
        assert first.poll() is None, first.stderr.read().decode()
        assert DBTaskResult.objects.get(id=queued.id).status == "RUNNING"
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        first.stderr.close()
    assert not ScheduledRun.objects.filter(name__startswith="killed-").exists()  # the first write was rolled back
    assert DBTaskResult.objects.get(id=queued.id).status == "RUNNING"  # as the dead worker left it

    second = subprocess.run([*command[:-2], "--batch"], env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    done = DBTaskResult.objects.get(id=queued.id)
    assert done.status == "SUCCESSFUL" and done.return_value == 2
    assert len(done.worker_ids) == 2  # two attempts: the killed one and the one that finished
    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == ["killed-1", "killed-2"]  # once, whole
