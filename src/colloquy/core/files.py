"""Uploaded files: stored under unguessable names, handed over only by views that check access first.

Every FileField in Colloquy holds restricted material (documents, follow-up evidence, nomination letters), so no
file is served by its path:
- `unguessable_name(folder, filename)` is what the models' `upload_to` functions return:
  `<folder>/<32 random hex digits>/<original name>`. The original name stays last, for `Content-Disposition`.
- `file_response(field_file, ...)` is how a view that has checked access hands the file over: with
  `X-Accel-Redirect` (nginx) or `X-Sendfile` (Apache) when `COLLOQUY_SENDFILE` says the proxy does it, else
  streamed by Django.
- `debug_media` is the development `/media/` route (DEBUG on only): it normalises the path before deciding, and
  refuses every folder listed in `RESTRICTED_MEDIA` (core/tests/test_files.py checks each FileField's folder is).
"""

import mimetypes
import posixpath
import uuid
from pathlib import Path, PurePath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.static import serve

# Folders of MEDIA_ROOT that hold restricted files (documents: restricted or draft ones among them; evidence:
# drafts are private). Nomination letters are outside MEDIA_ROOT altogether (PRIVATE_MEDIA_ROOT).
RESTRICTED_MEDIA = ("documents/", "outcomes/evidence/", "registration/", "calls/")


def unguessable_name(folder: str, filename: str) -> str:
    """`folder/<uuid4 hex>/<original name>`: 122 random bits, so a name cannot be guessed from another."""
    name = PurePath(filename.replace("\\", "/")).name or "file"
    return f"{folder.strip('/')}/{uuid.uuid4().hex}/{name}"


def _proxy_path(path: Path) -> str | None:
    """The path under the nginx `internal` location for a file of MEDIA_ROOT or PRIVATE_MEDIA_ROOT, else None."""
    for area, root in (("private", settings.PRIVATE_MEDIA_ROOT), ("media", settings.MEDIA_ROOT)):
        try:
            relative = path.relative_to(Path(root).resolve())
        except ValueError:
            continue
        return settings.COLLOQUY_SENDFILE_PREFIX.rstrip("/") + f"/{area}/" + quote(relative.as_posix())
    return None


def _local_path(field_file) -> Path | None:
    try:
        return Path(field_file.storage.path(field_file.name)).resolve()
    except NotImplementedError:  # a remote storage (django-storages): Django streams it
        return None


def _proxy_header(field_file) -> tuple[str, str] | None:
    """(header, value) that makes the proxy send the file, or None when Django streams it: no COLLOQUY_SENDFILE,
    a remote storage, or (nginx) a file outside the two roots its internal location maps."""
    mode = settings.COLLOQUY_SENDFILE
    if mode not in ("nginx", "apache"):
        return None
    path = _local_path(field_file)
    if path is None:
        return None
    if not path.is_file():
        raise Http404("The file is missing.")
    if mode == "apache":
        return ("X-Sendfile", str(path))
    target = _proxy_path(path)
    return ("X-Accel-Redirect", target) if target else None


def file_response(field_file, *, filename: str | None = None, as_attachment: bool = False,
                  private: bool = True) -> HttpResponse:
    """Hand over a file the caller has already checked the user may see. 404 when the file is missing.

    `private` answers get `Cache-Control: private, no-store`, so no shared cache keeps a restricted file.
    """
    if not field_file:
        raise Http404("No file.")
    name = filename or PurePath(field_file.name).name
    header = _proxy_header(field_file)
    if header is not None:
        content_type, _ = mimetypes.guess_type(name)
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response[header[0]] = header[1]
        response["Content-Disposition"] = content_disposition_header(as_attachment, name)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("The file is missing.") from exc
        response = FileResponse(handle, as_attachment=as_attachment, filename=name)
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def normalised_media_path(path: str) -> str | None:
    """The path as the file system will resolve it (`./`, `//`, `x/../` folded), or None if it leaves the root."""
    name = posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/")
    if name in ("", ".") or name.startswith("..") or "\x00" in name:
        return None
    return name


def is_restricted_media(name: str) -> bool:
    return any(name == folder.rstrip("/") or name.startswith(folder) for folder in RESTRICTED_MEDIA)


def debug_media(request, path):
    """The development `/media/` route (urls.py mounts it with DEBUG on only). Restricted files are downloaded
    from their pages (`public:document-file`, `outcomes:evidence`, `registration:nomination-letter`), which check
    access; the check here runs on the normalised path, the one `serve` would open."""
    name = normalised_media_path(path)
    if name is None or is_restricted_media(name):
        raise Http404("This file is downloaded from its page.")
    return serve(request, name, document_root=settings.MEDIA_ROOT)
