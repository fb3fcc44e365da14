"""Production settings: `check --deploy` is clean with the environment docs/deployment.md documents, the server
refuses to start without a secret key, gunicorn takes its numbers from the environment, pages carry a
Content-Security-Policy that no template needs to relax."""

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from colloquy.core import production

SRC = Path(settings.BASE_DIR).parent
DEPLOYMENT_DOC = SRC.parent / "docs" / "deployment.md"


def documented_environment() -> dict[str, str]:
    """The KEY=value lines of the production environment file in docs/deployment.md (the block after the
    `<!-- production-env -->` marker)."""
    text = DEPLOYMENT_DOC.read_text()
    block = text.split("<!-- production-env -->", 1)[1].split("```", 2)[1]
    env = {}
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        if re.match(r"^[A-Z][A-Z0-9_]*=", line):
            key, value = line.split("=", 1)
            env[key] = value
    return env


def run_colloquy(args, env, timeout=120):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "colloquy", *args], capture_output=True, text=True,
                          env=base | env, timeout=timeout)


def local_environment(tmp_path, **overrides) -> dict[str, str]:
    """The documented environment, with the machine-specific paths pointed into tmp_path."""
    key_file = tmp_path / "secret_key"
    key_file.write_text("k" * 20 + "-documented-production-test-key-" + "q" * 20)
    env = documented_environment() | {"COLLOQUY_VAR": str(tmp_path / "var"), "COLLOQUY_SECRET_KEY_FILE": str(key_file)}
    return env | overrides


def test_the_deployment_doc_documents_the_production_environment():
    env = documented_environment()
    assert {"COLLOQUY_SECRET_KEY_FILE", "COLLOQUY_ALLOWED_HOSTS", "COLLOQUY_HTTPS", "COLLOQUY_PROXY_SSL_HEADER",
            "DATABASE_URL", "COLLOQUY_SENDFILE"} <= set(env)
    assert "COLLOQUY_DEBUG" not in env


@pytest.mark.slow  # starts a fresh Django process: runs in make test
def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    result = run_colloquy(["check", "--deploy", "--fail-level", "WARNING"], local_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow  # starts a fresh Django process: runs in make test
def test_check_deploy_names_what_is_missing_without_https(tmp_path):
    env = local_environment(tmp_path, COLLOQUY_HTTPS="0")
    result = run_colloquy(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


@pytest.mark.slow  # starts a fresh Django process: runs in make test
def test_check_deploy_names_a_missing_secret_key(tmp_path):
    env = {k: v for k, v in local_environment(tmp_path).items() if not k.startswith("COLLOQUY_SECRET_KEY")}
    result = run_colloquy(["check", "--deploy"], env)
    assert result.returncode != 0 and "colloquy.E002" in result.stderr


@pytest.mark.slow  # starts a fresh Django process: runs in make test
def test_the_production_server_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in local_environment(tmp_path).items() if not k.startswith("COLLOQUY_SECRET_KEY")}
    result = run_colloquy(["serve", "--production", "127.0.0.1:1"], env)
    assert result.returncode != 0
    assert "COLLOQUY_SECRET_KEY is not set" in result.stderr
    assert "Starting gunicorn" not in result.stdout


def test_gunicorn_takes_its_workers_and_timeout_from_the_environment(monkeypatch):
    monkeypatch.delenv("COLLOQUY_WEB_WORKERS", raising=False)
    assert runpy.run_path(str(production.GUNICORN_CONFIG))["workers"] == 2
    monkeypatch.setenv("COLLOQUY_WEB_WORKERS", "5")
    monkeypatch.setenv("COLLOQUY_WEB_TIMEOUT", "90")
    config = runpy.run_path(str(production.GUNICORN_CONFIG))
    assert (config["workers"], config["timeout"], config["accesslog"]) == (5, 90, "-")


def test_pages_carry_a_content_security_policy_without_inline_allowances(client, db):
    policy = client.get("/events/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in policy


# Weasyprint renders these to PDF on the server; a browser never loads them as pages.
PDF_TEMPLATES = re.compile(r"/pdf/")
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)


def test_no_page_template_has_inline_scripts_styles_or_event_handlers():
    offenders = []
    for path in SRC.joinpath("colloquy").glob("*/templates/**/*"):
        if path.suffix in (".html", ".svg") and not PDF_TEMPLATES.search(path.as_posix()):
            offenders += [f"{path.relative_to(SRC)}: {m.group(0)}" for m in INLINE.finditer(path.read_text())]
    assert offenders == []


@pytest.mark.parametrize("name", ["colloquy/site.js", "registration_app/participants.js", "outcomes/outcomes.css"])
def test_the_scripts_and_styles_moved_out_of_templates_are_static_files(name):
    assert finders.find(name)
