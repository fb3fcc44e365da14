"""The same queue on Redis through RQ (COLLOQUY_TASKS=rq): enqueued after the commit, run by `colloquy worker`.
Needs the Redis at 127.0.0.1:6379 (database 15, emptied): skipped when it is unreachable, except in CI, where
.ci/run starts it and a missing Redis is a failure."""

import os

import pytest
from django.conf import settings as django_settings
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import transaction

from colloquy.core import mail, tasks
from colloquy.core.management.commands.worker import Command as WorkerCommand
from colloquy.core.models import ScheduledRun
from colloquy.core.tests import sample_tasks

# One xdist worker runs this module (`make test-fast`, --dist loadgroup): each test empties Redis database 15.
pytestmark = pytest.mark.xdist_group("redis")


@pytest.fixture
def rq_queue(settings, monkeypatch):
    import django_rq
    import redis

    url = django_settings.RQ_QUEUES["default"]["URL"]
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {url} ({exc}); .ci/run starts it")
        pytest.skip(f"Redis is not reachable at {url}")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # Jobs run in this process (a forked work horse would share the test's database connection).
    monkeypatch.setattr(WorkerCommand, "rq_worker_class", "rq.worker.SimpleWorker")
    # No command channel: RQ's pubsub thread reads with a 60 s timeout (rq/rq#2228), and a batch worker that
    # quits while that read holds the connection waits out the rest of it (60 s stalls seen in this module).
    # The tests send no worker command; enqueueing and running jobs do not use the channel.
    monkeypatch.setattr("rq.worker.SimpleWorker.subscribe", lambda worker: None)
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    assert not tasks.in_database()
    yield queue
    queue.connection.flushdb()


def run_worker():
    call_command("worker", "--batch", "--no-schedule", verbosity=0)


def test_a_task_goes_to_redis_after_the_commit_and_the_worker_runs_it(transactional_db, rq_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.enqueue(sample_tasks.write_twice, "rolled-back")
        raise RuntimeError("the change fails")
    assert rq_queue.count == 0
    with transaction.atomic():
        tasks.enqueue(sample_tasks.write_twice, "on-redis")
        assert rq_queue.count == 0  # not before the commit
    assert rq_queue.count == 1
    queued = tasks.enqueue_now(sample_tasks.write_twice, "by-id")
    run_worker()
    assert rq_queue.count == 0
    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == ["by-id-1", "by-id-2", "on-redis-1",
                                                                           "on-redis-2"]
    done = tasks.result(queued.id)
    assert done.status == tasks.TaskResultStatus.SUCCESSFUL and done.return_value == 2


def test_an_email_is_delivered_through_redis(transactional_db, rq_queue):
    with transaction.atomic():
        mail.send(subject="Results: Theme 2027", body="B leads", to=["felix@example.org"])
    assert django_mail.outbox == [] and rq_queue.count == 1
    run_worker()
    assert [m.subject for m in django_mail.outbox] == ["Results: Theme 2027"]
