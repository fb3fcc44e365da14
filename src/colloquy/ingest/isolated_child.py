"""The child process of isolation.py: set the limits, read one file, print the result as JSON.

Input on stdin: a 4-byte big-endian header length, a JSON header (name, limits, the reader settings), the file.
Output on stdout: {"format", "pages", "paginated"} or {"refusal"}, with "peak_rss_kb" either way.
"""

import json
import resource
import struct
import sys


def _limit(memory_mb: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _peak_rss_kb() -> int:
    """VmHWM: the peak resident set of this process image. (ru_maxrss would not do: Linux carries it over
    from the parent through fork and exec, so it reports the web worker's size, not the child's.)"""
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:  # no /proc (not Linux)
        pass
    return 0


def _is_out_of_memory(exc: BaseException | None, memory_mb: int) -> bool:
    """MemoryError, a C library's allocation failure ("malloc", "out of memory"), or any failure once the
    address space came within 10% of the bound (lxml then reports only "unknown error")."""
    if exc is None:
        return False
    text = str(exc).lower()
    return (isinstance(exc, MemoryError) or "memory allocation" in text or "malloc" in text
            or "out of memory" in text or _status_kb("VmPeak") >= 0.9 * memory_mb * 1024)


def _refusal(msgid: str, params: dict) -> dict:
    """The refusal in English (`refusal`), and its message and placeholders for the parent to translate."""
    return {"refusal": msgid % params if params else msgid, "msgid": msgid, "params": params}


def main() -> None:
    stdin = sys.stdin.buffer
    (length,) = struct.unpack(">I", stdin.read(4))
    header = json.loads(stdin.read(length))
    _limit(header["memory_mb"], header["cpu_seconds"])
    data = stdin.read()
    # PyMuPDF imports its optional ONNX layout model when installed (2 s, 60 MB); the readers do not use it.
    sys.modules.setdefault("pymupdf.layout", None)

    # Imported only now: the layout model must be blocked before PyMuPDF loads, and settings configured before
    # anything reads them (this child has no DJANGO_SETTINGS_MODULE: it gets no database URL or keys).
    from django.conf import settings

    settings.configure(USE_I18N=False, **header["settings"])  # no app registry here: the parent translates

    # The project's modules read settings when they load: after configure().
    from colloquy.ingest.errors import IngestError
    from colloquy.ingest.readers import read_in_process

    # The same English messages as the parent's (isolation.py, marked there): the parent translates them.
    out_of_memory = _refusal("extraction needed more than %(size)s MB of memory; the file was refused",
                             {"size": header["memory_mb"]})
    try:
        raw = read_in_process(data, header["name"])
        result = {"format": raw.format, "pages": raw.pages, "paginated": raw.paginated}
    except IngestError as exc:  # a reader wraps its library's errors; one of them may be the memory bound
        result = out_of_memory if _is_out_of_memory(exc.__cause__, header["memory_mb"]) else _refusal(exc.msgid, exc.params)
    except Exception as exc:  # MemoryError, or a reader library failing in an unforeseen way: refuse the file, never crash
        result = out_of_memory if _is_out_of_memory(exc, header["memory_mb"]) else _refusal(
            "the reader failed on this file (%(error)s)", {"error": f"{exc.__class__.__name__}: {str(exc)[:200]}"})
    result["peak_rss_kb"] = _peak_rss_kb()
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
