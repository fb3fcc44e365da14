"""Benchmarks (`make bench`, `make bench-ballots`, `make bench-search`): `python -m benchmarks NAME` from the
project root. Not part of the installed package and never run by the test suite; results and the commands that
produced them are in docs/benchmarks*.md.

They measure the source tree beside them: `src/` goes first on the import path (and on the PYTHONPATH of the
processes they start), whichever `colloquy` an editable install elsewhere would otherwise provide.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))


def child_env(env: dict | None = None) -> dict:
    """An environment for a child process (`python -m benchmarks.X`, gunicorn, `python -m colloquy`) that imports
    this tree's `colloquy` and `benchmarks`."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env
