"""docs/deployment.md from start to finish, scripted: the documented environment (DEBUG off, HTTPS behind a proxy)
on a temporary SQLite database, `colloquy demo`, `colloquy check --deploy`, then `colloquy serve --production` on a
free 127.0.0.1 port and `colloquy worker` as two separate processes, as the systemd units run them.

Over HTTP, as nginx would pass requests on (X-Forwarded-Proto: https): the demo answers under the
Content-Security-Policy; the secretariat signs in and uploads a report, which the worker ingests in the background
(the progress page then leads to its proposals); and a call reminder is e-mailed by the worker's schedule with
nobody running a command (COLLOQUY_SCHEDULE makes the daily job due every minute; the console e-mail backend writes
the message to the worker's log). The processes are stopped in teardown, whatever happens."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from colloquy.core.tests.test_production import documented_environment

pytestmark = [
    pytest.mark.e2e, pytest.mark.slow,
    # Its database is its own SQLite file whatever the suite runs on: the PostgreSQL run would repeat it as is.
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="runs once, in the SQLite run (its deployment has its own SQLite database)"),
]
SRC = Path(settings.BASE_DIR).parent
UPLOAD = SRC / "colloquy/ingest/tests/fixtures/note-synthetic.txt"
FOCAL_EMAIL = "focal.ghana@example.org"
CALL_TITLE = "Case studies on diaspora bonds"
TIMEOUT = 600  # seconds for each wait: the test machine is shared and often loaded

# Run with `colloquy shell -c` after `colloquy demo`: the focal point of Ghana gets an e-mail address, and a call
# for case studies in a forum where Ghana is a member closes in three days (within the reminders' seven).
SEED_CALL = f"""
import datetime
from django.utils import timezone
from colloquy.accounts.models import User
from colloquy.calls.services import call_open
from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import Cycle
from colloquy.directory.models import Membership
focal = User.objects.get(username="focal-ghana")
focal.email = "{FOCAL_EMAIL}"
focal.save(update_fields=["email"])
forum = Membership.objects.active_on(timezone.localdate()).filter(organization=focal.organization).first().forum
call_open(actor=SYSTEM, kind="case_studies", title="{CALL_TITLE}", cycle=Cycle.objects.filter(forum=forum).first(),
          deadline=timezone.now() + datetime.timedelta(days=3))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Requests as nginx passes them on, with the cookies a browser would keep (secure cookies included: the
    proxy speaks https to the client)."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def request(self, path: str, *, data: bytes | None = None, headers: dict | None = None):
        headers = {"X-Forwarded-Proto": "https", "Origin": self.base.replace("http://", "https://")} | (headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = urllib.request.Request(self.base + path, data=data, headers=headers)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
                status, answer, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            with error:
                status, answer, body = error.code, error.headers, error.read()
        for cookie in answer.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return status, answer, body.decode("utf-8", "replace")

    def csrf(self, path: str) -> str:
        status, _, page = self.request(path)
        assert status == 200, page
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post_form(self, path: str, fields: dict, *, token: str):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        return self.request(path, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})

    def post_file(self, path: str, name: str, content: bytes, *, token: str):
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: text/plain\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self.request(path, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})


def wait_until(condition, what: str, *, processes=(), logs=()):
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"a process stopped while waiting for {what}:\n" + "\n".join(p.read_text() for p in logs))
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}:\n" + "\n".join(p.read_text() for p in logs))
        time.sleep(0.5)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # gunicorn (serve --production exec'd it) and the worker stop on it
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """The one-machine deployment of docs/deployment.md: returns (browser, demo logins, worker log)."""
    tmp = tmp_path_factory.mktemp("deployment")
    key_file = tmp / "secret_key"
    key_file.write_text("deployment-e2e-test-" + uuid.uuid4().hex * 2)
    port = _free_port()
    env = documented_environment() | {
        "COLLOQUY_VAR": str(tmp / "var"), "COLLOQUY_SECRET_KEY_FILE": str(key_file),
        "COLLOQUY_ALLOWED_HOSTS": "127.0.0.1", "COLLOQUY_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "COLLOQUY_SITE_URL": f"https://127.0.0.1:{port}",
        # The console backend: the worker writes each message it delivers to its log.
        "COLLOQUY_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        # The daily 08:00 call reminders, every minute instead: due as soon as the worker starts.
        "COLLOQUY_SCHEDULE": "send-call-reminders=* * * * *",
        # The demo's passages would be embedded first, before the upload; semantic search has its own tests.
        "COLLOQUY_SEMANTIC": "0",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(SRC),
    }
    env.pop("DATABASE_URL")  # the documented SQLite alternative: "leave DATABASE_URL out"
    assert "COLLOQUY_DEBUG" not in env  # DEBUG off, as in production

    def colloquy(*args):
        result = subprocess.run([sys.executable, "-m", "colloquy", *args], env=env, capture_output=True, text=True,
                                timeout=TIMEOUT)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    demo = colloquy("demo")  # migrates, loads the demo archive, prints two logins once
    logins = dict(re.findall(r"username '([^']+)', password '([^']+)'", demo))
    check = subprocess.run([sys.executable, "-m", "colloquy", "check", "--deploy"], env=env, capture_output=True,
                           text=True, timeout=TIMEOUT)
    assert check.returncode == 0 and "System check identified no issues" in check.stdout, check.stdout + check.stderr
    colloquy("shell", "-c", SEED_CALL)

    web_log, worker_log = tmp / "web.log", tmp / "worker.log"
    processes = []
    try:
        with open(web_log, "w") as out:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "colloquy", "serve", "--production", f"127.0.0.1:{port}"],
                env=env, stdout=out, stderr=subprocess.STDOUT))
        with open(worker_log, "w") as out:
            processes.append(subprocess.Popen([sys.executable, "-m", "colloquy", "worker", "--interval", "0.5"],
                                              env=env | {"PYTHONUNBUFFERED": "1"}, stdout=out,
                                              stderr=subprocess.STDOUT))
        browser = Browser(f"http://127.0.0.1:{port}")

        def healthy():
            try:
                return browser.request("/healthz")[0] == 200
            except OSError:
                return False

        wait_until(healthy, "the production server", processes=processes, logs=(web_log, worker_log))
        yield browser, logins, worker_log, processes
    finally:
        for process in processes:
            stop(process)


def test_the_deployed_demo_answers_under_the_content_security_policy_with_debug_off(deployment):
    browser, *_ = deployment
    status, headers, page = browser.request("/")
    assert status == 200
    status, headers, page = browser.request("/events/")
    assert status == 200 and "14th Summit of the Global Forum on Migration and Development" in page  # the demo archive
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    status, _, page = browser.request("/no-such-page/")
    assert status == 404 and "DEBUG = True" not in page and "Traceback" not in page


def test_an_upload_is_ingested_by_the_worker_and_leads_to_its_proposals(deployment):
    browser, logins, worker_log, processes = deployment
    token = browser.csrf("/accounts/login/")
    status, headers, page = browser.post_form("/accounts/login/", {"username": "secretariat",
                                                                    "password": logins["secretariat"]}, token=token)
    assert status == 302, page
    token = browser.csrf("/ingest/")
    status, headers, page = browser.post_file("/ingest/upload/", "note.txt", UPLOAD.read_bytes(), token=token)
    assert status == 302 and "/ingest/uploads/" in headers["Location"], page
    progress = urllib.parse.urlsplit(headers["Location"]).path
    answers = []

    def ingested():
        answers.append(browser.request(progress, headers={"HX-Request": "true"}))
        return answers[-1][0] == 204

    wait_until(ingested, "the worker to ingest the upload", processes=processes, logs=(worker_log,))
    document = answers[-1][1]["HX-Redirect"]
    status, _, page = browser.request(document)
    assert status == 200
    assert re.search(r"note\.txt: \d+ items proposed for review", page), page


def test_a_call_reminder_is_sent_by_the_worker_schedule(deployment):
    _, _, worker_log, processes = deployment

    def sent():
        return f"To: {FOCAL_EMAIL}" in worker_log.read_text()

    wait_until(sent, "the scheduled call reminder", processes=processes, logs=(worker_log,))
    log = worker_log.read_text()
    message = log[log.index(f"To: {FOCAL_EMAIL}"):]
    assert CALL_TITLE in message
    assert log.count(f"To: {FOCAL_EMAIL}") == 1  # once per call and address, however often the job runs
