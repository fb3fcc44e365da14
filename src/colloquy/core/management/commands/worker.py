"""`colloquy worker`: run the background tasks and the schedule (docs/tasks.md).

A thin wrapper over the backend's own worker: django-tasks-db's `db_worker` loop for the database backend,
django-rq's `rqworker` for RQ. Around it, core/worker.py keeps the heartbeat, requeues tasks a dead worker
left running, and queues the scheduled jobs once a minute.
"""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from colloquy.core import schedule, tasks
from colloquy.core.worker import Supervisor, new_worker_id


class Command(BaseCommand):
    help = "Run background tasks (e-mails, embeddings, uploads, reindexing) and the scheduled jobs."
    rq_worker_class = "rq.worker.Worker"  # forks a work horse per job; the tests run jobs in-process (SimpleWorker)

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="run what is queued, then exit (the schedule is checked once at start)")
        parser.add_argument("--no-schedule", action="store_true", help="do not queue the scheduled jobs")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between two looks at an empty queue (database backend; default 1)")
        parser.add_argument("--schedule", action="store_true", help="print the schedule and exit")

    def handle(self, *args, batch=False, no_schedule=False, interval=1.0, schedule=False, **options):
        if schedule:
            return self.print_schedule()
        if tasks.immediate():
            raise CommandError("The task backend runs tasks immediately (COLLOQUY_TASKS=immediate): no worker needed.")
        # Embedding in the worker uses every core (a request's single short text is better served by one thread,
        # which stays the default elsewhere: core/embeddings.py).
        os.environ.setdefault("COLLOQUY_TORCH_THREADS", str(os.cpu_count() or 1))
        # torch's OpenMP threads wait for work by sleeping, not spinning: on a machine the web processes share,
        # spinning threads burnt half again the CPU of the embedding itself (docs/tasks.md). Read when torch loads,
        # which is later: the model is loaded by the first task that needs it.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        worker_id = new_worker_id()
        supervisor = Supervisor(worker_id, run_schedule=not no_schedule)
        supervisor.start_up()
        if not batch:
            supervisor.start()
        try:
            if tasks.in_database():
                self.run_database(worker_id, batch=batch, interval=interval, verbosity=options["verbosity"])
            else:
                self.run_rq(worker_id, batch=batch, verbosity=options["verbosity"])
        finally:
            supervisor.stop()

    def run_database(self, worker_id, *, batch, interval, verbosity):
        worker = Worker(queue_names=["*"], interval=interval, batch=batch, backend_name="default",
                        startup_delay=not batch, max_tasks=None, worker_id=worker_id, excluded_queue_names=[])
        worker.configure_signals()
        if verbosity:
            self.stdout.write(f"worker {worker_id}: database queue")
        worker.run()

    def run_rq(self, worker_id, *, batch, verbosity):
        if verbosity:
            self.stdout.write(f"worker {worker_id}: RQ queue")
        connections.close_all()  # RQ forks a work horse per job: it must not share this process's connections
        # django-tasks-rq's Job class runs a Task (rather than a plain function); the scheduler runs deferred tasks.
        # django-rq's command object, not its name: django_rq is an installed app only where COLLOQUY_TASKS=rq
        # (settings.py), and a test may switch the backend at run time.
        from django_rq.management.commands.rqworker import Command as RQWorker

        call_command(RQWorker(), *sorted(tasks.backend().queues), burst=batch, with_scheduler=True, name=worker_id,
                     job_class="django_tasks_rq.Job", worker_class=self.rq_worker_class)

    def print_schedule(self):
        now = timezone.now()
        for job in schedule.jobs():
            nxt = schedule.next_due(job, now)
            self.stdout.write(f"{job.name:28} {job.cron:14} next {nxt:%Y-%m-%d %H:%M} UTC  {job.what}")
        if not schedule.jobs():
            self.stdout.write("No scheduled jobs.")
        return None

