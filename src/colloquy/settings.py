"""Settings, read from the environment (Healthchecks style).

Every setting that differs between machines comes from an environment variable; secrets may
also come from `<NAME>_FILE`. SQLite (WAL) under var/ is the default database;
`DATABASE_URL=postgres://...` switches to PostgreSQL.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url

from colloquy.core.sqlite import use_bundled_sqlite

# Before anything imports Django's SQLite backend: the bundled, fixed SQLite when pysqlite3 is installed.
SQLITE_LIBRARY = use_bundled_sqlite()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("COLLOQUY_HOME", BASE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("COLLOQUY_VAR", PROJECT_DIR / "var")).resolve()


def envstr(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return default


def envbool(name: str, default: bool = False) -> bool:
    value = envstr(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = envstr(name)
    return default if value in (None, "") else int(value)


def envlist(name: str, default: list[str]) -> list[str]:
    value = envstr(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("COLLOQUY_DEBUG", False)


def _secret_key() -> str:
    key = envstr("COLLOQUY_SECRET_KEY")
    if key:
        return key
    # No key configured: generate one per installation and keep it under var/ (never in git).
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("COLLOQUY_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("COLLOQUY_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("COLLOQUY_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from local static files (no CDN)
    "axes",  # login lockouts (web, admin, API tokens): accounts/lockout.py
    "colloquy.core",
    "colloquy.accounts",
    "colloquy.audit",
    "colloquy.reference",
    "colloquy.directory",
    "colloquy.dialogues",
    "colloquy.ingest",
    "colloquy.ballots",
    "colloquy.registration",
    "colloquy.outcomes",
    "colloquy.search",
    "colloquy.public",
    "colloquy.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "colloquy.core.web.HtmxErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "colloquy.core.middleware.TimezoneMiddleware",
    # Last, as django-axes requires: turns a lockout raised during authentication into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "colloquy.urls"
WSGI_APPLICATION = "colloquy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "colloquy.core.context_processors.site",
            ],
        },
    },
]


def _databases() -> dict:
    # Seconds a worker keeps its database connection between requests (0 = a new one per request). Opening one
    # costs a PostgreSQL backend process and authentication, or SQLite's init_command (PRAGMA journal_mode=WAL,
    # …), on every request, so connections persist by default; CONN_HEALTH_CHECKS replaces one that died.
    conn_max_age = envint("COLLOQUY_DB_CONN_MAX_AGE", 60)
    url = envstr("DATABASE_URL")
    if url:
        db = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        db = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "colloquy.sqlite3"),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
        }
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["OPTIONS"] = {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the busy
            # timeout instead of failing with "database is locked" when a read upgrades.
            "transaction_mode": "IMMEDIATE",
            "timeout": envint("COLLOQUY_SQLITE_TIMEOUT", 30),
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=30000;PRAGMA foreign_keys=ON;"
            ),
        }
    elif db["ENGINE"].startswith("django.db.backends.postgresql"):
        # Session settings for search (docs/benchmarks-search.md): at the default 4 MB work_mem the bitmap of a
        # common word's matches goes lossy and every heap page is rechecked; JIT compiles each search statement
        # for longer than it then runs.
        db.setdefault("OPTIONS", {}).setdefault(
            "options", envstr("COLLOQUY_PG_OPTIONS", "-c work_mem=64MB -c jit=off"))
    test_name = envstr("DATABASE_TEST_NAME")
    if test_name:
        db["TEST"] = {"NAME": test_name}
    return {"default": db}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after-login"  # focal points land on their desk
LOGOUT_REDIRECT_URL = "public:home"
# django-axes checks lockouts before any password is compared (it must come first).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockouts (docs/security.md). Failures are kept in the database, so every worker sees them; after
# AXES_FAILURE_LIMIT failures for one username, or from one address, logins from there stop for the cool-off
# (an API token check counts by address only: accounts/lockout.py). The secretariat lifts a lockout with
# `colloquy unlock USER|IP` or the admin's "Access attempts"; both are audited.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = envint("COLLOQUY_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("COLLOQUY_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "colloquy.accounts.lockout.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind a reverse proxy, the number of proxies that append to X-Forwarded-For (0: use REMOTE_ADDR).
COLLOQUY_TRUSTED_PROXIES = envint("COLLOQUY_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "colloquy.accounts.lockout.client_ip"

# Casts and uploads per organization per minute (core/ratelimit.py), counted in the default cache.
COLLOQUY_RATE_LIMITS = {
    "cast": envint("COLLOQUY_CASTS_PER_MINUTE", 30),
    "upload": envint("COLLOQUY_UPLOADS_PER_MINUTE", 20),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = envstr("COLLOQUY_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("COLLOQUY_FROM_EMAIL", "colloquy@localhost")
EMAIL_HOST = envstr("COLLOQUY_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("COLLOQUY_EMAIL_PORT", 25)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("COLLOQUY_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Uploads (ingestion through the web).
COLLOQUY_UPLOAD_MAX_BYTES = envint("COLLOQUY_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
COLLOQUY_PDF_MAX_PAGES = envint("COLLOQUY_PDF_MAX_PAGES", 2000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("COLLOQUY_LOG_LEVEL", "WARNING")},
}

# Search: compute sentence embeddings for new passages right after each commit (needs the
# [semantic] extra; otherwise `colloquy reindex --embeddings` fills them in later).
SEARCH_EMBED_ON_SAVE = envbool("COLLOQUY_SEARCH_EMBED_ON_SAVE", True)
# Compute those vectors in a background thread, so requests do not wait for the model (search/semantic.py).
SEARCH_EMBED_IN_BACKGROUND = envbool("COLLOQUY_SEARCH_EMBED_IN_BACKGROUND", True)
