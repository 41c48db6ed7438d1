"""Speed that does not depend on size: the same requests at 1,000 and 100,000 claims, in one run.

    .venv/bin/python bench/scale.py                       # 1k and 100k, 15 rounds each
    .venv/bin/python bench/scale.py --sizes 1000 1000000  # the million (seeding takes a while)

For each size, a PostgreSQL database of its own (BENCH_DATABASE_URL's name with the size
appended, default claimtrack_bench_<size>) is created if missing, migrated, seeded with
`manage.py seed_bench` (10 claims an article) and ANALYZEd. A child process with that
database then serves each request through Django's test client (the whole middleware stack,
DEBUG=0, no network) --rounds times after one warm-up, and reports the median and p95 per
request, the SQL query count and the response size. The parent prints the table with the
ratio of the medians (largest size / smallest) and writes bench/results/scale.json (or
scale-<sizes>.json for other sizes). Nothing is asserted: figures only, load average recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/claimtrack_bench"
RESULTS = BASE_DIR / "bench" / "results"

# (name, URL or a callable name resolved in the child, client: "session" or "token")
REQUESTS = [
    ("queue", "/claims/", "session"),
    ("queue filtered", "/claims/?status=new&type=quantity", "session"),
    ("queue search ?q=chômage", "/claims/?q=ch%C3%B4mage", "session"),
    ("queue search ?q=dette publique", "/claims/?q=dette+publique", "session"),
    ("queue page 40", "/claims/?page=40", "session"),
    ("dashboard", "/claims/dashboard/", "session"),
    ("article page", "@article", "session"),
    ("article page, 1,500 claims", "@long", "session"),
    ("API /api/v1/articles/", "/api/v1/articles/", "token"),
    ("API /api/v1/claims/", "/api/v1/claims/", "token"),
    ("API claims filtered", "/api/v1/claims/?status=new&type=quantity", "token"),
    ("API claims search", "/api/v1/claims/?q=ch%C3%B4mage", "token"),
]

CHILD = r"""
import json, os, statistics, sys, time
import django
django.setup()
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token
from claims.management.commands.seed_bench import bench_articles

rounds = int(sys.argv[1])
requests = json.loads(sys.argv[2])
user, _ = User.objects.get_or_create(username="bench-scale", defaults={"email": "scale@example.org"})
user.groups.add(Group.objects.get(name="editor"))
token, _ = Token.objects.get_or_create(user=user)
session = Client()
session.force_login(user)
api = Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT="application/json")
articles = bench_articles().exclude(content_hash__startswith="bench-long-").order_by("pk")
article = articles[articles.count() // 2]
long = bench_articles().filter(content_hash__startswith="bench-long-").first()
out = {}
for name, url, kind in requests:
    if url == "@article":
        url = f"/articles/{article.pk}/"
    if url == "@long":
        if long is None:
            continue
        url = f"/articles/{long.pk}/"
    client = session if kind == "session" else api
    first = client.get(url)  # warm
    if first.status_code != 200:
        out[name] = {"url": url, "status": first.status_code}
        continue
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    out[name] = {
        "url": url, "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 1),
        "queries": len(queries), "bytes": len(response.content),
    }
print("JSON " + json.dumps(out))
"""


def database_url(base: str, size: int) -> str:
    parts = urlsplit(base)
    return parts._replace(path=f"{parts.path.rstrip('/')}_{size}").geturl()


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"Creating database {name}", flush=True)
            conn.execute(f'CREATE DATABASE "{name}"')


def analyze(url: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def run(env: dict, *args: str, capture: bool = True) -> str:
    result = subprocess.run(args, cwd=BASE_DIR, env=env, check=False, capture_output=capture, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(args[1:3])[:60]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return (result.stdout or "").strip()


def measure(size: int, base_url: str, rounds: int, *, long: int = 0) -> dict:
    url = database_url(base_url, size)
    ensure_database(url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "SECRET_KEY": "bench-scale-" + "x" * 40,
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": str(BASE_DIR / "var" / "bench-static"),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/11",
    }
    run(env, sys.executable, "manage.py", "migrate", "--noinput", "-v0")
    manifest = BASE_DIR / "var" / "bench-static" / "staticfiles.json"
    newest = max((f.stat().st_mtime for f in (BASE_DIR / "static").rglob("*") if f.is_file()), default=0)
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        run(env, sys.executable, "manage.py", "collectstatic", "--noinput", "-v0")
    started = time.monotonic()
    print(f"[{size:,} claims] seeding (reused when there)…", flush=True)
    print(
        run(
            env,
            sys.executable,
            "manage.py",
            "seed_bench",
            "--articles",
            str(max(1, size // 10)),
            "--claims",
            str(size),
            *(["--long", str(long)] if long else []),
        ),
        flush=True,
    )
    seed_s = time.monotonic() - started
    analyze(url)
    print(f"[{size:,} claims] measuring {len(REQUESTS)} requests × {rounds}…", flush=True)
    out = run(env, sys.executable, "-c", CHILD, str(rounds), json.dumps(REQUESTS))
    line = next(ln for ln in out.splitlines() if ln.startswith("JSON "))
    return {
        "database": urlsplit(url).path.lstrip("/"),
        "seed_s": round(seed_s, 1),
        "requests": json.loads(line[5:]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DB
    load_before = os.getloadavg()
    # The long article (1,500 claims) only in the largest database: it would be most of the smallest.
    by_size = {
        size: measure(size, base_url, args.rounds, long=1500 if size == max(args.sizes) else 0)
        for size in args.sizes
    }
    small, large = min(args.sizes), max(args.sizes)
    rows = []
    header = (
        f"{'request':<34}"
        + "".join(f"{f'{s:,} ms':>14}" for s in args.sizes)
        + f"{'ratio':>8}{'queries':>10}{'KB':>8}"
    )
    print("\n" + header)
    for name, _, _ in REQUESTS:
        medians = [by_size[s]["requests"].get(name, {}).get("median_ms") for s in args.sizes]
        a, b = by_size[small]["requests"].get(name, {}), by_size[large]["requests"].get(name, {})
        ratio = (
            round(b["median_ms"] / a["median_ms"], 2) if a.get("median_ms") and b.get("median_ms") else None
        )
        rows.append(
            {
                "request": name,
                "ratio": ratio,
                **{str(s): by_size[s]["requests"].get(name) for s in args.sizes},
            }
        )
        queries = "/".join(str(by_size[s]["requests"].get(name, {}).get("queries", "?")) for s in args.sizes)
        kb = round(b.get("bytes", 0) / 1024)
        print(
            f"{name:<34}"
            + "".join(f"{m if m is not None else '-':>14}" for m in medians)
            + f"{ratio if ratio is not None else '-':>8}{queries:>10}{kb:>8}"
        )
    report = {
        "sizes": args.sizes,
        "rounds": args.rounds,
        "rows": rows,
        "seed_s": {str(s): by_size[s]["seed_s"] for s in args.sizes},
        "max_ratio": max((r["ratio"] for r in rows if r["ratio"] is not None), default=None),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_1m_before": round(load_before[0], 2),
            "loadavg_1m_after": round(os.getloadavg()[0], 2),
        },
        "git_commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, check=False, capture_output=True, text=True
        ).stdout.strip(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    name = "scale.json" if args.sizes == [1_000, 100_000] else f"scale-{'-'.join(map(str, args.sizes))}.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"\nlargest ratio {report['max_ratio']} (load {report['machine']['loadavg_1m_before']} → "
        f"{report['machine']['loadavg_1m_after']}); wrote bench/results/{name}"
    )


if __name__ == "__main__":
    main()
