"""The queue with matching at scale: `?elsewhere=true` and `?group=cluster` over 100,000 claims.

    DATABASE_URL=postgres://…/claimtrack_bench .venv/bin/python bench/matching_queue.py [--claims 100000] [--rounds 10]

1. Tops the database up with `seed_bench` to --claims claims, then (once) links a fifth of the
   claims into clusters of three across articles (suggested and confirmed links, both directions)
   and builds their clusters as migration 0013 does.
2. Times the queue's two statements (the count and the first page of 25) as the queue view builds
   them, for the plain queue, `elsewhere=true` and `group=cluster`, over --rounds runs; prints the
   median and p95 and writes bench/results/matching-queue.json.
Nothing is asserted: figures only (load average recorded).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
RESULTS = BASE_DIR / "bench" / "results" / "matching-queue.json"
CASES = {
    "plain": "",
    "elsewhere": "elsewhere=true",
    "grouped": "group=cluster",
    "grouped+elsewhere": "group=cluster&elsewhere=true",
}


def link_claims() -> int:
    from django.apps import apps
    from django.db import connection

    from claims.models import Claim, ClaimLink

    if ClaimLink.objects.filter(other__isnull=False).exists():
        return ClaimLink.objects.count()
    ids = list(Claim.objects.order_by("article_id", "pk").values_list("pk", flat=True))
    step = len(ids) // 3
    links = []
    for i in range(0, step, 5):  # claims i, i+step, i+2*step are in different articles
        a, b, c = ids[i], ids[i + step], ids[i + 2 * step]
        for x, y, status in ((a, b, "suggested"), (b, c, "confirmed")):
            links += [
                ClaimLink(claim_id=x, other_id=y, score=0.9, status=status),
                ClaimLink(claim_id=y, other_id=x, score=0.9, status=status),
            ]
    ClaimLink.objects.bulk_create(links, batch_size=5000)
    importlib.import_module("claims.migrations.0015_m14p_clusters").build_clusters(apps, None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claimlink; ANALYZE claims_claimcluster")
    return len(links)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.http import QueryDict

    from claims.filters import ClaimFilter
    from claims.models import Claim
    from claims.views.queue import grouped_rows, queue_claims

    if Claim.objects.count() < args.claims:
        call_command("seed_bench", claims=args.claims, articles=args.claims // 10)
    n_links = link_claims()
    results = {}
    for name, params in CASES.items():
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            filterset = ClaimFilter(QueryDict(params), queryset=queue_claims(), request=None)
            claims = grouped_rows(filterset.qs) if "group=" in params else filterset.qs
            paginator = Paginator(claims, 25)
            if "group=" in params:  # as the queue view counts it
                paginator.count = filterset.ungrouped_qs.count()
            page = paginator.get_page(1)
            rows = list(page.object_list)
            times.append((time.perf_counter() - start) * 1000)
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))], 1),
            "count": page.paginator.count,
            "rows": len(rows),
        }
        print(
            f"{name:20} median {results[name]['median_ms']:8.1f} ms  p95 {results[name]['p95_ms']:8.1f} ms  "
            f"({page.paginator.count} claims)"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "claims": Claim.objects.count(),
                "links": n_links,
                "rounds": args.rounds,
                "loadavg": os.getloadavg(),
                "cases": results,
            },
            indent=1,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
