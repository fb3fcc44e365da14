"""Dispatch `python -m benchmarks NAME` (from the project root) to `benchmarks.<name>:main`.

Results are printed and recorded by hand in docs/benchmarks.md with the command that produced them.
"""

import importlib
import subprocess
import sys

from benchmarks import ROOT, child_env

SUITES = {
    "ingest": "benchmarks.ingest",
    "pdf": "benchmarks.pdf",
    "ballots": "benchmarks.ballots",
    "registration": "benchmarks.registration",
    "outcomes": "benchmarks.outcomes",
    "search": "benchmarks.search",
    "record": "benchmarks.record",
    "hostile": "benchmarks.hostile",
    "pages": "benchmarks.pages",
    "drafting": "benchmarks.drafting",
    "embed": "benchmarks.embed",
}
ALL = ["record", "ingest", "registration", "outcomes"]  # `make bench`; ballots and search have their own targets,
# pdf (PyMuPDF against pypdf, docs/extraction.md) is run by hand; pages runs after ALL in `make bench`


def main(argv: list[str]) -> int:
    """`python -m benchmarks NAME [ARGS...]` runs one suite with its own arguments; `all` runs ALL, each in
    its own process (suites set up Django differently, and one suite's memory must not count in the next's)."""
    name, rest = (argv[0], argv[1:]) if argv else ("all", [])
    if name == "all":
        for one in ALL:
            status = subprocess.call([sys.executable, "-m", "benchmarks", one], cwd=ROOT, env=child_env())
            if status:
                return status
        return 0
    if name not in SUITES:
        print(f"unknown benchmark {name!r}; choose from: all, {', '.join(SUITES)}", file=sys.stderr)
        return 2
    print(f"== {name}", flush=True)
    return int(importlib.import_module(SUITES[name]).main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
