"""Run a reader in a child process bounded in memory and time, so no uploaded file can take the server down.

Why a subprocess: the readers (PyMuPDF, python-docx with lxml) run C code that no Python-level check can
interrupt. The child is a fresh interpreter (`python -m colloquy.ingest.isolated_child`) that sets
RLIMIT_AS (address space) and RLIMIT_CPU on itself before it reads a byte; the parent waits at most
COLLOQUY_INGEST_TIMEOUT seconds of wall-clock time, then kills it. A refusal names the limit that was hit.
The child reports its own peak RSS, which `benchmarks/hostile.py` records (docs/security.md, "Hostile files").

The content guards (zip caps, XML cap, text cap, page cap) live in readers.py and run inside the child, so
they refuse early with a precise message; these bounds catch whatever they do not foresee.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_noop

from colloquy.ingest.errors import IngestError

TIMEOUT_SECONDS = 30
MEMORY_MB = 480  # address space of the child; its resident set stays well under this (docs/security.md)
CHILD_MODULE = "colloquy.ingest.isolated_child"
FORWARDED_SETTINGS = ("COLLOQUY_PDF_MAX_PAGES", "COLLOQUY_INGEST_MAX_TEXT_MB", "COLLOQUY_ZIP_MAX_MEMBER_MB",
                      "COLLOQUY_ZIP_MAX_TOTAL_MB", "COLLOQUY_DOCX_MAX_XML_MB", "COLLOQUY_DOCX_MAX_PARAGRAPHS")


@dataclass
class ChildResult:
    """What the child sent back: the document (format, pages, paginated) or a refusal, and what it cost."""

    format: str = ""
    pages: list[str] | None = None
    paginated: bool = False
    refusal: str = ""
    msgid: str = ""  # the refusal's message and placeholders, which errors.IngestError translates in the parent
    params: dict | None = None
    peak_rss_kb: int = 0
    seconds: float = 0.0


def limits() -> tuple[int, int]:
    """(wall-clock seconds, address-space MB) from the settings."""
    timeout = int(getattr(settings, "COLLOQUY_INGEST_TIMEOUT", TIMEOUT_SECONDS))
    memory = int(getattr(settings, "COLLOQUY_INGEST_MEMORY_MB", MEMORY_MB))
    return timeout, memory


def _child_env() -> dict[str, str]:
    """A bare environment: the path to this `colloquy` package, and nothing secret. The child parses hostile
    bytes with C libraries; should one of them be exploited, it finds no database URL or key to take."""
    src = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}


def run_child(data: bytes, name: str) -> ChildResult:
    """Read `data` in a bounded child process. Raise IngestError naming the bound that stopped it."""
    timeout, memory = limits()
    forwarded = {key: getattr(settings, key) for key in FORWARDED_SETTINGS if hasattr(settings, key)}
    header = json.dumps({"name": name, "memory_mb": memory, "cpu_seconds": timeout + 1,
                         "settings": forwarded}).encode()
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", CHILD_MODULE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_child_env())
    try:
        out, err = proc.communicate(struct.pack(">I", len(header)) + header + data, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise IngestError(name, gettext_noop("extraction took longer than %(seconds)s s; the file was refused (split it, "
                                             "or save it again with less content per page)"), {"seconds": timeout}) from None
    elapsed = time.monotonic() - started
    if proc.returncode == -signal.SIGXCPU:
        raise IngestError(name, gettext_noop("extraction used more than %(seconds)s s of processor time; the file was "
                                             "refused"), {"seconds": timeout})
    if proc.returncode == -signal.SIGKILL:  # the kernel's out-of-memory killer, or an operator
        raise IngestError(name, gettext_noop("extraction was killed (memory bound %(size)s MB); the file was refused"),
                          {"size": memory})
    try:
        payload = json.loads(out)
    except ValueError:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        if "MemoryError" in tail[0] or "memory" in tail[0].lower():
            raise IngestError(name, gettext_noop("extraction needed more than %(size)s MB of memory; the file was refused"),
                              {"size": memory}) from None
        raise IngestError(name, gettext_noop("the reader failed on this file (%(error)s)"), {"error": tail[0][:200]}) from None
    return ChildResult(**payload, seconds=round(elapsed, 2))

