"""The task queue on the database backend: enqueueing with the transaction, the worker, the schedule, recovery of
tasks a dead worker left running, e-mail delivery (docs/tasks.md)."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail as django_mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from colloquy.core import mail, schedule, tasks, worker
from colloquy.core.models import ScheduledRun, TaskWorker
from colloquy.core.tests import sample_tasks

NOW = datetime.datetime(2026, 12, 7, 15, 8, 30, tzinfo=datetime.UTC)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks.in_database()
    return DBTaskResult.objects


def run_worker():
    """A worker in this process until the queue is empty (the worker manages its own transactions and connections,
    so the tests that run one use transactional_db)."""
    call_command("worker", "--batch", "--no-schedule", verbosity=0)


def test_a_task_queued_in_a_transaction_that_rolls_back_is_not_queued(db, database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.enqueue(sample_tasks.write_twice, "rolled-back")
        raise RuntimeError("the change fails")
    assert not database_queue.exists()
    tasks.enqueue(sample_tasks.write_twice, "kept")
    assert database_queue.get().status == "READY"


def test_the_worker_runs_a_queued_task_once_and_records_its_result(transactional_db, database_queue):
    queued = tasks.enqueue_now(sample_tasks.write_twice, "once")
    assert tasks.result(queued.id).status == tasks.TaskResultStatus.READY
    run_worker()
    run_worker()  # nothing left: the second worker runs nothing
    done = tasks.result(queued.id)
    assert done.status == tasks.TaskResultStatus.SUCCESSFUL and done.return_value == 2
    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == ["once-1", "once-2"]
    assert not TaskWorker.objects.exists()  # a worker that exits removes its heartbeat row


def test_the_schedule_queues_each_due_job_once_however_many_workers_look(db, database_queue):
    with time_machine.travel(NOW, tick=False):
        first = schedule.run_due()
        again = schedule.run_due()  # a second worker, the same minute
    names = sorted(run.name for run in first)
    assert names == ["ballot-close --due", "ballot-remind", "expire-offers", "send-call-reminders",
                     "send-followup-reminders"]
    assert again == []
    assert database_queue.count() == 5
    paths = set(database_queue.values_list("task_path", flat=True))
    assert "colloquy.ballots.tasks.close_due" in paths and "colloquy.outcomes.tasks.send_followup_reminders" in paths
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        assert [run.name for run in schedule.run_due()] == ["ballot-close --due"]  # the every-minute job only


def test_a_run_missed_by_more_than_its_catch_up_is_skipped(db, database_queue):
    late = datetime.datetime(2026, 12, 7, 21, 30, tzinfo=datetime.UTC)  # 13 h 30 after the 08:00 reminder
    with time_machine.travel(late, tick=False):
        names = [run.name for run in schedule.run_due()]
    assert "send-followup-reminders" not in names and "ballot-close --due" in names


def test_colloquy_schedule_moves_a_job_to_another_time(db, database_queue, settings):
    late = datetime.datetime(2026, 12, 7, 21, 30, tzinfo=datetime.UTC)  # the 08:00 run is past its catch-up
    settings.COLLOQUY_SCHEDULE = {"send-call-reminders": "30 21 * * *"}
    with time_machine.travel(late, tick=False):
        names = [run.name for run in schedule.run_due()]
    assert "send-call-reminders" in names and "send-followup-reminders" not in names
    assert {job.name: job.cron for job in schedule.jobs()}["send-call-reminders"] == "30 21 * * *"


@pytest.mark.parametrize(("override", "message"), [
    ({"send-reminders": "* * * * *"}, "names no such job: send-reminders"),
    ({"expire-offers": "every minute"}, "not a cron expression"),
])
def test_colloquy_schedule_refuses_an_unknown_job_or_a_bad_cron(settings, override, message):
    settings.COLLOQUY_SCHEDULE = override
    with pytest.raises(ImproperlyConfigured, match=message):
        schedule.jobs()


def test_the_scheduled_jobs_run_in_the_worker(transactional_db, database_queue):
    with time_machine.travel(NOW, tick=False):
        schedule.run_due()
    run_worker()
    statuses = dict(database_queue.values_list("task_path", "status"))
    assert set(statuses.values()) == {"SUCCESSFUL"}, statuses


def _running(result_id, worker_ids):
    DBTaskResult.objects.filter(id=result_id).update(status="RUNNING", worker_ids=worker_ids,
                                                      started_at=timezone.now())


def test_a_task_whose_worker_died_is_queued_again_and_one_whose_worker_lives_is_left_alone(db, database_queue):
    now = timezone.now()
    dead = TaskWorker.objects.create(worker_id="elsewhere:1:dead", host="elsewhere", pid=1,
                                     last_seen=now - datetime.timedelta(minutes=5))
    alive = TaskWorker.objects.create(worker_id="elsewhere:2:alive", host="elsewhere", pid=2, last_seen=now)
    orphan = tasks.enqueue_now(sample_tasks.write_twice, "orphan")
    busy = tasks.enqueue_now(sample_tasks.write_twice, "busy")
    _running(orphan.id, [dead.worker_id])
    _running(busy.id, [alive.worker_id])
    changed = worker.recover_abandoned()
    assert changed == {str(orphan.id): "READY"}
    assert tasks.result(busy.id).status == tasks.TaskResultStatus.RUNNING
    assert not TaskWorker.objects.filter(pk=dead.pk).exists()


def test_a_worker_on_this_machine_whose_process_is_gone_is_dead_at_once(db, database_queue):
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    row = TaskWorker.objects.create(worker_id=f"{worker.HOST}:x:gone", host=worker.HOST, pid=int(gone.stdout),
                                    last_seen=timezone.now())
    queued = tasks.enqueue_now(sample_tasks.write_twice, "gone")
    _running(queued.id, [row.worker_id])
    assert worker.recover_abandoned() == {str(queued.id): "READY"}


def test_a_task_whose_workers_keep_dying_fails_after_the_last_attempt(db, database_queue, settings):
    settings.COLLOQUY_TASK_MAX_ATTEMPTS = 2
    stale = timezone.now() - datetime.timedelta(minutes=5)
    for n in (1, 2):
        TaskWorker.objects.create(worker_id=f"elsewhere:{n}:dead", host="elsewhere", pid=n, last_seen=stale)
    queued = tasks.enqueue_now(sample_tasks.write_twice, "unlucky")
    _running(queued.id, ["elsewhere:1:dead", "elsewhere:2:dead"])
    assert worker.recover_abandoned() == {str(queued.id): "FAILED"}
    failed = tasks.result(queued.id)
    assert failed.errors[0].exception_class_path == "colloquy.core.worker.WorkerLost"


def test_an_email_is_queued_with_the_change_and_delivered_by_the_worker(transactional_db, database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send(subject="Lost", body="never", to=["a@example.org"])
        raise RuntimeError("rolled back")
    mail.send(subject="Ballot open", body="Vote", to=["felix@example.org", ""])
    assert django_mail.outbox == [] and database_queue.count() == 1
    run_worker()
    assert [(m.subject, m.to) for m in django_mail.outbox] == [("Ballot open", ["felix@example.org"])]


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def test_a_refused_delivery_is_tried_again_later(transactional_db, database_queue, settings):
    settings.EMAIL_BACKEND = "colloquy.core.tests.test_tasks.RefusingBackend"
    mail.send(subject="Reminder", body="Report", to=["felix@example.org"])
    run_worker()
    first, retry = database_queue.order_by("enqueued_at")
    assert first.status == "SUCCESSFUL" and first.return_value == 0
    assert retry.status == "READY" and retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)


def test_the_queue_status_counts_live_workers_and_due_tasks(db, database_queue):
    assert worker.status()["workers"] == 0
    TaskWorker.objects.create(worker_id="elsewhere:1:alive", host="elsewhere", pid=1, last_seen=timezone.now())
    TaskWorker.objects.create(worker_id="elsewhere:2:dead", host="elsewhere", pid=2,
                              last_seen=timezone.now() - datetime.timedelta(minutes=5))
    tasks.enqueue_now(sample_tasks.write_twice, "waiting")
    later = sample_tasks.write_twice.using(run_after=timezone.now() + datetime.timedelta(hours=1))
    later.enqueue("not-due-yet")
    status = worker.status()
    assert (status["backend"], status["workers"], status["queued"]) == ("DatabaseBackend", 1, 1)
    assert status["oldest_queued_seconds"] >= 0


def test_healthz_fails_when_a_due_task_has_waited_too_long(db, database_queue, client, settings):
    assert client.get("/healthz").json()["checks"]["tasks"]["ok"] is True
    tasks.enqueue_now(sample_tasks.write_twice, "stuck")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=20))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] | {"oldest_queued_seconds": 0} == {
        "ok": False, "backend": "DatabaseBackend", "workers": 0, "queued": 1, "oldest_queued_seconds": 0}
