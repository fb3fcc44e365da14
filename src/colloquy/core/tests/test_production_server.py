"""A real production server, started as docs/deployment.md says: `colloquy serve --production` on a free
127.0.0.1 port, with the documented environment (DEBUG off, HTTPS behind a proxy, nginx sendfile), gunicorn,
whitenoise and the Content-Security-Policy. The database is SQLite in a temporary COLLOQUY_VAR (the one-machine
default), whichever database the rest of the suite runs on.

The checks over HTTP are marked slow; the browser check (htmx filters under the CSP, no violation in the
console) is marked e2e as well."""

import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.core.tests.test_production import documented_environment
from colloquy.testing import wait_for

pytestmark = pytest.mark.slow
SRC = Path(settings.BASE_DIR).parent

SEED = """
import datetime
import json
from django.core.files.base import ContentFile
from colloquy.dialogues.models import Cycle, Document, Event, Forum
idm = Forum.objects.create(name="International Dialogue on Migration", slug="idm", acronym="IDM")
series = Forum.objects.create(name="Migration and Development Series", slug="series", acronym="MDS")
events = []
for forum, titles in ((idm, ["Diaspora bonds workshop", "Labour mobility workshop"]), (series, ["Remittances seminar"])):
    cycle = Cycle.objects.create(forum=forum, year=2006, state="active")
    for title in titles:
        events.append(Event.objects.create(cycle=cycle, title=title, start_date=datetime.date(2006, 3, 15),
                                           end_date=datetime.date(2006, 3, 15),
                                           status="held", city="Geneva", country="CHE"))
public = Document.objects.create(title="Discussion note", forum=idm, access="public",
                                 file=ContentFile(b"%PDF-1.4 public", name="note.pdf"))
restricted = Document.objects.create(title="Closed-door minutes", forum=idm, access="restricted",
                                     file=ContentFile(b"%PDF-1.4 restricted", name="minutes.pdf"))
print(json.dumps({"public": public.pk, "restricted": restricted.pk, "restricted_name": restricted.file.name}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, base: str, data: dict, log: Path):
        self.base, self.data, self.log = base, data, log

    def get(self, path: str, *, https: bool = True, headers: dict | None = None):
        """(status, headers, body) of a GET; https=True is what nginx passes on (X-Forwarded-Proto: https)."""
        request = urllib.request.Request(self.base + path, headers=(headers or {}) | (
            {"X-Forwarded-Proto": "https"} if https else {}))

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    key_file = tmp / "secret_key"
    key_file.write_text("production-server-test-" + "k" * 40)
    port = _free_port()
    env = documented_environment() | {
        "COLLOQUY_VAR": str(tmp / "var"), "COLLOQUY_SECRET_KEY_FILE": str(key_file),
        "COLLOQUY_ALLOWED_HOSTS": "127.0.0.1", "COLLOQUY_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "COLLOQUY_SITE_URL": f"https://127.0.0.1:{port}",
        "COLLOQUY_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(SRC),
    }
    env.pop("DATABASE_URL")  # the documented SQLite alternative: "leave DATABASE_URL out"

    def colloquy(*args):
        result = subprocess.run([sys.executable, "-m", "colloquy", *args], env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    colloquy("migrate", "--noinput", "-v", "0")
    data = json.loads(colloquy("shell", "-c", SEED).stdout.strip().splitlines()[-1])
    log = tmp / "server.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "colloquy", "serve", "--production", f"127.0.0.1:{port}"],
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", data, log)
    try:
        deadline = time.monotonic() + 300  # collectstatic compresses every file first: ~50 s on a busy 2-core machine
        while True:
            try:
                if server.get("/healthz", https=False)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the production server did not start:\n" + log.read_text())
            time.sleep(0.25)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)  # gunicorn itself: `serve --production` exec'd it
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_production_server_serves_the_public_pages_with_the_security_headers(production_server):
    status, headers, body = production_server.get("/")
    assert status == 200
    status, headers, body = production_server.get("/events/")
    assert status == 200
    assert b"Diaspora bonds workshop" in body and b"Remittances seminar" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"


def test_production_server_redirects_plain_http_except_the_health_check(production_server):
    status, headers, _ = production_server.get("/events/", https=False)
    assert status == 301 and headers["Location"].startswith("https://")
    status, _, body = production_server.get("/healthz", https=False)
    assert status == 200
    health = json.loads(body)
    assert health["status"] == "ok" and health["checks"]["database"]["ok"] is True


def test_production_server_serves_hashed_compressed_static_files(production_server):
    _, _, body = production_server.get("/events/")
    script = re.search(rb'src="(/static/colloquy/site\.[0-9a-f]{12}\.js)"', body)
    assert script, "the page links the hashed name from collectstatic's manifest"
    status, headers, content = production_server.get(script.group(1).decode(), headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(content) == (SRC / "colloquy/core/static/colloquy/site.js").read_bytes()
    assert "immutable" in headers["Cache-Control"]


def test_production_server_refuses_a_restricted_document_to_an_anonymous_request(production_server):
    data = production_server.data
    assert production_server.get(f"/documents/{data['restricted']}/file/")[0] == 404
    assert production_server.get(f"/media/{data['restricted_name']}")[0] == 404  # no /media/ route at all
    status, headers, body = production_server.get(f"/documents/{data['public']}/file/")
    assert status == 200
    assert headers["X-Accel-Redirect"].startswith("/protected/media/documents/") and body == b""


def test_production_server_logs_each_request_to_stdout(production_server):
    production_server.get("/events/?logged=1")
    time.sleep(0.5)
    assert "GET /events/?logged=1" in production_server.log.read_text()


@pytest.fixture
def console_browser(tmp_path):
    """Headless Chromium that keeps the console log and sends X-Forwarded-Proto: https, as nginx would."""
    chromium = os.environ.get("COLLOQUY_CHROMIUM", "/usr/bin/chromium")
    chromedriver = os.environ.get("COLLOQUY_CHROMEDRIVER", "/usr/bin/chromedriver")
    if not (shutil.which(chromium) and shutil.which(chromedriver)):
        if os.environ.get("CI"):
            pytest.fail("Chromium and chromedriver are required in CI")
        pytest.skip("headless Chromium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--window-size=1280,1000", f"--user-data-dir={tmp_path}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"X-Forwarded-Proto": "https"}})
    yield driver
    driver.quit()


@pytest.mark.e2e
def test_htmx_filters_work_under_the_content_security_policy_with_no_violation(production_server, console_browser):
    browser = console_browser
    browser.get(production_server.base + "/events/")
    wait_for(browser, lambda d: d.execute_script("return !!(window.htmx && document.readyState === 'complete')"))
    everything = browser.find_element(By.ID, "event-count").text
    Select(browser.find_element(By.ID, "id_forum")).select_by_value("series")
    wait_for(browser, lambda d: d.find_element(By.ID, "event-count").text != everything)  # htmx swapped the list
    wait_for(browser, lambda d: "forum=series" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "#event-table tbody tr")
    assert [row.text.split("\n")[0] for row in rows] and all("Remittances" in row.text for row in rows)
    log = browser.get_log("browser")
    assert not [entry for entry in log if "Content Security Policy" in entry["message"]], log
    # (the site has no favicon: Chromium's own request for one is the only 404 it may log)
    assert not [entry for entry in log if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]], log
