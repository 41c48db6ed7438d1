"""HTTP load on PostgreSQL: the claim queue, the filtered claims API and an article page.

1. DATABASE_URL (default postgres://postgres@127.0.0.1:5432/claimtrack_bench) is
   created if missing, migrated, and seeded with `manage.py seed_bench` (10,000
   articles, 100,000 claims; reused when already there).
2. Static files are collected into var/bench-static (DEBUG=0 serves them through
   WhiteNoise's manifest storage).
3. gunicorn runs the app with 4 sync workers on 127.0.0.1:<free port>, DEBUG=0,
   plain http (SECURE_COOKIES=0).
4. A bench editor logs in through the login form (django-axes sees one right
   password) for a session cookie, and gets an API token.
   Before loading, the database is VACUUM ANALYZEd (fresh bulk inserts have no
   planner statistics).
5. `wrk` (Debian package `wrk`) drives each URL for --duration seconds from a
   second process on loopback; a Lua script counts every non-2xx answer as an
   error and reports p50/p95/p99.

Writes bench/results/load.json and prints a table. Traffic goes to 127.0.0.1 only.

    .venv/bin/python bench/load.py                  # 60 s per URL
    .venv/bin/python bench/load.py --duration 10    # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/claimtrack_bench"
RESULTS = BASE_DIR / "bench" / "results" / "load.json"
USERNAME = "bench-editor"
PASSWORD = "bench-" + "load-Pw-7f3e9a"  # bench-only account on a bench-only database

WRK_LUA = r"""
local non2xx = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local e = summary.errors
  io.write("JSON ", string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"mean_us": %.1f, "non2xx": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, bad, e.connect, e.read, e.write, e.status, e.timeout), "\n")
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def analyze(url: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def prepare(env: dict) -> dict:
    """User, token, and the URLs to load; runs in a child process with the bench settings."""
    code = f"""
import django, json
django.setup()
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from articles.models import Article
from claims.models import Claim
from claims.management.commands.seed_bench import bench_articles
user, _ = User.objects.get_or_create(username={USERNAME!r}, defaults={{"email": "bench@example.org"}})
user.set_password({PASSWORD!r}); user.is_active = True; user.save()
user.groups.add(Group.objects.get(name="editor"))
token, _ = Token.objects.get_or_create(user=user)
article = bench_articles().order_by("pk")[bench_articles().count() // 2]
print(json.dumps({{
    "token": token.key, "article": article.pk, "article_claims": article.claims.count(),
    "articles": Article.objects.count(), "claims": Claim.objects.count(),
    "new_quantity_claims": Claim.objects.filter(status="new", claim_type="quantity").count(),
}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, check=False, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def log_in(base: str) -> str:
    import requests

    with requests.Session() as s:
        page = s.get(f"{base}/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = s.post(
            f"{base}/login/",
            data={"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/login/"},
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302 or "sessionid" not in s.cookies:
            sys.exit(f"Bench login failed: HTTP {answer.status_code}")
        return s.cookies["sessionid"]


def preflight(url: str, headers: dict) -> None:
    import requests

    answer = requests.get(url, headers=headers, allow_redirects=False, timeout=60)
    if answer.status_code != 200:
        sys.exit(f"{url} answered HTTP {answer.status_code}, not 200: fix that before loading it.")


def run_wrk(url: str, headers: dict, *, duration: int, connections: int, threads: int, lua: Path) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(lua)]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    cmd.append(url)
    out = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=duration + 60)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("JSON ")), None)
    if line is None:
        sys.exit(f"wrk failed:\n{out.stdout}\n{out.stderr}")
    raw = json.loads(line[5:])
    errors = raw["non2xx"] + raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("non2xx", "connect", "read", "write", "timeout")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per URL (default 60)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (the machine has few cores)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/load.py needs wrk: apt-get install wrk")

    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    if not db_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/load.py runs on PostgreSQL (DATABASE_URL=postgres://...)")
    ensure_database(db_url)
    static_root = BASE_DIR / "var" / "bench-static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": db_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/11",
        "LOG_LEVEL": "WARNING",
    }
    print("Migrating and seeding (reused when already seeded)…", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    print(
        manage(env, "seed_bench", "--articles", str(args.articles), "--claims", str(args.claims)), flush=True
    )
    # Planner statistics: right after a bulk seed they are missing (the filtered API list
    # then took ~0.4 s per request instead of ~10 ms); production has autovacuum's.
    analyze(db_url)
    manifest = static_root / "staticfiles.json"
    newest = max((f.stat().st_mtime for f in (BASE_DIR / "static").rglob("*") if f.is_file()), default=0)
    if not manifest.exists() or manifest.stat().st_mtime < newest:  # minutes on a busy machine
        manage(env, "collectstatic", "--noinput", "-v0")
    info = prepare(env)
    token = info.pop("token")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(BASE_DIR / "var" / "bench-gunicorn.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    results: dict = {}
    load_before = os.getloadavg()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("gunicorn did not start; see var/bench-gunicorn.log")
                time.sleep(0.3)
        session = log_in(base)
        cookie = {"Cookie": f"sessionid={session}"}
        targets = [
            ("queue page /claims/ (session)", f"{base}/claims/", cookie),
            (
                "claims API ?status=new&type=quantity (token)",
                f"{base}/api/v1/claims/?status=new&type=quantity",
                {"Authorization": f"Token {token}", "Accept": "application/json"},
            ),
            (
                f"article page /articles/{info['article']}/ (session)",
                f"{base}/articles/{info['article']}/",
                cookie,
            ),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            lua = Path(tmp) / "report.lua"
            lua.write_text(WRK_LUA)
            for name, url, headers in targets:
                preflight(url, headers)
                # A short warm-up so each gunicorn worker has its connections and caches.
                run_wrk(url, headers, duration=3, connections=args.connections, threads=args.threads, lua=lua)
                print(f"Loading {name} for {args.duration} s…", flush=True)
                results[name] = {
                    "url": url.replace(base, ""),
                    **run_wrk(
                        url,
                        headers,
                        duration=args.duration,
                        connections=args.connections,
                        threads=args.threads,
                        lua=lua,
                    ),
                }
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    report = {
        "database": "postgresql",
        "seeded": info,
        "gunicorn_workers": args.workers,
        "wrk": {"connections": args.connections, "threads": args.threads, "duration_s": args.duration},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other processes on the machine share its cores: figures are only comparable at similar load.
            "loadavg_1m_before": round(load_before[0], 2),
            "loadavg_1m_after": round(os.getloadavg()[0], 2),
        },
        "git_commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, check=False, capture_output=True, text=True
        ).stdout.strip(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")

    print(f"\n{'target':<52} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(
            f"{name:<52} {r['requests_per_s']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8} {r['errors']:>7}"
        )
    print(f"\nWrote {RESULTS.relative_to(BASE_DIR)}")
    slow = [name for name, r in results.items() if r["p95_ms"] > 1000]
    if slow:
        print("p95 over 1 s: " + ", ".join(slow))
    if any(r["errors"] for r in results.values()):
        sys.exit("Some requests failed (non-2xx or socket errors).")


if __name__ == "__main__":
    main()
