"""Dispatch `python -m colloquy.bench NAME` to `colloquy.<app>.bench:main`.

Results are printed and recorded by hand in docs/benchmarks.md with the command that produced them.
"""

import importlib
import sys

SUITES = {
    "ingest": "colloquy.ingest.bench",
    "ballots": "colloquy.ballots.bench",
    "registration": "colloquy.registration.bench",
    "outcomes": "colloquy.outcomes.bench",
    "search": "colloquy.search.bench",
    "record": "colloquy.bench.record",
}
ALL = ["record", "ingest", "registration", "outcomes"]  # `make bench`; ballots and search have their own targets


def main(argv: list[str]) -> int:
    """`python -m colloquy.bench NAME [ARGS...]` runs one suite with its own arguments; `all` runs ALL."""
    name, rest = (argv[0], argv[1:]) if argv else ("all", [])
    names = ALL if name == "all" else [name]
    for one in names:
        if one not in SUITES:
            print(f"unknown benchmark {one!r}; choose from: all, {', '.join(SUITES)}", file=sys.stderr)
            return 2
        module = importlib.import_module(SUITES[one])
        print(f"== {one}", flush=True)
        status = module.main(rest if name != "all" else [])
        if status:
            return int(status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
