"""Background tasks through Django's Tasks API, whichever Django runs (docs/tasks.md).

Django 6 ships the API as `django.tasks`; on Django 5.2 the `django-tasks` backport provides the same one. App
code imports `task`, `enqueue` and `result` from here and never names either package, so the move to Django 6
changes nothing outside this module.

- `@task()` makes a module-level function a task (its arguments must be JSON: ids, strings, numbers).
- `enqueue(a_task, *args, **kwargs)` queues it so that it runs only if the current transaction commits. The
  database backend (the default) writes the task row in the caller's own transaction: the change and its task
  commit or roll back together. A backend outside the database (RQ on Redis) is sent the task after the commit.
  The immediate backend (tests) runs it at once.
- `result(task_id)` reads a queued task's state, for pages that show progress.

Which backend runs is the setting `COLLOQUY_TASKS` (settings.py: `database`, `rq`, `immediate`).
"""

from __future__ import annotations

from django.db import transaction

try:  # Django 6
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task, task_backends
    from django.tasks.exceptions import TaskResultDoesNotExist

    BACKPORT = False
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task, task_backends
    from django_tasks.exceptions import TaskResultDoesNotExist

    BACKPORT = True

__all__ = ["BACKPORT", "TaskResultDoesNotExist", "TaskResultStatus", "backend", "enqueue", "in_database", "result",
           "task", "task_backends"]


def backend():
    """The default backend itself (not the proxy: its class says which kind it is)."""
    return task_backends[DEFAULT_TASK_BACKEND_ALIAS]


def in_database() -> bool:
    """The default backend keeps its queue in the project's database (django-tasks-db)."""
    return type(backend()).__module__.startswith("django_tasks_db")


def immediate() -> bool:
    return type(backend()).__name__ == "ImmediateBackend"


def enqueue(a_task, *args, **kwargs) -> None:
    """Queue `a_task(*args, **kwargs)` to run only if the current transaction commits (see the module doc)."""
    if in_database() or immediate():
        a_task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: a_task.enqueue(*args, **kwargs))


def enqueue_now(a_task, *args, **kwargs):
    """Queue it at once and return its TaskResult (its `.id` is what `result()` reads back): for callers outside
    a transaction that need the id, such as an upload page that then shows the task's progress."""
    return a_task.enqueue(*args, **kwargs)


def result(task_id: str):
    """The TaskResult of a queued task, or None when the backend does not know it (or keeps no results)."""
    if not backend().supports_get_result:
        return None
    try:
        return backend().get_result(task_id)
    except TaskResultDoesNotExist:
        return None
