"""Test settings: fast hashing, in-memory mail and cache, a file-backed SQLite test database.

A file (not :memory:) lets threads in concurrency tests share one WAL database, as in production.
"""

import os

from colloquy.settings import *  # noqa: F403
from colloquy.settings import DATABASES, STORAGES, TASK_BACKENDS, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Under pytest-xdist (`make test-fast`) each worker process gets its own media folders, as pytest-django gives it
# its own test database (test.sqlite3_gw0, test_<name>_gw0 on PostgreSQL).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / ("test-media" + (f"-{_WORKER}" if _WORKER else ""))
PRIVATE_MEDIA_ROOT = VAR_DIR / ("test-private" + (f"-{_WORKER}" if _WORKER else ""))
# Tests render pages without running collectstatic; the production storage is tested in a real server
# (core/tests/test_production.py).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# A connection per request in tests: the live server's keep-alive request threads (browser tests) would
# otherwise hold persistent PostgreSQL sessions past the test database's teardown, which then cannot drop it.
DATABASES["default"]["CONN_MAX_AGE"] = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {})
    DATABASES["default"]["TEST"].setdefault("NAME", str(VAR_DIR / "test.sqlite3"))

# Tests embed explicitly (search/tests/test_semantic.py) instead of loading the model on every commit.
SEARCH_EMBED_ON_SAVE = False

# Tasks run in the caller (the immediate backend), except in the tests of the queue itself, which switch to the
# database or RQ backend and run real workers (core/tests/test_tasks*.py).
TASKS = {"default": TASK_BACKENDS["immediate"]}
# The RQ tests use a Redis database of their own (and empty it), never the one a development server may use.
# Under pytest-xdist they share one worker (their module is in the xdist group "redis"), so nothing else empties it.
RQ_QUEUES = {"default": {"URL": os.environ.get("COLLOQUY_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")}}

# Sessions do not end on their own here: many tests sign in, then travel in time past a deadline. The tests of
# the lifetimes set the ones they check (accounts/tests/test_mfa.py).
COLLOQUY_SESSION_IDLE_MINUTES = 10 * 365 * 24 * 60
COLLOQUY_SESSION_MAX_HOURS = 10 * 365 * 24
SESSION_COOKIE_AGE = COLLOQUY_SESSION_MAX_HOURS * 3600
