"""Embedding the passages of a long report: the work of the search task `semantic.embed` (docs/tasks.md).

    python -m benchmarks.embed [--file PATH] [--repeat N] [--batches 32] [--only NAME]

Extracts the file as `colloquy ingest` does and splits the document and its parts (the workshops of a series
report are child documents) into search passages as the index does; then times encoding them, each
configuration in a fresh process of its own (the OpenMP wait policy is fixed when torch loads), one after the
other in the same run:
- "web thread": every passage, one torch thread, batches of 64, as the web process's embedding thread ran it
  before the worker existed;
- "worker, per document": each document's own distinct passages, as one task per document encoded them before
  the worker reused stored vectors; one torch thread per core, OpenMP's default wait policy (threads spin);
- "worker": each distinct passage text once (`semantic.embed_entries` reuses a vector another entry has), one
  torch thread per core, OMP_WAIT_POLICY=PASSIVE as `colloquy worker` sets it (idle threads sleep instead of
  spinning), for each batch size given (`semantic.BATCH_SIZE` is the one chosen); "worker, threads spin" is the
  same with OpenMP's default policy, to tell the two changes apart.
Each configuration loads the model, encodes a warm-up batch, then runs `--repeat` times; the best and the median
wall time are printed with the CPU seconds (user + system) of the best run and the load average: on a machine
others share, CPU seconds are the steadier figure. Needs the [semantic] extra. The default file is the UNITAR
series report in ../shared/corpus (not in the repository).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # measure this tree's code, whichever colloquy is installed
DEFAULT = ROOT.parent / "shared" / "corpus" / "unitar-migration-development-series-2006-2008.txt"


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    os.environ.setdefault("COLLOQUY_TORCH_THREADS", "0")  # this benchmark sets the thread count itself
    import django

    django.setup()


def measure(encode, texts, *, threads: int, batch: int, repeat: int) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) of each run."""
    import torch

    torch.set_num_threads(threads)
    encode(texts[:batch], batch)  # warm-up at this setting
    times = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        encode(texts, batch)
        times.append((time.perf_counter() - started, time.process_time() - cpu))
    return times


CONFIGS = {  # name → (texts, threads (0: one per core), batch, OpenMP wait policy or None for its default)
    "web thread": ("all", 1, 64, None),
    "worker, per document": ("per-document", 0, 32, None),
    "worker, threads spin": ("distinct", 0, 32, None),
    "worker": ("distinct", 0, 32, "PASSIVE"),
}


def report_parts(path: Path) -> list[list[str]]:
    """The passages of the document and of each child document, one list per document."""
    from colloquy.ingest.pipeline import extract_bytes
    from colloquy.search.text import passages

    extraction = extract_bytes(path.read_bytes(), path.name)
    text = extraction.norm.text
    parts = [text] + [text[child["start"]:child["end"]] for child in extraction.data.get("children", [])]
    return [[p.text for p in passages(part)] for part in parts]


def child(args) -> int:
    """One configuration, in this process (started by main() with the configuration's environment)."""
    which, threads, _, _ = CONFIGS[args.only]
    threads = threads or os.cpu_count() or 1
    setup()
    from colloquy.core import embeddings
    from colloquy.search import semantic

    if not embeddings.usable():
        print("the [semantic] extra is not installed: pip install -e '.[semantic]'", file=sys.stderr)
        return 2
    parts = report_parts(args.file)
    texts = {"all": [t for part in parts for t in part],
             "per-document": [t for part in parts for t in dict.fromkeys(part)],
             "distinct": list(dict.fromkeys(t for part in parts for t in part))}[which]
    semantic.model()

    def encode(chunk, batch):
        return semantic.encode(chunk, batch_size=batch)

    for batch in [CONFIGS[args.only][2]] if args.only != "worker" else [int(b) for b in args.batches.split(",")]:
        times = measure(encode, texts, threads=threads, batch=batch, repeat=args.repeat)
        best, cpu = min(times)
        print(f"{args.only:21} {len(texts):4} texts, {threads} thread(s), batch {batch:3}: "
              f"best {best:6.1f} s, median {statistics.median(t for t, _ in times):6.1f} s wall, "
              f"{cpu:5.1f} CPU s; load {os.getloadavg()[0]:.1f}", flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batches", default="32", help="batch sizes of the worker configuration")
    parser.add_argument("--only", choices=sorted(CONFIGS), help="run this configuration in this process")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"{args.file} not found (the shared corpus is not beside this checkout)", file=sys.stderr)
        return 2
    if args.only:
        return child(args)
    print(f"{args.file.name}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    for name, (_, _, _, policy) in CONFIGS.items():
        env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"} | (
            {"OMP_WAIT_POLICY": policy} if policy else {})
        status = subprocess.call([sys.executable, "-m", "benchmarks.embed", "--file", str(args.file), "--repeat",
                                  str(args.repeat), "--batches", args.batches, "--only", name], cwd=ROOT, env=env)
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
