"""Followed sources: polling throughput, the cost of an unchanged re-poll, new item → claims.

Serves 500 feeds of 20 items each (and their article pages) from a local HTTP
server in this process, allowed through FETCH_ALLOW_HOSTS, and polls them the way
one Celery worker process does (one poll after another, real PostgreSQL or
SQLite from DATABASE_URL). The per-host pause is set to 0 here because every
bench feed sits on the same host (in production it is 1 s per host).

1. first poll of every feed (200, 20 new items recorded each): feeds per minute;
2. re-poll, nothing changed (the server answers 304 to If-None-Match): feeds per
   minute, milliseconds and SQL queries per poll;
3. re-poll without conditional headers (the server sends the whole feed again):
   the same figures, for hosts that ignore ETag / Last-Modified;
4. new item → claims: 20 feeds grow by one item; for each, poll + fetch the page +
   store the article + extract its claims, in process (the Celery queue wait
   is not included): p50 / p95 seconds.
Writes bench/results/sources.json.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench .venv/bin/python bench/sources.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

FEEDS: dict[int, int] = {}  # feed number -> number of items
STATE = {"conditional": True}


def page(feed: int, item: int) -> bytes:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Feed {feed} story {item}</title></head>"
        f"<body><article><h1>Feed {feed} story {item}</h1><p>The minister said on Tuesday that unemployment in "
        f"region {feed} fell to {item}.{feed % 10} percent in the last quarter, the lowest level since 2008, "
        f"according to the statistics office.</p><p>Opposition leaders said the figure excluded {feed * 100 + item} "
        f"people enrolled in training schemes, and that spending had risen by {item + 3} percent.</p>"
        f"</article></body></html>"
    ).encode()


def feed_xml(base: str, feed: int) -> bytes:
    count = FEEDS[feed]
    items = "".join(
        f"<item><title>Feed {feed} story {i}</title><link>{base}/p/{feed}/{i}</link>"
        f"<guid isPermaLink='false'>bench-{feed}-{i}</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>"
        for i in range(count, max(0, count - 20), -1)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Bench feed {feed}</title>"
        f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        base = f"http://127.0.0.1:{self.server.server_port}"
        if parts[0] == "f":
            feed = int(parts[1])
            etag = f'"{feed}-{FEEDS[feed]}"'
            if STATE["conditional"] and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            body, kind = feed_xml(base, feed), "application/rss+xml"
        else:
            body, kind, etag = page(int(parts[1]), int(parts[2])), "text/html; charset=utf-8", None
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag and STATE["conditional"]:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--new-items", type=int, default=20)
    args = parser.parse_args()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    os.environ["FETCH_ALLOW_HOSTS"] = f"127.0.0.1:{httpd.server_port}"
    os.environ["SOURCES_HOST_DELAY_MS"] = "0"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from claims.services import article_extract
    from sources import polling
    from sources.importing import import_item
    from sources.models import Source, SourceItem
    from sources.polling import poll_source

    # The bench imports the items itself; leave no 10,000 import messages in the broker
    # for the next bench's workers (queueing is a no-op here, so it is not timed).
    polling._send_import = lambda item_id: None

    call_command("migrate", verbosity=0)
    Article.objects.filter(source_items__source__name__startswith="bench-").delete()
    Source.objects.filter(name__startswith="bench-").delete()
    for n in range(args.feeds):
        FEEDS[n] = 20
    sources = Source.objects.bulk_create(
        Source(name=f"bench-{n}", url=f"{base}/f/{n}", poll_interval_minutes=5) for n in range(args.feeds)
    )
    sources = list(Source.objects.filter(name__startswith="bench-").order_by("pk"))

    def poll_all():
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(1)
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            outcomes = [poll_source(source).outcome for source in sources]
        elapsed = time.perf_counter() - started
        return {
            "seconds": round(elapsed, 2),
            "feeds_per_minute": round(len(sources) / elapsed * 60),
            "ms_per_poll": round(elapsed / len(sources) * 1000, 2),
            "queries_per_poll": round(len(queries) / len(sources), 1),
            "outcomes": {o: outcomes.count(o) for o in set(outcomes)},
        }

    results = {
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "feeds": args.feeds,
        "items_per_feed": 20,
    }
    results["first_poll"] = poll_all()
    results["first_poll"]["items_recorded"] = SourceItem.objects.filter(
        source__name__startswith="bench-"
    ).count()
    results["repoll_unchanged_304"] = poll_all()
    STATE["conditional"] = False
    results["repoll_unchanged_no_validators"] = poll_all()
    STATE["conditional"] = True

    # New item → claims stored (in process; warm the models first).
    warm = Article.objects.create(text="The minister said unemployment fell to 7 percent in 2025.")
    article_extract(article_id=warm.pk)
    warm.delete()
    latencies = []
    for n in range(args.new_items):
        FEEDS[n] += 1
        started = time.perf_counter()
        poll_source(sources[n])
        item = SourceItem.objects.select_related("source").get(
            source=sources[n], guid=f"bench-{n}-{FEEDS[n]}"
        )
        import_item(item)
        item.refresh_from_db()
        article_extract(article_id=item.article_id)
        latencies.append(time.perf_counter() - started)
    latencies.sort()
    results["new_item_to_claims_seconds"] = {
        "runs": len(latencies),
        "p50": round(statistics.median(latencies), 3),
        "p95": round(latencies[max(0, round(0.95 * len(latencies)) - 1)], 3),
        "note": "poll + page fetch + article stored + claims extracted, in one process; queue wait excluded",
    }
    httpd.shutdown()
    out = BASE_DIR / "bench" / "results" / "sources.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
