"""/healthz names the part that is down (database, broker, worker) and stays fast."""
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

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
    wait_for(lambda: WorkerHeartbeat.objects.filter(hostname="healthy@faults").exists(), timeout=90,
             message=f"a heartbeat\n{workers.logs()}")
    assert healthz() == (200, {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"})


def test_it_names_the_broker_when_the_broker_is_down(broker):
    WorkerHeartbeat.objects.beat(hostname="celery@test")
    assert healthz()[0] == 200
    broker.stop()
    status, body = healthz()
    assert status == 503
    assert body["down"] == ["broker"]
    assert body["broker"].startswith("down: ") and body["database"] == "ok" and body["worker"] == "ok"


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
        "status": "degraded", "database": "down: OperationalError", "broker": "ok",
        "worker": "unknown (database down)", "down": ["database"],
    }


def test_it_names_the_worker_when_no_heartbeat_was_ever_seen(broker):
    status, body = healthz()
    assert status == 503
    assert body == {
        "status": "degraded", "database": "ok", "broker": "ok", "worker": "down (never seen)", "down": ["worker"],
    }


def test_it_names_the_worker_when_its_last_heartbeat_is_too_old(broker):
    WorkerHeartbeat.objects.create(hostname="celery@gone", last_seen=timezone.now() - timedelta(minutes=5))
    status, body = healthz()
    assert status == 503 and body["down"] == ["worker"]
    assert body["worker"].startswith("down (last seen ") and "s ago)" in body["worker"]
