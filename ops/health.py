"""`/healthz`: is the database reachable, is the broker reachable, is a worker alive?

Answers 200 `{"status": "ok", "database": "ok", "broker": "ok", "worker": "ok", "backlog": {…}}`,
or 503 with `"status": "degraded"`, each part's state, and `"down"` naming the
parts that are down. It must stay fast and never 500, whatever is broken: each
check catches its own errors, and the broker check gives up after one
connection attempt (a refused or timed-out connection, about 2 s at most).

A worker is alive when it ran the heartbeat recently. The heartbeat has its own
queue (`health`), so a worker busy draining thousands of tasks still runs it
between two tasks. How much work waits is reported apart, as `backlog`
(`tasks_queued`: messages in the work queues; `articles_waiting`: articles
queued or being extracted), and never makes the answer a 503: a backlog is
not an outage. A figure that cannot be read is null.
"""

from __future__ import annotations

from datetime import timedelta

from celery import current_app as app
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return f"down: {exc.__class__.__name__}"
    return "ok"


HEALTH_QUEUE = "health"


def _queued_messages(conn) -> int:
    """Messages waiting in every work queue (all but the heartbeat's)."""
    total = 0
    channel = conn.default_channel
    for queue in app.amqp.queues.values():
        if queue.name == HEALTH_QUEUE:
            continue
        try:
            total += channel.queue_declare(queue=queue.name, passive=True).message_count
        except conn.channel_errors:
            pass  # never declared: nothing was ever queued there
    return total


def _broker() -> tuple[str, int | None]:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            try:
                queued = _queued_messages(conn)
            except Exception:  # noqa: BLE001 - the backlog is a figure, not a check
                queued = None
    except Exception as exc:  # noqa: BLE001
        return f"down: {exc.__class__.__name__}", None
    return "ok", queued


def _articles_waiting() -> int | None:
    from articles.models import Article

    try:
        return Article.objects.filter(status__in=[Article.Status.QUEUED, Article.Status.EXTRACTING]).count()
    except Exception:  # noqa: BLE001 - the database check reports the cause
        return None


def heartbeat_max_age() -> timedelta:
    """A worker is alive if it ran the heartbeat task within two intervals (+30 s of slack)."""
    interval = float(settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]["schedule"])
    return timedelta(seconds=2 * interval + 30)


def _worker() -> str:
    from ops.models import WorkerHeartbeat

    try:
        last_seen = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    except Exception as exc:  # noqa: BLE001 - the database check reports the cause
        return f"unknown: {exc.__class__.__name__}"
    if last_seen is None:
        return "down (never seen)"
    age = timezone.now() - last_seen
    if age > heartbeat_max_age():
        return f"down (last seen {last_seen.isoformat(timespec='seconds')}, {int(age.total_seconds())} s ago)"
    return "ok"


def healthz(request):
    database = _database()
    broker, tasks_queued = _broker()
    checks = {"database": database, "broker": broker}
    # Without the database the heartbeats cannot be read: the worker is unknown, not down.
    checks["worker"] = _worker() if database == "ok" else "unknown (database down)"
    backlog = {
        "tasks_queued": tasks_queued,
        "articles_waiting": _articles_waiting() if database == "ok" else None,
    }
    if all(value == "ok" for value in checks.values()):
        return JsonResponse({"status": "ok", **checks, "backlog": backlog})
    down = [name for name, value in checks.items() if value.startswith("down")]
    return JsonResponse({"status": "degraded", **checks, "backlog": backlog, "down": down}, status=503)
