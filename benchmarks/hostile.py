"""Hostile uploads against the readers' guards and the bounded child (issue 15; table in docs/security.md).

`python -m benchmarks hostile` builds each file (src/colloquy/ingest/tests/hostile.py), reads it through
`colloquy.ingest.isolation.run_child` and prints the refusal, the wall time and the child's peak RSS (VmHWM).
The target: every file refused in at most 10 s with the child's peak RSS at most 300 MB.
"""

from __future__ import annotations

import os
import sys
import time

CASES = [
    ("lying directory (DOCX says 5 KB, expands to 400 MB)", "lying_directory_docx", {}),
    ("mixed bomb (3 MB stored random + 190 MB deflated)", "mixed_bomb_docx", {}),
    ("huge XML part (honest sizes, 20 MB document.xml)", "huge_xml_docx", {}),
    ("dense XML (40 MB, a million tiny paragraphs)", "dense_xml_docx", {}),
    ("dense PDF (1,999 pages, ~15 KB of text each)", "dense_pdf", {}),
    # The worst a Word file can do within the caps: accepted, and the cost is what the bound must allow.
    ("dense XML under the caps (11.5 MB, 46,000 paragraphs of 8 runs: accepted)", "dense_xml_docx",
     {"size": 11_500_000, "runs": 8}),
]


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    import django

    django.setup()
    from colloquy.ingest import isolation
    from colloquy.ingest.errors import IngestError
    from colloquy.ingest.tests import hostile

    failures = 0
    print("| file | size | refusal | wall | child peak RSS |")
    print("|---|---|---|---|---|")
    for label, builder, kwargs in CASES:
        data = getattr(hostile, builder)(**kwargs)
        start = time.perf_counter()
        try:
            result = isolation.run_child(data, builder)
            refusal, rss = result.refusal or "ACCEPTED", f"{result.peak_rss_kb / 1024:.0f} MB"
        except IngestError as exc:  # the wall-clock bound: the child was killed, so it reported nothing
            refusal, rss = exc.reason, "(killed)"
        wall = time.perf_counter() - start
        failures += wall > 10 or (refusal == "ACCEPTED") != ("under the cap" in label)
        print(f"| {label} | {len(data) / 1e6:.1f} MB | {refusal} | {wall:.1f} s | {rss} |", flush=True)
    print(f"\nload average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
