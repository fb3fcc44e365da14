"""Settings for the page benchmark's server: the production settings (DEBUG off) with one trivial view added
(pages_urls.py), the yardstick every page is compared with: same server, same middleware, no template, no query."""

from colloquy.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.pages_urls"
DEBUG = False
