"""Helpers for tests that talk to the real broker or start a real worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app

BASE_DIR = Path(settings.BASE_DIR)


def drain_queue(name: str = "celery") -> list[str]:
    """Take every message off the queue; return the task names found."""
    names = []
    with app.connection_for_read() as conn:
        queue = conn.SimpleQueue(name)
        try:
            while True:
                try:
                    message = queue.get(block=True, timeout=0.5)
                except queue.Empty:
                    break
                names.append(message.headers.get("task"))
                message.ack()
        finally:
            queue.close()
    return names


def test_database_url() -> str:
    """A DATABASE_URL pointing at the database the test is using."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def worker_command(
    *, concurrency: int = 1, queues: str = "celery,health,exports,matching", node_name: str = ""
) -> list[str]:
    """The command line of a test's Celery worker (tests/faults adds --beat to it)."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--loglevel=info",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        "--without-gossip",
        "--without-mingle",
        f"--queues={queues}",
        *([f"--hostname={node_name}"] if node_name else []),
    ]


def worker_env(*, broker_url: str, database_url: str | None = None, extra_env: dict | None = None) -> dict:
    """A test worker's environment: the test database (unless `database_url`) and `broker_url`."""
    return {
        **os.environ,
        "DATABASE_URL": database_url or test_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }


def start_worker(
    *,
    concurrency: int = 1,
    extra_env: dict | None = None,
    log_path: Path | None = None,
    queues: str = "celery,health,exports,matching",
    node_name: str = "",
) -> subprocess.Popen:
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        worker_command(concurrency=concurrency, queues=queues, node_name=node_name),
        cwd=BASE_DIR,
        env=worker_env(broker_url=settings.CELERY_BROKER_URL, extra_env=extra_env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def wait_for(predicate, *, timeout: float, interval: float = 0.25, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {message}")
