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
import django
from django.core.exceptions import ImproperlyConfigured

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


# A production server (`colloquy serve --production`, wsgi.py under gunicorn) refuses to start without it when
# DEBUG is off (colloquy.core.production.require_secret_key); commands and development use the generated key below.
SECRET_KEY_CONFIGURED = bool(envstr("COLLOQUY_SECRET_KEY"))


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
# Seals the ballots' cast logs and signs their published heads; generated into var/ when unset (ballots/keys.py).
COLLOQUY_BALLOT_KEY = envstr("COLLOQUY_BALLOT_KEY")
ALLOWED_HOSTS = envlist("COLLOQUY_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("COLLOQUY_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("COLLOQUY_SITE_URL", "http://127.0.0.1:8000")

# Background tasks (docs/tasks.md, colloquy.core.tasks): Django's Tasks API with the database backend by default;
# COLLOQUY_TASKS=rq puts the queue on Redis (COLLOQUY_REDIS_URL); `immediate` runs each task in the caller (tests).
COLLOQUY_TASKS = envstr("COLLOQUY_TASKS", "database")
COLLOQUY_REDIS_URL = envstr("COLLOQUY_REDIS_URL", "redis://127.0.0.1:6379/0")
# Django 6 has the Tasks API built in; 5.2 takes it from the django-tasks backport (an app of its own).
_TASKS_API = "django.tasks" if django.VERSION >= (6,) else "django_tasks"
TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": f"{_TASKS_API}.backends.immediate.ImmediateBackend"},
}
if COLLOQUY_TASKS not in TASK_BACKENDS:
    raise ValueError(f"COLLOQUY_TASKS={COLLOQUY_TASKS!r}: choose one of {', '.join(TASK_BACKENDS)}")
TASKS = {"default": TASK_BACKENDS[COLLOQUY_TASKS]}
# django_rq only where the queue is on Redis: its Dashboard model has no table, so with it installed Django's own
# `dumpdata` of the whole database fails.
TASK_APPS = [*([] if django.VERSION >= (6,) else ["django_tasks"]), "django_tasks_db",
             *(["django_rq", "django_tasks_rq"] if COLLOQUY_TASKS == "rq" else [])]
RQ_QUEUES = {"default": {"URL": COLLOQUY_REDIS_URL, "DEFAULT_TIMEOUT": envint("COLLOQUY_TASK_TIMEOUT", 3600)}}
# A worker that has not beaten for this long is dead: its running task is queued again, at most this many times.
COLLOQUY_TASK_WORKER_TIMEOUT = envint("COLLOQUY_TASK_WORKER_TIMEOUT", 60)
COLLOQUY_TASK_MAX_ATTEMPTS = envint("COLLOQUY_TASK_MAX_ATTEMPTS", 3)
# /healthz fails when a due task has waited longer than this many seconds (no worker, or too few).
COLLOQUY_TASK_MAX_WAIT = envint("COLLOQUY_TASK_MAX_WAIT", 900)
# The times of the scheduled jobs (docs/tasks.md) are each app's; COLLOQUY_SCHEDULE changes some of them:
# "send-call-reminders=0 6 * * 1-5; send-followup-reminders=0 6 * * 1" (job name = five-field cron, in UTC).
COLLOQUY_SCHEDULE = {name.strip(): cron.strip() for name, _, cron in
                     (item.partition("=") for item in (envstr("COLLOQUY_SCHEDULE", "") or "").split(";") if item.strip())}

INSTALLED_APPS = [
    # French and Spanish versions of record titles and texts (<app>/translation.py, docs/translation.md); listed
    # before the admin so that its TranslationAdmin widgets and static files win
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from local static files (no CDN)
    "csp",  # django-csp: its system checks catch settings in the pre-4.0 format
    *TASK_APPS,  # background tasks: the queue's tables (docs/tasks.md)
    "axes",  # login lockouts (web, admin, API tokens): accounts/lockout.py
    # the second factor at sign-in: authenticator-app codes and recovery codes (accounts/mfa.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "colloquy.core",
    "colloquy.accounts",
    "colloquy.audit",
    "colloquy.reference",
    "colloquy.directory",
    "colloquy.dialogues",
    "colloquy.ingest",
    "colloquy.ballots",
    "colloquy.registration",
    "colloquy.funding",
    "colloquy.outcomes",
    "colloquy.calls",
    "colloquy.drafting",
    "colloquy.search",
    "colloquy.public",
    "colloquy.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files with DEBUG off, compressed and with far-future caching of hashed names (settings below).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # `?lang=` on /api/ calls overrides the cookie and Accept-Language (docs/translation.md)
    "colloquy.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor (accounts/mfa.py)
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # session lifetimes and the second factor's gate (after messages: it tells why a session ended)
    "colloquy.accounts.middleware.AccountSecurityMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Anonymous pages from the cache, keyed by the record version (core/pagecache.py): inside the CSRF, auth,
    # messages and locale middleware, whose state it checks.
    "colloquy.core.pagecache.PageCacheMiddleware",
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

# The second factor (accounts/mfa.py, docs/security.md): "required" sends secretariat staff to set one up before
# anything else; "optional" leaves it to each person.
COLLOQUY_MFA_SECRETARIAT = envstr("COLLOQUY_MFA_SECRETARIAT", "optional")
if COLLOQUY_MFA_SECRETARIAT not in ("optional", "required"):
    raise ImproperlyConfigured("COLLOQUY_MFA_SECRETARIAT must be 'optional' or 'required'")
OTP_TOTP_ISSUER = envstr("COLLOQUY_MFA_ISSUER", "Colloquy")
# Session lifetimes (accounts/middleware.py): idle and absolute, both checked on the server.
COLLOQUY_SESSION_IDLE_MINUTES = envint("COLLOQUY_SESSION_IDLE_MINUTES", 8 * 60)
COLLOQUY_SESSION_MAX_HOURS = envint("COLLOQUY_SESSION_MAX_HOURS", 7 * 24)
SESSION_COOKIE_AGE = COLLOQUY_SESSION_MAX_HOURS * 3600
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind a reverse proxy, the number of proxies that append to X-Forwarded-For (0: use REMOTE_ADDR).
COLLOQUY_TRUSTED_PROXIES = envint("COLLOQUY_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "colloquy.accounts.lockout.client_ip"

# Casts and uploads per organization per minute (core/ratelimit.py), counted in the default cache.
COLLOQUY_RATE_LIMITS = {
    "cast": envint("COLLOQUY_CASTS_PER_MINUTE", 30),
    "upload": envint("COLLOQUY_UPLOADS_PER_MINUTE", 20),
    # per client address and per e-mail address (accounts/security_views.py)
    "password-reset": envint("COLLOQUY_PASSWORD_RESETS_PER_MINUTE", 5),
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
# Records: `title` reads the active language's `title_fr`/`title_es`, falling back to English, the original;
# writing `title` always writes English (core/translated.py, docs/translation.md).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_TZ = True
# Dates, times and numbers follow the active language (colloquy/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["colloquy.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# MEDIA_URL is served only by the development route (urls.py, DEBUG on), and never for restricted files: every
# uploaded file is downloaded through a view that checks access (colloquy.core.files).
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Nomination letters: outside MEDIA_ROOT altogether (registration.models.PrivateStorage).
PRIVATE_MEDIA_ROOT = Path(envstr("COLLOQUY_PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private"))).resolve()
# How a file view hands the bytes over: "" streams them from Python; "nginx" answers with X-Accel-Redirect to
# COLLOQUY_SENDFILE_PREFIX + "media/…" or "private/…" (an `internal` location, docs/deployment.md); "apache"
# answers with X-Sendfile and the file's path (mod_xsendfile).
COLLOQUY_SENDFILE = (envstr("COLLOQUY_SENDFILE", "") or "").strip().lower()
COLLOQUY_SENDFILE_PREFIX = envstr("COLLOQUY_SENDFILE_PREFIX", "/protected/")

# Development (DEBUG on): plain names, served from the apps' folders by runserver. Otherwise whitenoise serves the
# output of collectstatic (`colloquy serve --production` runs it when a file changed): hashed names, gzip copies.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several machines: uploads in an S3-compatible bucket (the [s3] extra, django-storages), private by default and
# streamed through the access-checked views; nomination letters under their own prefix of the same bucket.
S3_BUCKET = envstr("COLLOQUY_S3_BUCKET")
if S3_BUCKET:
    _s3 = {"bucket_name": S3_BUCKET, "endpoint_url": envstr("COLLOQUY_S3_ENDPOINT_URL"),
           "region_name": envstr("COLLOQUY_S3_REGION"), "default_acl": "private", "file_overwrite": False,
           "querystring_auth": True}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "media"}}
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "private"}}
# A command that renders a page before collectstatic ever ran (a PDF export, say) falls back to plain names.
WHITENOISE_MANIFEST_STRICT = False
# whitenoise warns (an error under the tests' filterwarnings) when STATIC_ROOT does not exist yet.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = envstr("COLLOQUY_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("COLLOQUY_FROM_EMAIL", "colloquy@localhost")
EMAIL_HOST = envstr("COLLOQUY_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("COLLOQUY_EMAIL_PORT", 25)

# HTTPS. COLLOQUY_HTTPS=1 (the documented production setting) turns on the redirect, HSTS and secure cookies
# together; each can then be turned off on its own. docs/deployment.md lists the environment `check --deploy`
# passes with (core/tests/test_production.py runs it).
HTTPS = envbool("COLLOQUY_HTTPS", False)
SECURE_SSL_REDIRECT = envbool("COLLOQUY_SSL_REDIRECT", HTTPS)
# A load balancer probes /healthz over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = envint("COLLOQUY_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("COLLOQUY_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("COLLOQUY_HSTS_PRELOAD", HTTPS)
# Only behind a proxy that sets X-Forwarded-Proto itself (and drops the client's): otherwise any client could
# claim https.
if envbool("COLLOQUY_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("COLLOQUY_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts and styles from this site only, no inline code. htmx is told not
# to inject its indicator <style> (base.html's htmx-config; the rules are in site.css) and uses no eval here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# /healthz fails when VAR_DIR or MEDIA_ROOT has less free space than this.
COLLOQUY_MIN_FREE_MB = envint("COLLOQUY_MIN_FREE_MB", 500)

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

# Search: compute sentence embeddings for new passages in a background task queued with each commit (needs the
# [semantic] extra; otherwise `colloquy reindex --embeddings` fills them in later).
SEARCH_EMBED_ON_SAVE = envbool("COLLOQUY_SEARCH_EMBED_ON_SAVE", True)
