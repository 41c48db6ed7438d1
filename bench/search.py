"""Search at scale: the queue's `?q=` over 100,000 claims (claims.search).

    DATABASE_URL=postgres://…/claimtrack_bench .venv/bin/python bench/search.py [--claims 100000] [--rounds 20]

1. Migrates the database and tops it up with `seed_bench` to --claims claims.
2. Times, for each query, the queue's two statements (the count and the first page of
   25, sorted by score) over --rounds runs; prints median and p95 and the indexes
   PostgreSQL's plan uses; writes bench/results/search.json.
Nothing is asserted: figures only (load average recorded).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
RESULTS = BASE_DIR / "bench" / "results" / "search.json"
QUERIES = [
    "chomage",
    "CHÔMAGE",
    "l'énergie",
    "dette publique",
    "energy prices",
    "logements construits 2019",
    "nucleaire",
    "-dette chomage",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict

    from claims.filters import ClaimFilter
    from claims.models import Claim

    call_command("migrate", verbosity=0)
    if Claim.objects.count() < args.claims:
        call_command("seed_bench", articles=args.claims // 10, claims=args.claims, verbosity=0)
    total = Claim.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = []
    for query in QUERIES:
        qs = ClaimFilter(QueryDict(urlencode({"q": query})), queryset=Claim.objects.all(), request=None).qs
        list(qs[:25])  # warm
        timings = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            count = qs.count()
            list(qs[:25])
            timings.append((time.perf_counter() - started) * 1000)
        plan = ""
        if connection.vendor == "postgresql":
            sql, params = qs[:25].query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(r[0] for r in cursor.fetchall())
        indexes = sorted({w for w in plan.replace("(", " ").split() if w.endswith("_idx")})
        timings.sort()
        rows.append(
            {
                "q": query,
                "matches": count,
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
                "indexes": indexes,
            }
        )
        print(
            f"{query!r:28} {count:>7} matches  median {rows[-1]['median_ms']:>7} ms  p95 {rows[-1]['p95_ms']:>7} ms  "
            f"{', '.join(indexes)}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "claims": total,
                "rounds": args.rounds,
                "load_average": os.getloadavg(),
                "queries": rows,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"{total} claims on {connection.vendor}; written to {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
