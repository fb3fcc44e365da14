"""Settings for the page benchmark's server (benchmarks/pages.py; a top-level module, so that importing it does
not run benchmarks/__init__.py, which would put this tree's src/ before the baseline's): the production settings (DEBUG off) with one trivial view added
(bench_urls.py), the yardstick every page is compared with: same server, same middleware, no template, no query."""

from colloquy.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
DEBUG = False
