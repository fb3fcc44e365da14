"""Benchmark: N eligible organizations vote concurrently over HTTP against gunicorn (several workers).

    python -m benchmarks ballots [--backend sqlite|postgres|both] [--orgs 300] [--workers 4] [--clients 32]

For each backend it builds a fresh database (SQLite in a temporary directory; PostgreSQL database
`bench_ballots`, dropped and re-created), seeds N member States with one focal point and an API token each,
opens an approval ballot, starts gunicorn on 127.0.0.1, and lets N clients cast through POST
/api/ballots/{id}/cast; every third organization casts again with a different choice. It then reads the
database directly and prints one line per backend:

    sqlite: cast=400 stored=300 duplicates=0 lost=0 locked=0 errors=0 p50_ms=… p95_ms=… chain=ok

cast = acknowledged casts (HTTP 200); stored = current ballots in the database; duplicates = extra current
ballots for one organization; lost = organizations whose stored ballot is not their last acknowledged cast
(or acknowledged but missing); locked = responses or server log lines mentioning "database is locked".
Only loopback traffic; every loop is bounded.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks import child_env

PG_ADMIN_URL = os.environ.get("COLLOQUY_BENCH_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = os.environ.get("COLLOQUY_BENCH_PG_DB", "bench_ballots")

# --- runs inside a Django process (seed and check) ------------------------------------------------


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    import django

    django.setup()


def _seed(n: int) -> dict:
    _django()
    import datetime

    import pycountry
    from django.utils import timezone

    from colloquy.accounts.models import ApiToken, User
    from colloquy.ballots import services
    from colloquy.core.access import SYSTEM
    from colloquy.dialogues.models import Cycle, Forum
    from colloquy.directory.models import Membership, Organization

    forum = Forum.objects.create(name="Benchmark Dialogue", slug="bench", acronym="BD")
    cycle = Cycle.objects.create(forum=forum, year=2027, state="theme_selection")
    # Every State pycountry knows (249) as member States, the rest as observer organizations.
    countries = [c.alpha_3 for c in pycountry.countries][:n]
    orgs = Organization.objects.bulk_create(
        [Organization(name=f"Member {i} ({code})", normalized_name=f"member {i}", slug=f"member-{i}",
                      category="governments", country=code) for i, code in enumerate(countries)]
        + [Organization(name=f"Observer {i}", normalized_name=f"observer {i}", slug=f"observer-{i}",
                        category="international_organizations") for i in range(n - len(countries))])
    Membership.objects.bulk_create([
        Membership(organization=o, forum=forum, status="member_state" if o.country else "observer_organization")
        for o in orgs])
    users = User.objects.bulk_create([User(username=f"fp{i}", organization=o, password="!") for i, o in enumerate(orgs)])
    tokens = [ApiToken.issue(user=u, name="bench")[1] for u in users]
    ballot = services.ballot_create(actor=SYSTEM, cycle=cycle, title="Benchmark theme", method="approval", max_choices=2,
                                    eligibility="members_all_observers",
                                    options=["Health", "Integration", "Climate", "Labour mobility"],
                                    closes_at=timezone.now() + datetime.timedelta(days=1))
    ballot = services.ballot_open(actor=SYSTEM, ballot=ballot)
    return {"ballot": ballot.pk, "options": list(ballot.options.values_list("id", flat=True)),
            "orgs": [o.pk for o in orgs], "tokens": tokens}


def _check(ballot_id: int) -> dict:
    _django()
    from django.db.models import Count

    from colloquy.ballots.models import Ballot, CastLog, CurrentBallot
    from colloquy.ballots.verify import verify_ballot

    ballot = Ballot.objects.get(pk=ballot_id)
    rows = CurrentBallot.objects.filter(ballot=ballot)
    dupes = rows.values("organization").annotate(n=Count("id")).filter(n__gt=1)
    return {
        "stored": rows.count(),
        "duplicates": sum(d["n"] - 1 for d in dupes),
        "current": {str(r.organization_id): r.choices for r in rows},
        "log_casts": CastLog.objects.filter(ballot=ballot, kind="cast").count(),
        "chain_ok": verify_ballot(ballot).ok,
    }


# --- orchestration ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_django(env, *args) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.ballots", *args], env=env,
                         capture_output=True, text=True, timeout=600)
    if out.returncode:
        raise RuntimeError(f"bench step {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _prepare(backend: str, workdir: Path) -> dict:
    # Children (seed, check, gunicorn) import the same source tree as this process (benchmarks.child_env).
    env = child_env(dict(os.environ, DJANGO_SETTINGS_MODULE="colloquy.settings", COLLOQUY_VAR=str(workdir),
                         COLLOQUY_ALLOWED_HOSTS="127.0.0.1", COLLOQUY_LOG_LEVEL="WARNING",
                         COLLOQUY_SECRET_KEY=secrets.token_urlsafe(50),  # wsgi.py refuses to start without one
                         COLLOQUY_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"))
    env.pop("DATABASE_URL", None)
    # The server runs with the production settings' defaults (persistent connections: COLLOQUY_DB_CONN_MAX_AGE).
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"
    subprocess.run([sys.executable, "-m", "colloquy", "migrate", "--noinput", "-v", "0"], env=env, check=True, timeout=600)
    return env


_client = threading.local()


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process and its live children (Linux /proc); 0 where /proc is unavailable."""
    try:
        pids = [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return 0.0
    return _pids_cpu_seconds(pids)


def _pids_cpu_seconds(pids) -> float:
    total = 0.0
    try:
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0
    return total


def _pg_backends() -> tuple[list[int], int]:
    """PostgreSQL: the server processes serving the bench database now, and the sessions opened on it so far
    (pg_stat_database.sessions): with persistent connections the run opens none."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        pids = [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [PG_BENCH_DB])]
        sessions = conn.execute("SELECT sessions FROM pg_stat_database WHERE datname = %s", [PG_BENCH_DB]).fetchone()
    return pids, int(sessions[0]) if sessions else 0


def _request(port: int, path: str, token: str, choices: list[int]) -> tuple[int, float, str]:
    """POST one cast with http.client (lighter on the shared CPU than urllib; one connection object per client
    thread, reopened when the server closes it — gunicorn's sync workers close after every response).
    Latency = from sending the request (including any connect) to the end of the response."""
    body = json.dumps({"choices": choices}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    conn = getattr(_client, "conn", None)
    if conn is None:
        conn = _client.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    try:
        conn.request("POST", path, body=body, headers=headers)
        resp = conn.getresponse()
        status, text = resp.status, resp.read().decode(errors="replace")
        if resp.will_close:
            conn.close()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        status, text = 0, str(exc)
    return status, (time.perf_counter() - start) * 1000, text


def run_backend(backend: str, *, orgs: int, workers: int, clients: int, threads: int = 1, seed: int = 7) -> dict:
    load_start = os.getloadavg()[0]  # before this run's own seeding and server start
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-ballots-{backend}-"))
    server = None
    try:
        env = _prepare(backend, workdir)
        data = _run_django(env, "--_seed", str(orgs))
        port = _free_port()
        log_path = workdir / "gunicorn.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "colloquy.wsgi:application", "--workers", str(workers),
                 "--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--backlog", "512", "--timeout", "60"],
                env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # wait up to ~20 s for the workers
            try:
                with urllib.request.urlopen(f"{base}/api/ballots/{data['ballot']}", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not start; see {log_path}")
        with ThreadPoolExecutor(max_workers=workers) as pool:  # warm every worker (URL resolver, API schema)
            list(pool.map(lambda _: urllib.request.urlopen(f"{base}/api/ballots/{data['ballot']}", timeout=10).read(),
                          range(workers * 4)))
        rng = random.Random(seed)
        options = data["options"]
        path = f"/api/ballots/{data['ballot']}/cast"
        plans = []
        for i, (org, token) in enumerate(zip(data["orgs"], data["tokens"], strict=True)):
            casts = [rng.sample(options, rng.randint(1, 2))]
            if i % 3 == 0:  # a third change their ballot
                casts.append([o for o in options if o not in casts[0]][:1])
            plans.append((org, token, casts))
        rng.shuffle(plans)

        def vote(plan):
            org, token, casts = plan
            results = []
            for choices in casts:
                status, ms, text = _request(port, path, token, choices)
                results.append((org, choices, status, ms, text))
            return results

        db_pids, db_sessions = _pg_backends() if backend == "postgres" else ([], 0)
        load_before = os.getloadavg()[0]
        server_cpu, client_cpu, db_cpu = _cpu_seconds(server.pid), time.process_time(), _pids_cpu_seconds(db_pids)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            outcomes = [r for rs in pool.map(vote, plans) for r in rs]
        wall = time.perf_counter() - started
        server_cpu, client_cpu = _cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
        db_cpu = _pids_cpu_seconds(db_pids) - db_cpu
        db_sessions = (_pg_backends()[1] - db_sessions) if backend == "postgres" else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    check = _run_django(env, "--_check", str(data["ballot"]))
    server_log = (workdir / "gunicorn.log").read_text(errors="replace")
    acknowledged = {}
    latencies = []
    errors = 0
    locked = server_log.count("database is locked")
    for org, choices, status, ms, text in outcomes:
        latencies.append(ms)
        if status == 200:
            acknowledged[str(org)] = choices
        else:
            errors += 1
            locked += "database is locked" in text
    lost = sum(1 for org, choices in acknowledged.items() if check["current"].get(org) != choices)
    cuts = statistics.quantiles(latencies, n=100)
    result = {
        "backend": backend, "cast": sum(1 for o in outcomes if o[2] == 200), "stored": check["stored"],
        "duplicates": check["duplicates"], "lost": lost, "locked": locked, "errors": errors,
        "p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1), "log_casts": check["log_casts"],
        "chain": "ok" if check["chain_ok"] else "BROKEN", "requests": len(outcomes), "wall_s": round(wall, 2),
        "req_per_s": round(len(outcomes) / wall, 1), "load_before": round(load_before, 2),
        "load_start": round(load_start, 2), "server_cpu_ms": round(server_cpu * 1000 / len(outcomes), 2),
        "client_cpu_ms": round(client_cpu * 1000 / len(outcomes), 2),
        "db_cpu_ms": round(db_cpu * 1000 / len(outcomes), 2), "db_backends": len(db_pids),
        "db_sessions_opened": db_sessions,
        "load": round(os.getloadavg()[0], 2), "workers": workers, "threads": threads, "clients": clients,
    }
    shutil.rmtree(workdir, ignore_errors=True)
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
    return result


def format_line(r: dict) -> str:
    return (f"{r['backend']}: cast={r['cast']} stored={r['stored']} duplicates={r['duplicates']} lost={r['lost']} "
            f"p50_ms={r['p50_ms']} p95_ms={r['p95_ms']} locked={r['locked']} errors={r['errors']} "
            f"log_casts={r['log_casts']} chain={r['chain']} requests={r['requests']} req_per_s={r['req_per_s']} "
            f"clients={r['clients']} workers={r['workers']} threads={r['threads']} "
            f"server_cpu_ms_per_req={r['server_cpu_ms']} client_cpu_ms_per_req={r['client_cpu_ms']} "
            + (f"db_cpu_ms_per_req={r['db_cpu_ms']} db_backends={r['db_backends']} "
               f"db_sessions_opened={r['db_sessions_opened']} " if r["backend"] == "postgres" else "") +
            f"loadavg_start={r['load_start']} loadavg_before={r['load_before']} loadavg_after={r['load']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-ballots", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--orgs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--clients", type=int, default=32, help="concurrent HTTP clients")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (>1: gthread worker)")
    parser.add_argument("--_seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_check", type=int, help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args(argv)  # tolerate a dispatcher's own arguments (python -m benchmarks ballots)
    if args._seed:
        print(json.dumps(_seed(args._seed)))
        return 0
    if args._check:
        print(json.dumps(_check(args._check)))
        return 0
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        r = run_backend(backend, orgs=args.orgs, workers=args.workers, clients=args.clients, threads=args.threads)
        print(format_line(r), flush=True)
        failed |= bool(r["duplicates"] or r["lost"] or r["locked"] or r["chain"] != "ok" or r["p95_ms"] > 250)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
