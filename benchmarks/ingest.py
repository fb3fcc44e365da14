"""Benchmark: `extract` on the 350 KB UNITAR series report (target: <= 2 s wall, <= 300 MB peak RSS, one core).

`python -m benchmarks ingest [FILE]` or `python -m benchmarks.ingest [FILE]`, from the project root.
Measures, in a fresh child process each run, (a) the whole `colloquy extract FILE --json` command
(interpreter start, Django set-up, imports, read, normalise, extract, schema validation, JSON output)
and (b) the extract_bytes() call alone; reports the median of the runs and the child's peak RSS.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
import django
django.setup()
from colloquy.ingest.pipeline import extract_bytes
path = sys.argv[1]
data = open(path, "rb").read()
t1, c1 = time.perf_counter(), time.process_time()
result = extract_bytes(data, os.path.basename(path))
out = json.dumps(result.data)
t2, c2 = time.perf_counter(), time.process_time()
# Peak RSS of this process image: VmHWM (Linux). getrusage's ru_maxrss keeps the parent's peak across
# fork+exec, so a child of a large process (e.g. `make bench` after a suite that loaded torch) reported that.
try:
    rss_mb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"extract": t2 - t1, "extract_cpu": c2 - c1, "process_cpu": c2, "process": t2 - t0, "rss_mb": rss_mb,
                  "chars": len(result.norm.text), "events": len(result.data["events"]), "bytes": len(data)}))
"""


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    import django

    django.setup()
    from colloquy.ingest.pipeline import shared_dir

    path = argv[0] if argv else str(shared_dir() / "corpus" / "unitar-migration-development-series-2006-2008.txt")
    if not os.path.exists(path):
        sys.exit(f"Benchmark input not found: {path} (set COLLOQUY_SHARED or pass a file)")
    runs = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    for _ in range(5):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, check=True, env=env,
                             preexec_fn=_one_core)
        wall = time.perf_counter() - start
        runs.append({**json.loads(out.stdout.strip().splitlines()[-1]), "wall": wall})
    first = runs[0]
    print(f"input: {os.path.basename(path)} ({first['bytes'] / 1024:.0f} KB, {first['chars']} normalised chars, "
          f"{first['events']} events)")
    print(f"extract_bytes() median: {statistics.median(r['extract'] for r in runs):.3f} s "
          f"(min {min(r['extract'] for r in runs):.3f}, max {max(r['extract'] for r in runs):.3f})")
    print(f"extract_bytes() CPU median: {statistics.median(r['extract_cpu'] for r in runs):.3f} s; "
          f"whole process CPU median: {statistics.median(r['process_cpu'] for r in runs):.3f} s")
    print(f"load average during the runs: {os.getloadavg()[0]:.1f} (wall times grow with other work on the machine)")
    print(f"whole command wall median: {statistics.median(r['wall'] for r in runs):.3f} s (interpreter + Django + imports included)")
    print(f"peak RSS: {max(r['rss_mb'] for r in runs):.0f} MB")
    rss_ok = max(r["rss_mb"] for r in runs) <= 300
    wall_ok = statistics.median(r["wall"] for r in runs) <= 2.0
    cpu_ok = statistics.median(r["process_cpu"] for r in runs) <= 2.0
    print(f"targets: peak RSS <= 300 MB {'met' if rss_ok else 'NOT met'}; whole command <= 2 s: "
          f"{'met' if cpu_ok else 'NOT met'} on CPU time, {'met' if wall_ok else 'NOT met'} on wall time at this load")


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


if __name__ == "__main__":
    main()
