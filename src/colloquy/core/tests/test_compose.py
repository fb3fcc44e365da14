"""compose.yaml (several machines) hangs together: services, images, commands, environment, volumes and the
nginx configuration refer to each other consistently. `docker compose config` (or Debian's `docker-compose`, which
.ci/run installs) also validates it against the Compose schema."""

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR).parent.parent
COMPOSE = ROOT / "compose.yaml"
APP_SERVICES = {"migrate", "web", "worker"}


def interpolate(value):
    """Docker's ${VAR:?message} and ${VAR:-default}, with a stand-in for the required ones."""
    if not isinstance(value, str):
        return value
    value = re.sub(r"\$\{(\w+):\?[^}]*\}", lambda m: f"<{m.group(1)}>", value)
    return re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: m.group(2), value)


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_has_the_several_machine_services(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "minio", "migrate", "web", "worker", "nginx"}
    for name, service in services.items():
        assert service.get("image"), name
    for name in APP_SERVICES:
        assert services[name]["image"] == "colloquy:latest" and services[name]["build"] == "."
    assert (ROOT / "Dockerfile").is_file()
    assert services["web"]["command"][:3] == ["colloquy", "serve", "--production"]
    assert services["worker"]["command"] == ["colloquy", "worker"]
    assert services["migrate"]["command"][:2] == ["colloquy", "migrate"]
    assert services["web"]["deploy"]["replicas"] >= 2


def test_compose_dependencies_exist_and_wait_for_what_they_need(compose):
    services = compose["services"]
    for name, service in services.items():
        depends = service.get("depends_on", {})
        for target in depends:
            assert target in services, (name, target)
            condition = depends[target]["condition"] if isinstance(depends, dict) else "service_started"
            if condition == "service_healthy":
                assert "healthcheck" in services[target], (name, target)
            if condition == "service_completed_successfully":
                assert services[target]["restart"] == "no", (name, target)
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["worker"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])


def test_compose_volumes_are_declared_used_and_present(compose):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in compose["services"].items():
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), (name, source)
            else:
                used.add(source)
    assert used == declared


def test_compose_environment_points_the_app_at_the_other_services(compose):
    services = compose["services"]
    env = {key: interpolate(value) for key, value in services["web"]["environment"].items()}
    assert all(services[name]["environment"] == services["web"]["environment"] for name in APP_SERVICES)
    database = urlsplit(env["DATABASE_URL"])
    db_env = {key: interpolate(value) for key, value in services["db"]["environment"].items()}
    assert (database.hostname, database.username, database.password, database.path.lstrip("/")) == (
        "db", db_env["POSTGRES_USER"], db_env["POSTGRES_PASSWORD"], db_env["POSTGRES_DB"])
    assert urlsplit(env["COLLOQUY_REDIS_URL"]).hostname == "redis"
    assert urlsplit(env["COLLOQUY_S3_ENDPOINT_URL"]).hostname == "minio"
    minio = services["minio"]["environment"]
    assert (services["web"]["environment"]["AWS_ACCESS_KEY_ID"], services["web"]["environment"]["AWS_SECRET_ACCESS_KEY"]) == (
        minio["MINIO_ROOT_USER"], minio["MINIO_ROOT_PASSWORD"])
    assert env["COLLOQUY_SECRET_KEY"] == "<COLLOQUY_SECRET_KEY>"  # required, never a default in the file


def test_every_colloquy_variable_in_compose_is_one_the_settings_read(compose):
    sources = "\n".join(p.read_text() for p in (ROOT / "src" / "colloquy").glob("settings*.py"))
    sources += (ROOT / "src" / "colloquy" / "core" / "gunicorn.conf.py").read_text()
    for key in compose["services"]["web"]["environment"]:
        if key.startswith("COLLOQUY_"):
            assert f'"{key}"' in sources, key


def test_nginx_in_compose_proxies_to_the_port_the_web_service_binds(compose):
    conf = (ROOT / "deploy" / "nginx-compose.conf").read_text()
    port = compose["services"]["web"]["command"][-1].rsplit(":", 1)[1]
    assert re.search(rf"server web:{port};", conf)
    assert "location /media/" not in conf


def compose_command() -> list[str] | None:
    """`docker compose` (the plugin), else `docker-compose` (Debian's package, which .ci/run installs)."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


def compose_config(path: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "COLLOQUY_SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "p",
           "S3_ACCESS_KEY": "a", "S3_SECRET_KEY": "s"}
    return subprocess.run([*compose_command(), "-f", str(path), "config", "--quiet"], capture_output=True, text=True,
                          env=env, cwd=ROOT)


@pytest.mark.skipif(compose_command() is None, reason="neither docker compose nor docker-compose is installed")
def test_docker_compose_config_accepts_the_file_and_refuses_a_misspelt_copy(tmp_path):
    result = compose_config(COMPOSE)
    assert result.returncode == 0, result.stderr
    broken = tmp_path / "compose.yaml"
    broken.write_text(COMPOSE.read_text().replace("    healthcheck:", "    healthchek:", 1))
    (tmp_path / "deploy").symlink_to(ROOT / "deploy")
    refused = compose_config(broken)
    assert refused.returncode != 0 and "healthchek" in refused.stderr + refused.stdout
