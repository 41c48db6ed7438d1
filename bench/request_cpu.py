"""CPU per request, in-process: what one gunicorn worker spends on the pages bench/load.py loads.

On a machine with few cores, wrk's latency is roughly (CPU per request) x (requests
queued per core), so the CPU one request costs the web process is the figure to cut;
it is also steadier than wall time while other processes share the machine.

    DATABASE_URL=postgres://.../claimtrack_bench_100000 .venv/bin/python bench/request_cpu.py
    ... bench/request_cpu.py --rounds 50 --profile queue    # cProfile of one target, top 40

The database is the one bench/load.py seeded (run that once first). Each URL goes
through Django's test client (whole middleware stack, DEBUG=0, cached template
loader, a logged-in editor session or an API token) --rounds times after two
warm-ups. Printed per URL: median process CPU ms, median wall ms, SQL queries and
their summed wall time (ms, measured on the client side), response size.
Nothing is written; figures only.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

TARGETS = {
    "queue": ("/claims/", "session"),
    "queue-fr": ("/claims/", "session-fr"),
    "queue-filtered": ("/claims/?status=new&type=quantity", "session"),
    "queue-search": ("/claims/?q=ch%C3%B4mage", "session"),
    "queue-htmx": ("/claims/?page=2", "session-htmx"),
    "api": ("/api/v1/claims/?status=new&type=quantity", "token"),
    "article": ("@article", "session"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--only", nargs="*", choices=sorted(TARGETS), help="targets (default: all)")
    parser.add_argument("--profile", choices=sorted(TARGETS), help="cProfile this target instead")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key for --profile")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if not (os.environ.get("DATABASE_URL") or "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to the PostgreSQL bench database bench/load.py seeded.")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "SECURE_COOKIES": "0",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            # DEBUG=0 resolves {% static %} through the manifest bench/load.py collected.
            "STATIC_ROOT": str(BASE_DIR / "var" / "bench-static"),
        }
    )
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/11")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from claims.management.commands.seed_bench import bench_articles

    user, _ = User.objects.get_or_create(username="bench-cpu", defaults={"email": "cpu@example.org"})
    user.groups.add(Group.objects.get(name="editor"))
    token, _ = Token.objects.get_or_create(user=user)
    session = Client()
    session.force_login(user)
    french = Client(HTTP_ACCEPT_LANGUAGE="fr")
    french.force_login(user)
    clients = {
        "session": session,
        "session-fr": french,
        "session-htmx": session,
        "token": Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT="application/json"),
    }
    extra = {"session-htmx": {"HTTP_HX_REQUEST": "true"}}
    articles = bench_articles().exclude(content_hash__startswith="bench-long-").order_by("pk")
    article = articles[articles.count() // 2]

    def fetch(name: str):
        url, kind = TARGETS[name]
        if url == "@article":
            url = f"/articles/{article.pk}/"
        response = clients[kind].get(url, **extra.get(kind, {}))
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        return response

    if args.profile:
        for _ in range(3):
            fetch(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.rounds):
            fetch(args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        return

    print(f"{'target':<16} {'CPU ms':>7} {'wall ms':>8} {'queries':>8} {'SQL ms':>7} {'KB':>6}")
    for name in args.only or TARGETS:
        fetch(name)
        fetch(name)
        cpu, wall, sql = [], [], []
        for _ in range(args.rounds):
            with CaptureQueriesContext(connection) as queries:
                c0, w0 = time.process_time(), time.perf_counter()
                response = fetch(name)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        print(
            f"{name:<16} {statistics.median(cpu):>7.1f} {statistics.median(wall):>8.1f} "
            f"{len(queries.captured_queries):>8} {statistics.median(sql):>7.1f} {len(response.content) / 1024:>6.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
