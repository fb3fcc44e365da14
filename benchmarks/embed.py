"""Embedding the passages of a long report: the work of the search task `semantic.embed` (docs/tasks.md).

    python -m benchmarks.embed [--file PATH] [--repeat N] [--batches 16,32,64,128]

Extracts the file as `colloquy ingest` does and splits the document and its parts (the workshops of a series
report are child documents) into search passages as the index does; loads the bundled MiniLM model once, and
times encoding them all:
- "before": every passage, one torch thread, batches of 64, as the web process's embedding thread ran it;
- "worker": each distinct passage text once (`semantic.embed_entries`), one torch thread per core (what
  `colloquy worker` sets), for each batch size given (`semantic.BATCH_SIZE` is the one chosen).
Each configuration is run `--repeat` times after one warm-up; the best and the median wall time are printed,
and the CPU seconds of the best run: on a machine others share, CPU seconds / threads is what the run would
take with the cores to itself (the load average is printed too). Needs the
[semantic] extra. The default file is the UNITAR series report in ../shared/corpus (not in the repository).
"""

import argparse
import os
import statistics
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


def report_passages(path: Path) -> list[str]:
    """The passages `colloquy ingest` gives the index for this file: the document's and each child document's."""
    from colloquy.ingest.pipeline import extract_bytes
    from colloquy.search.text import passages

    extraction = extract_bytes(path.read_bytes(), path.name)
    text = extraction.norm.text
    parts = [text] + [text[child["start"]:child["end"]] for child in extraction.data.get("children", [])]
    return [p.text for part in parts for p in passages(part)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batches", default="8,16,32,64")
    parser.add_argument("--skip-before", action="store_true", help="do not time the one-thread configuration")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"{args.file} not found (the shared corpus is not beside this checkout)", file=sys.stderr)
        return 2
    setup()
    from colloquy.core import embeddings
    from colloquy.search import semantic

    if not embeddings.usable():
        print("the [semantic] extra is not installed: pip install -e '.[semantic]'", file=sys.stderr)
        return 2
    texts = report_passages(args.file)
    started = time.perf_counter()
    semantic.model()
    print(f"{args.file.name}: {len(texts)} passages, {sum(map(len, texts)) // 1000} k characters; "
          f"model loaded in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")

    def encode(chunk, batch):
        return semantic.encode(chunk, batch_size=batch)

    distinct = list(dict.fromkeys(texts))
    print(f"{len(distinct)} distinct passage texts")
    cores = os.cpu_count() or 1
    configs = [] if args.skip_before else [("before: 1 thread", texts, 1, 64)]
    configs += [(f"worker: {cores} threads", distinct, cores, int(b)) for b in args.batches.split(",")]
    for label, batch_texts, threads, batch in configs:
        times = measure(encode, batch_texts, threads=threads, batch=batch, repeat=args.repeat)
        best, cpu = min(times)
        print(f"{label:22} batch {batch:4}: best {best:6.2f} s, median {statistics.median(t for t, _ in times):6.2f} s, "
              f"{cpu:6.1f} CPU s ({cpu / threads:5.1f} s on {threads} idle cores); "
              f"{len(texts) / best:.0f} passages/s (of {len(texts)}); load {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
