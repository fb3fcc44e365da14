"""gunicorn configuration for `colloquy serve --production` (or `gunicorn -c <this file> colloquy.wsgi`).

Every number comes from the environment, with defaults for a small machine (docs/deployment.md):
COLLOQUY_WEB_WORKERS (processes, default 2), COLLOQUY_WEB_THREADS (threads per process, default 1),
COLLOQUY_WEB_TIMEOUT (seconds a request may take before its worker is restarted, default 60).
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "colloquy.wsgi:application"
bind = os.environ.get("COLLOQUY_BIND", "127.0.0.1:8000")  # `colloquy serve --production ADDR:PORT` overrides
workers = _int("COLLOQUY_WEB_WORKERS", 2)
threads = _int("COLLOQUY_WEB_THREADS", 1)
timeout = _int("COLLOQUY_WEB_TIMEOUT", 60)
graceful_timeout = _int("COLLOQUY_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Each worker is replaced after about a thousand requests, so a slow leak cannot grow without bound.
max_requests = _int("COLLOQUY_WEB_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# Each worker loads the app itself (wsgi.py warms it up): no database connection is shared across a fork.
preload_app = False
# Heartbeat files in memory, not on a disk that may stall (gunicorn's advice for containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Access log and errors to stdout/stderr: systemd's journal or the container runtime keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("COLLOQUY_WEB_LOG_LEVEL", "info")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
proc_name = "colloquy"
# gunicorn ≥ 25.1 opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by default: one path for every
# instance of a user (they would collide) and a write outside COLLOQUY_VAR (systemd's ProtectHome refuses it).
control_socket_disable = True
