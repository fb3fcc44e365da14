"""Dispatch `python -m colloquy.bench NAME` to `colloquy.<app>.bench:main`.

Results are printed and recorded by hand in docs/benchmarks.md with the command that produced them.
"""

import importlib
import sys

SUITES = {
    "ingest": "colloquy.ingest.bench",
    "ballots": "colloquy.ballots.bench",
    "registration": "colloquy.registration.bench",
    "search": "colloquy.search.bench",
    "record": "colloquy.bench.record",
}
ALL = ["record", "ingest", "registration"]  # `make bench`; ballots and search have their own targets


def main(argv: list[str]) -> int:
    names = argv or ["all"]
    if names == ["all"]:
        names = ALL
    for name in names:
        if name not in SUITES:
            print(f"unknown benchmark {name!r}; choose from: all, {', '.join(SUITES)}", file=sys.stderr)
            return 2
        try:
            module = importlib.import_module(SUITES[name])
        except ModuleNotFoundError as exc:
            print(f"== {name}: not available ({exc})")
            continue
        print(f"== {name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
