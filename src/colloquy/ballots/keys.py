"""The ballot key: a secret kept outside the database that seals cast-log entries and signs published heads.

COLLOQUY_BALLOT_KEY (or COLLOQUY_BALLOT_KEY_FILE) names it; without one, a key is generated on first use into
var/ballot_key (mode 0600), like the secret key. Back it up with the installation: a lost key means old
seals can no longer be checked (the chain itself still can). See docs/security.md.
"""

import functools
import secrets
from pathlib import Path

from django.conf import settings


@functools.cache
def _load(configured: str | None, path: str) -> bytes:
    if configured:
        return configured.encode()
    file = Path(path)
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(secrets.token_urlsafe(48))
        file.chmod(0o600)
    return file.read_text().strip().encode()


def ballot_key() -> bytes:
    return _load(getattr(settings, "COLLOQUY_BALLOT_KEY", None), str(Path(settings.VAR_DIR) / "ballot_key"))
