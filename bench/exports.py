"""Export throughput and memory for 100,000 claims, and API list latency.

Uses whatever DATABASE_URL the environment gives (the embedded SQLite file when
unset); run it on PostgreSQL for figures that mean something:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack .venv/bin/python bench/exports.py

1. Seeds bench data if needed (`manage.py seed_bench`, outlet "Claimtrack bench";
   remove it afterwards with `manage.py seed_bench --clear`).
2. For CSV and XLSX, starts a fresh Python process (so that peak RSS is this
   export's alone) that requests /api/v1/claims/export/?format=…&outlet=Claimtrack bench
   through Django's test client, i.e. the real view, filter, rows and writer, and
   consumes the response completely. It reports wall time, peak RSS and the RSS
   growth (getrusage / /proc), then does it again under tracemalloc for the
   Python heap peak (slower, so not timed).
3. Times 200 requests of GET /api/v1/claims/ in this process, following the cursor's `next`
   links page after page (10,000 claims deep).
4. Writes bench/results/exports.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
RESULTS = BASE_DIR / "bench" / "results" / "exports.json"
BENCH_USER = "bench-exporter"


def _setup():
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # The benchmark times the synchronous path, whatever the size.
    settings.EXPORT_ASYNC_THRESHOLD = 10**9


def _client():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.groups.add(Group.objects.get(name="reporter"))  # exports need a role (claims.exports.limits)
    client = Client()
    client.force_login(user)
    return client


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def child(format: str, trace: bool) -> dict:
    """One export in this (fresh) process."""
    _setup()
    import tracemalloc

    from claims.management.commands.seed_bench import BENCH_OUTLET

    client = _client()
    url = "/api/v1/claims/export/"
    params = {"format": format, "outlet": BENCH_OUTLET, "sort": "oldest"}
    rss_before = _rss_kib()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    response.close()
    wall = time.perf_counter() - started
    result = {"format": format, "bytes": size, "rss_before_mib": rss_before / 1024}
    if trace:
        result["python_heap_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    else:
        result.update(wall_s=wall, peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        result["rss_growth_mib"] = result["peak_rss_mib"] - result["rss_before_mib"]
    return result


def run_child(format: str, trace: bool) -> dict:
    command = [sys.executable, __file__, "--child", format] + (["--trace"] if trace else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def api_latency(requests: int, claim_count: int) -> dict:
    """`requests` pages of GET /api/v1/claims/, following the cursor's `next` links from the first
    page down (50 claims a page: 200 requests reach 10,000 claims deep)."""
    client = _client()
    client.get("/api/v1/claims/")  # warm-up: connection, URL resolver, templates
    timings = []
    url = "/api/v1/claims/"
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        url = response.json()["next"] or "/api/v1/claims/"
    timings.sort()
    return {
        "requests": requests,
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "max_ms": timings[-1],
        "deepest_claim": min(requests * 50, claim_count),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--no-trace", action="store_true", help="Skip the tracemalloc runs.")
    parser.add_argument("--results", default="exports.json", help="file name under bench/results/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.trace)))
        return

    _setup()
    from django.core.management import call_command
    from django.db import connection

    from claims.management.commands.seed_bench import bench_articles
    from claims.models import Claim

    call_command("seed_bench", articles=args.articles, claims=args.claims)
    bench_claims = Claim.objects.filter(article__in=bench_articles()).count()
    total_claims = Claim.objects.count()

    exports = []
    for format in args.formats.split(","):
        result = run_child(format, trace=False)
        if not args.no_trace:
            result["python_heap_peak_mib"] = run_child(format, trace=True)["python_heap_peak_mib"]
        result["claims"] = bench_claims
        result["claims_per_s"] = bench_claims / result["wall_s"]
        exports.append(result)
    latency = api_latency(args.requests, total_claims)

    report = {
        "database": connection.vendor,
        "claims_exported": bench_claims,
        "claims_in_database": total_claims,
        "exports": exports,
        "api_list": latency,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    results = RESULTS.parent / args.results
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(report, indent=2) + "\n")

    print(f"\nExports of {bench_claims:,} claims on {connection.vendor}")
    print(
        f"{'format':<8}{'wall s':>9}{'claims/s':>11}{'MB out':>9}{'peak RSS MiB':>14}{'RSS growth':>12}{'py heap MiB':>13}"
    )
    for r in exports:
        print(
            f"{r['format']:<8}{r['wall_s']:>9.1f}{r['claims_per_s']:>11,.0f}{r['bytes'] / 1e6:>9.1f}"
            f"{r['peak_rss_mib']:>14.0f}{r['rss_growth_mib']:>12.0f}{r.get('python_heap_peak_mib', float('nan')):>13.1f}"
        )
    print(
        f"\nGET /api/v1/claims/ following `next` over {latency['requests']} requests ({total_claims:,} claims): "
        f"p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms, max {latency['max_ms']:.1f} ms"
    )
    print(f"Written to {results.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
