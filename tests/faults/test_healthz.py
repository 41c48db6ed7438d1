"""/healthz names the part that is down (database, broker, worker), reports the backlog, and stays fast."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.services import FETCH_TASK
from config.celery import app
from ops.models import WorkerHeartbeat
from tests.celery_helpers import wait_for
from tests.faults.conftest import free_port

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def healthz():
    started = time.monotonic()
    response = Client().get("/healthz")
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"/healthz took {elapsed:.1f} s"
    return response.status_code, response.json()


def test_it_is_ok_once_a_worker_and_beat_have_run(broker, workers):
    assert healthz()[1]["worker"] == "down (never seen)"
    workers.start("healthy", beat=True, env={"WORKER_HEARTBEAT_INTERVAL_SECONDS": "2"})
    wait_for(
        lambda: WorkerHeartbeat.objects.filter(hostname="healthy@faults").exists(),
        timeout=90,
        message=f"a heartbeat\n{workers.logs()}",
    )
    assert healthz() == (
        200,
        {
            "status": "ok",
            "database": "ok",
            "broker": "ok",
            "worker": "ok",
            "backlog": {"tasks_queued": 0, "articles_waiting": 0},
        },
    )


class _SlowNotFound(BaseHTTPRequestHandler):
    """Every page takes a second and is not there: a fetch task that ends, slowly."""

    def do_GET(self):  # noqa: N802
        time.sleep(1)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowNotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_backed_up_queue_is_backlog_not_a_dead_worker(broker, workers, slow_site):
    """300 URL articles ahead of any heartbeat, each fetch taking a second (the site's doing, not
    the machine's): the queue needs 300 s to drain. The heartbeat used to wait behind them and
    expire, so /healthz said 503 "worker down" while the worker was busy draining."""
    count = 300
    articles = Article.objects.bulk_create(
        Article(url=f"{slow_site}/story/{n}", status=Article.Status.QUEUED) for n in range(count)
    )
    for article in articles:
        app.send_task(FETCH_TASK, args=[article.pk])
    status, body = healthz()
    assert body["backlog"] == {"tasks_queued": count, "articles_waiting": count}
    workers.start(
        "busy",
        beat=True,
        env={"WORKER_HEARTBEAT_INTERVAL_SECONDS": "2", "FETCH_ALLOW_PRIVATE_ADDRESSES": "1"},
    )
    wait_for(
        lambda: WorkerHeartbeat.objects.filter(hostname="busy@faults").exists(),
        timeout=120,
        message=f"a heartbeat while the queue is backed up\n{workers.logs()}",
    )
    status, body = healthz()
    # At one fetch a second, at most ~120 of the 300 are done: the worker answered while busy.
    assert status == 200, body
    assert body["worker"] == "ok"
    assert body["backlog"]["tasks_queued"] > 100 and body["backlog"]["articles_waiting"] > 100, body
    # And the worker is draining the queue, not stuck: fetches end (404: the article fails with the reason).
    wait_for(
        lambda: Article.objects.filter(status=Article.Status.FAILED).exists(),
        timeout=30,
        message="a fetch to end",
    )
    assert "Could not fetch the page" in Article.objects.filter(status=Article.Status.FAILED).first().error


def test_it_names_the_broker_when_the_broker_is_down(broker):
    WorkerHeartbeat.objects.beat(hostname="celery@test")
    assert healthz()[0] == 200
    broker.stop()
    status, body = healthz()
    assert status == 503
    assert body["down"] == ["broker"]
    assert body["broker"].startswith("down: ") and body["database"] == "ok" and body["worker"] == "ok"
    assert body["backlog"] == {"tasks_queued": None, "articles_waiting": 0}


def test_it_names_the_database_when_the_database_is_unreachable(broker):
    WorkerHeartbeat.objects.beat(hostname="celery@test")
    saved_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = free_port()  # nothing listens there
    try:
        status, body = healthz()
    finally:
        connection.close()
        connection.settings_dict["PORT"] = saved_port
    assert status == 503
    assert body == {
        "status": "degraded",
        "database": "down: OperationalError",
        "broker": "ok",
        "worker": "unknown (database down)",
        "backlog": {"tasks_queued": 0, "articles_waiting": None},
        "down": ["database"],
    }


def test_it_names_the_worker_when_no_heartbeat_was_ever_seen(broker):
    status, body = healthz()
    assert status == 503
    assert body == {
        "status": "degraded",
        "database": "ok",
        "broker": "ok",
        "worker": "down (never seen)",
        "backlog": {"tasks_queued": 0, "articles_waiting": 0},
        "down": ["worker"],
    }


def test_it_names_the_worker_when_its_last_heartbeat_is_too_old(broker):
    WorkerHeartbeat.objects.create(hostname="celery@gone", last_seen=timezone.now() - timedelta(minutes=5))
    status, body = healthz()
    assert status == 503 and body["down"] == ["worker"]
    assert body["worker"].startswith("down (last seen ") and "s ago)" in body["worker"]
