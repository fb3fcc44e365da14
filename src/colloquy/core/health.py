"""`/healthz`: what a load balancer or a monitor polls. JSON, 200 when every check passes, 503 otherwise.

Each check is a dict with at least `ok`. Core checks the database (`SELECT 1`) and the free space where Colloquy
writes (VAR_DIR and MEDIA_ROOT, against `COLLOQUY_MIN_FREE_MB`); other apps add theirs through the
`health_checks()` hook of their AppConfig (core/hooks.py), the task queue among them. The answer names no path,
host or error text, only the kind of error: it is public.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from colloquy.core import hooks


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone()[0] == 1
    except Exception as exc:  # any failure to reach the database is the answer, not a 500
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
    return {"ok": ok, "vendor": connection.vendor}


def _existing(path: Path) -> Path:
    """The folder itself, or its nearest existing parent (MEDIA_ROOT appears with the first upload)."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk() -> dict:
    minimum = settings.COLLOQUY_MIN_FREE_MB
    places = {"var": settings.VAR_DIR, "media": settings.MEDIA_ROOT}
    free = {name: shutil.disk_usage(_existing(path)).free // (1024 * 1024) for name, path in places.items()}
    return {"ok": all(mb >= minimum for mb in free.values()), "min_free_mb": minimum,
            "free_mb": free}


def core_checks() -> dict:
    return {"database": check_database(), "disk": check_disk()}


@never_cache
@require_GET
def healthz(request):
    checks = hooks.health_checks()
    ok = all(check.get("ok") for check in checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)
