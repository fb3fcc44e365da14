"""Checks on uploaded files (nomination letters, event materials, follow-up evidence), shared by the forms, the
API and the services of every app that takes uploads.

A file is accepted when its size is within the limit, its extension is on the list for its purpose, and its
first bytes are those of that format (a renamed executable called `letter.pdf` is refused). Every refusal is
a `DomainError` naming the file and the problem.
"""

import zipfile
import zlib
from pathlib import PurePath

from colloquy.core.errors import DomainError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Office files (ZIP) are stored and served, never read by the server; still, a zip bomb is refused so that no one
# hands one to the people who download it. Counted by the bytes really decompressed, streamed (docs/security.md).
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_EXPANDED_BYTES = 256 * 1024 * 1024
ZIP_MAX_RATIO = 200  # per entry, once it has expanded past 1 MB

OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt
ZIP = (b"PK\x03\x04",)  # .docx, .xlsx, .pptx, .odt, .ods, .odp
PDF = (b"%PDF-",)
TEXT = None  # no signature: must decode as UTF-8 and contain no NUL byte

NOMINATION_TYPES = {
    ".pdf": PDF, ".doc": OLE, ".docx": ZIP, ".odt": ZIP,
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
}
EVIDENCE_TYPES = {
    ".pdf": PDF, ".doc": OLE, ".docx": ZIP, ".odt": ZIP, ".xls": OLE, ".xlsx": ZIP, ".ods": ZIP,
    ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".csv": TEXT, ".txt": TEXT,
}
MATERIAL_TYPES = {
    ".pdf": PDF, ".doc": OLE, ".docx": ZIP, ".odt": ZIP, ".rtf": (b"{\\rtf",),
    ".ppt": OLE, ".pptx": ZIP, ".odp": ZIP, ".xls": OLE, ".xlsx": ZIP, ".ods": ZIP,
    ".txt": TEXT, ".csv": TEXT, ".md": TEXT,
}


def _head(file, n=4096) -> bytes:
    pos = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(n)
    file.seek(pos)
    return head if isinstance(head, bytes) else head.encode()


def check_upload(file, *, allowed: dict, what: str, field: str = "file", max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse an upload that is empty, too large, of a type not on `allowed`, or not what its name says."""
    name = PurePath(getattr(file, "name", "") or "").name
    label = f"{what} {name!r}" if name else what
    size = getattr(file, "size", None)
    if size is None:
        size = len(_head(file, max_bytes + 1))
    if size == 0:
        raise DomainError(f"The {label} is empty.", field=field)
    if size > max_bytes:
        raise DomainError(f"The {label} is larger than {max_bytes // (1024 * 1024)} MB.", field=field)
    suffix = PurePath(name).suffix.lower()
    if suffix not in allowed:
        accepted = ", ".join(sorted(allowed))
        raise DomainError(f"The {label}: type {suffix or '(none)'} is not accepted; upload one of {accepted}.",
                          field=field)
    head = _head(file)
    signatures = allowed[suffix]
    if signatures is TEXT:
        if b"\x00" in head or not _is_utf8(head):
            raise DomainError(f"The {label} is not a text file (it contains binary data or is not UTF-8), so it is "
                              f"not a {suffix} file.", field=field)
        return
    if not any(head.startswith(sig) for sig in signatures):
        raise DomainError(f"The {label} is not a {suffix} file (its content does not match its name).", field=field)
    if signatures is ZIP:
        problem = zip_expansion_problem(file)
        if problem:
            raise DomainError(f"The {label} {problem}; refused as a possible zip bomb.", field=field)


def zip_expansion_problem(file) -> str:
    """What is wrong with how the ZIP in `file` expands ("" if nothing): too many entries, too many bytes in
    all, or an entry with an extreme ratio. An archive zipfile cannot open is left to the signature check (the
    server never unpacks it)."""
    pos = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        file.seek(pos)
        return ""
    total = 0
    try:
        with archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_ENTRIES:
                return f"has {len(infos)} entries (limit {ZIP_MAX_ENTRIES})"
            for info in infos:
                size = 0
                with archive.open(info) as stream:
                    while chunk := stream.read(1024 * 1024):
                        size += len(chunk)
                        total += len(chunk)
                        if total > ZIP_MAX_EXPANDED_BYTES:
                            return f"expands to more than {ZIP_MAX_EXPANDED_BYTES // (1024 * 1024)} MB"
                        if size > 1024 * 1024 and size > ZIP_MAX_RATIO * max(info.compress_size, 1):
                            return f"has a part compressed more than {ZIP_MAX_RATIO}:1"
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError):
        return "is a damaged archive (a part does not unpack to its recorded size)"
    finally:
        file.seek(pos)
    return ""


def _is_utf8(head: bytes) -> bool:
    """UTF-8, allowing a multi-byte character cut off at the end of the sample."""
    for cut in range(4):
        try:
            head[:len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False
