"""Time from submitting the seed article to its claims being stored, through a real worker.

Uses whatever DATABASE_URL / CELERY_BROKER_URL the environment gives (the
embedded SQLite defaults when unset): migrates, starts one `celery worker`
process, waits until it is ready, then submits the seed article N times (each
a distinct text, so none is a duplicate) and measures submit → `extracted`.
Writes bench/results/submit_latency-<database>.json.

    .venv/bin/python bench/submit_latency.py --runs 7
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack \
      CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/submit_latency.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED", BASE_DIR.parent / "shared"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from articles.models import Article
    from articles.services import article_submit

    call_command("migrate", verbosity=0)
    seed = (SHARED / "samples" / "starlink-fr-2022-10.txt").read_text(encoding="utf-8")
    engine = "sqlite" if "sqlite" in settings.DATABASES["default"]["ENGINE"] else "postgresql"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=info", "--concurrency=1"],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        started = time.monotonic()
        for line in worker.stdout:  # the worker says "ready" once connected and models are warm
            if " ready." in line:
                break
        ready_after = time.monotonic() - started
        timings, ids = [], []
        for run in range(args.runs):
            text = f"{seed}\n\n(bench {time.time_ns()} run {run})"
            t0 = time.monotonic()
            with transaction.atomic():
                article = article_submit(text=text, title="bench").article
            while not Article.objects.filter(pk=article.pk, status__in=["extracted", "failed"]).exists():
                time.sleep(0.02)
            timings.append(time.monotonic() - t0)
            ids.append(article.pk)
        statuses = set(Article.objects.filter(pk__in=ids).values_list("status", flat=True))
        Article.objects.filter(pk__in=ids).delete()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    result = {
        "database": engine,
        "broker": settings.CELERY_BROKER_URL.split(":", 1)[0],
        "runs": len(timings),
        "statuses": sorted(statuses),
        "median_seconds": round(statistics.median(timings), 3),
        "min_seconds": round(min(timings), 3),
        "max_seconds": round(max(timings), 3),
        "worker_ready_seconds": round(ready_after, 2),
        "all_seconds": [round(t, 3) for t in timings],
    }
    out = BASE_DIR / "bench" / "results" / f"submit_latency-{engine}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"submit → claims stored ({engine} + {result['broker']} broker): median {result['median_seconds']} s "
        f"over {result['runs']} runs (min {result['min_seconds']}, max {result['max_seconds']}); "
        f"worker ready after {result['worker_ready_seconds']} s"
    )


if __name__ == "__main__":
    main()
