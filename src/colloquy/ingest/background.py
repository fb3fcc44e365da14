"""Uploads are ingested by `colloquy worker`, not in the request (docs/tasks.md).

The upload view checks the size, stores the file under an unguessable name in the private upload area and
queues `ingest_upload`; the page then shows the task's progress and, when it is done, the proposals. The task
reads the file, runs `ingest_bytes` (which writes everything for one document in one transaction, so a worker
killed half-way leaves nothing and the retried task starts clean) and deletes the file. A refused file (an
encrypted PDF, a zip bomb) ends the task with the reason, which the page shows.
"""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.utils.text import get_valid_filename

from colloquy.accounts.models import User
from colloquy.core import tasks
from colloquy.core.errors import DomainError
from colloquy.ingest.services import ingest_bytes

AREA = "ingest-uploads"


def upload_storage():
    """The private storage (never served by path): the bucket's private area with several machines, otherwise
    PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


def store_upload(*, data: bytes, name: str) -> str:
    """Keep the bytes until the worker has ingested them; returns the storage path."""
    return upload_storage().save(f"{AREA}/{secrets.token_urlsafe(24)}-{get_valid_filename(name) or 'upload'}",
                                ContentFile(data))


def queue_upload(*, data: bytes, name: str, actor):
    """Store the file and queue its ingestion; returns the task result (its id names the progress page)."""
    path = store_upload(data=data, name=name)
    return tasks.enqueue_now(ingest_upload, path=path, name=name, user_id=actor.pk)


@tasks.task()
def ingest_upload(*, path: str, name: str, user_id: int) -> dict:
    """{"source": SourceFile id, "created": bool, "proposals": n} or {"error": the reason the file was refused}."""
    actor = User.objects.get(pk=user_id)
    storage = upload_storage()
    with storage.open(path, "rb") as handle:
        data = handle.read()
    try:
        result = ingest_bytes(data=data, name=name, actor=actor)
    except DomainError as exc:
        storage.delete(path)
        return {"error": exc.message}
    storage.delete(path)
    return {"source": result.document.source_file.pk, "created": result.created, "proposals": result.proposals}


def is_upload_task(result) -> bool:
    return result is not None and result.task.module_path == f"{__name__}.ingest_upload"
