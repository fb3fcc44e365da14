"""What a production server checks and prepares before its first request (`colloquy serve --production`, wsgi.py).

- `require_secret_key()`: with DEBUG off, COLLOQUY_SECRET_KEY (or COLLOQUY_SECRET_KEY_FILE) must be set. The key
  generated under var/ is fine for a laptop, not for a server: several machines would each invent their own, and
  sessions, password-reset links and signed receipts would not survive a move.
- `collectstatic_if_needed()`: whitenoise serves STATIC_ROOT; collectstatic runs when a static file is newer
  than the manifest it wrote last time (an upgrade), or when there is none.
- `gunicorn_command(addrport)`: the gunicorn invocation with the configuration shipped in the package.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

GUNICORN_CONFIG = Path(__file__).with_name("gunicorn.conf.py")
MISSING_KEY = (
    "COLLOQUY_SECRET_KEY is not set. A production server (DEBUG off) needs a secret key of its own: set "
    "COLLOQUY_SECRET_KEY, or COLLOQUY_SECRET_KEY_FILE to a file holding it (e.g. `python -c \"import secrets; "
    "print(secrets.token_urlsafe(50))\"`), the same on every machine. See docs/deployment.md."
)


def require_secret_key() -> None:
    if not settings.DEBUG and not getattr(settings, "SECRET_KEY_CONFIGURED", False):
        raise ImproperlyConfigured(MISSING_KEY)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs=None, **kwargs):
    """`check --deploy` names the missing key too, before a server refuses to start."""
    if getattr(settings, "SECRET_KEY_CONFIGURED", False):
        return []
    return [checks.Error("COLLOQUY_SECRET_KEY is not set.", hint=MISSING_KEY, id="colloquy.E002")]


def _newest_static_source() -> float:
    newest = 0.0
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns=["CVS", ".*", "*~"]):
            newest = max(newest, Path(storage.path(path)).stat().st_mtime)
    return newest


def collectstatic_if_needed(stdout=sys.stdout) -> bool:
    """Run collectstatic when STATIC_ROOT is missing or older than a source file. Returns whether it ran."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and manifest.stat().st_mtime >= _newest_static_source():
        return False
    stdout.write(f"Collecting static files into {settings.STATIC_ROOT}\n")
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest.touch(exist_ok=True)  # the manifest may be rewritten unchanged; its time is what is compared
    return True


def gunicorn_command(addrport: str) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG), "--bind", addrport,
            "colloquy.wsgi:application"]
