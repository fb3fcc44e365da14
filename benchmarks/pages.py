"""Public pages under wrk: requests/s and p95 per page, against a trivial view on the same server.

    python -m benchmarks pages                       # this tree (make bench-pages)
    python -m benchmarks pages --baseline c25eee4    # and the code at that commit, side by side, in one run

Each tree gets its own demo database (`colloquy demo` under /tmp/colloquy-bench-pages/<label>/var, created once),
then gunicorn with 2 sync workers, DEBUG off (benchmarks/pages_server/bench_site.py: the production settings plus
/bench/trivial/). Every URL is warmed up, then loaded by wrk for --seconds with --connections, anonymous and signed
in as the demo's focal point of Ghana (a session made directly in the database). Both servers run at once and each
URL is loaded on one tree, then on the other, back to back.
The ratio page/trivial is the figure to quote: it holds up better than raw requests/s on a machine shared with
other jobs. Needs the Debian package `wrk`; without it the benchmark says so and exits 0 (nothing measured).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "colloquy-bench-pages"
PAGES = ["/", "/events/", "{event}", "/countries/GHA/", "/outcomes/", "/search/?q=labour+migration"]
TRIVIAL = "/bench/trivial/"

P95_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US=%d\\n", latency:percentile(95)))
end
"""

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model, load_backend
from django.contrib.sessions.backends.db import SessionStore
from django.conf import settings
from colloquy.dialogues.models import Event
user = get_user_model().objects.get(username="focal-ghana")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
# the first backend that loads users (axes, listed first, only guards logins)
session[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(b), "get_user"))
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
event = Event.objects.filter(sessions__isnull=False).distinct().order_by("start_date").first()
print(json.dumps({"session": session.session_key, "event": event.get_absolute_url()}))
"""


def env_for(tree: Path, var: Path) -> dict:
    env = dict(os.environ)
    env.update({
        # the tree's own src/ and the server's settings module, not the benchmarks package (whose __init__ puts
        # this tree's src/ first on the path)
        "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{ROOT / 'benchmarks' / 'pages_server'}",
        "COLLOQUY_VAR": str(var),
        "COLLOQUY_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "bench_site",
        "COLLOQUY_SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 40,
    })
    env.pop("DATABASE_URL", None)  # the demo on SQLite, the default a single machine runs
    return env


def prepare(label: str, tree: Path) -> tuple[dict, dict]:
    var = WORK / re.sub(r"\W+", "-", label) / "var"
    env = env_for(tree, var)
    if not (var / "colloquy.sqlite3").exists():
        print(f"[{label}] loading the demo into {var} …", flush=True)
        subprocess.run([sys.executable, "-m", "colloquy", "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    else:  # the code may have new migrations since the database was made
        subprocess.run([sys.executable, "-m", "colloquy", "migrate", "-v0"], env=env, check=True)
    # DEBUG is off: pages name their static files through the manifest that collectstatic writes
    subprocess.run([sys.executable, "-m", "colloquy", "collectstatic", "--noinput", "-v0"], env=env, check=True)
    out = subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + SETUP], env=env, check=True,
                         capture_output=True, text=True).stdout
    return env, json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "colloquy.wsgi:application", "--workers",
                               str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                              env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("the server did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def warm(url: str, cookie: str | None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    for _ in range(5):
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
            response.read()
    return status


def wrk(url: str, *, seconds: int, connections: int, cookie: str | None, script: Path) -> tuple[float, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95 = int(re.search(r"P95_US=(\d+)", out).group(1)) / 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"  warning: {errors.group(1)} non-2xx/3xx responses from {url}", flush=True)
    return rps, p95


def measure(trees: list[tuple[str, Path]], args, script: Path) -> list[dict]:
    """Both servers run at once (an idle gunicorn costs nothing); each URL is loaded on one tree and then on the
    other, back to back, so a change in the machine's load hits both sides of a comparison alike."""
    servers, rows = {}, []
    try:
        for label, tree in trees:
            env, facts = prepare(label, tree)
            port = free_port()
            servers[label] = (start_server(env, port, args.workers), port, facts)
        first = next(iter(servers.values()))[2]
        for who in ("anonymous", "signed in"):
            for page in [TRIVIAL, *PAGES]:
                for label, (_, port, facts) in servers.items():
                    cookie = f"sessionid={facts['session']}" if who == "signed in" else None
                    path = page.format(event=facts["event"])
                    url = f"http://127.0.0.1:{port}{path}"
                    status = warm(url, cookie)
                    rps, p95 = wrk(url, seconds=args.seconds, connections=args.connections, cookie=cookie,
                                   script=script)
                    rows.append({"tree": label, "who": who, "page": page.format(event=first["event"]),
                                 "status": status, "rps": rps, "p95": p95})
                    print(f"[{label}] {who:9} {path:40} {rps:8.1f} req/s  p95 {p95:7.1f} ms", flush=True)
    finally:
        for server, _, _ in servers.values():
            stop_server(server)
    return rows


def baseline_tree(ref: str) -> Path:
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", ref], capture_output=True, text=True,
                            check=True).stdout.strip()
    tree = WORK / f"tree-{commit[:10]}"
    if not tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit], check=True,
                       stdout=subprocess.DEVNULL)
    return tree


def table(rows: list[dict]) -> str:
    lines = ["| tree | visitor | page | requests/s | p95 ms | × trivial |", "|---|---|---|---|---|---|"]
    trivial = {(r["tree"], r["who"]): r["rps"] for r in rows if r["page"] == TRIVIAL}
    for r in sorted(rows, key=lambda r: (r["tree"], r["who"] != "anonymous")):
        ratio = r["rps"] / trivial[(r["tree"], r["who"])]
        lines.append(f"| {r['tree']} | {r['who']} | `{r['page']}` | {r['rps']:.0f} | {r['p95']:.1f} | {ratio:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="a git ref to measure side by side (a worktree under /tmp)")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: apt-get install wrk); page benchmark skipped.")
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    script = WORK / "p95.lua"
    script.write_text(P95_LUA)
    trees = [("this tree", ROOT)]
    if args.baseline:
        trees.insert(0, (f"baseline {args.baseline}", baseline_tree(args.baseline)))
    load = os.getloadavg()[0]
    rows = measure(trees, args, script)
    print(f"\nload average at the start: {load:.1f}; at the end: {os.getloadavg()[0]:.1f}\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
