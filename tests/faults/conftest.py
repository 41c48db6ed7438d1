"""Fault-injection fixtures: a private redis-server per test, real worker processes.

Every test gets its own redis-server on a free port (never the machine's
Redis), and the test process's Celery app is pointed at it, so killing or
stopping the broker only affects that test. Workers run in their own process
group, so a test can SIGKILL a worker with all its pool children, and every
process is killed at teardown even when the test fails.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from config.celery import app
from conftest import SHARED
from tests.celery_helpers import test_database_url, wait_for, worker_command, worker_env

CORPUS = SHARED / "bench-corpus" / "bbc_business_politics.jsonl"
REDIS_SERVER = os.environ.get("REDIS_SERVER", "/usr/bin/redis-server")
# Worker connections carry this application_name, so tests can find them in pg_stat_activity.
WORKER_APPLICATION_NAME = "claimtrack-faults-worker"
# Short sweep settings: stuck work is requeued within seconds instead of minutes.
FAST_SWEEP = {
    "SWEEP_QUEUED_AFTER_SECONDS": "5",
    "SWEEP_EXTRACTING_AFTER_SECONDS": "10",
    "SWEEP_INTERVAL_SECONDS": "3",
    # Redis hands a dead worker's unacknowledged messages out again after this long.
    "CELERY_VISIBILITY_TIMEOUT": "15",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent(sig: int):
    """A preexec_fn: the child gets `sig` when this test process dies, however it dies.

    Children run in their own session (so a test can kill a worker's whole
    process group), which also means they would outlive a pytest killed by a
    timeout; PR_SET_PDEATHSIG (Linux) ends them too.
    """
    libc = ctypes.CDLL(None, use_errno=True)

    def preexec() -> None:
        libc.prctl(1, sig)  # PR_SET_PDEATHSIG

    return preexec


def _kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class RedisServer:
    """A throw-away redis-server (no persistence) that can be stopped and started again on its port."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - lives as long as the server
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent(signal.SIGKILL),  # noqa: PLW1509 - one prctl call, no locks
        )
        log.close()
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)

        def answers() -> bool:
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        wait_for(answers, timeout=10, interval=0.05, message=f"redis-server on port {self.port}")
        client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            _kill_group(self.process)
        self.process = None


def use_broker(url: str, *, environ: str | None) -> None:
    """Point this process's Celery app at `url`, dropping pooled connections to the old broker.

    Celery reads the CELERY_BROKER_URL environment variable before its own
    configuration (celery.app.utils.Settings.broker_url), so both are set.
    """
    if environ is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = environ
    settings.CELERY_BROKER_URL = app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    # kombu keeps pools in a process-wide registry keyed by broker URL: a closed
    # pool left there would be handed back when the old URL is restored.
    kombu_pools.reset()
    # The same reset Celery does after a fork (Celery._after_fork).
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    """A private redis-server for this test; the Celery app publishes to it."""
    server = RedisServer(tmp_path / "redis.log")
    server.start()
    previous = settings.CELERY_BROKER_URL, os.environ.get("CELERY_BROKER_URL")
    use_broker(server.url, environ=server.url)
    try:
        yield server
    finally:
        use_broker(previous[0], environ=previous[1])
        server.stop()


class Workers:
    """Starts Celery workers (optionally with an embedded beat) and kills them all at the end."""

    def __init__(self, broker: RedisServer, tmp_path: Path):
        self.broker = broker
        self.tmp_path = tmp_path
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *, concurrency: int = 1, beat: bool = False, env: dict | None = None):
        database_url = f"{test_database_url()}?application_name={WORKER_APPLICATION_NAME}"
        full_env = worker_env(broker_url=self.broker.url, database_url=database_url, extra_env=env)
        command = worker_command(concurrency=concurrency, queues="celery,health", node_name=f"{name}@faults")
        if beat:
            command += ["--beat", f"--schedule={self.tmp_path / f'beat-{name}'}"]
        with open(self.log_path(name), "wb") as log:
            process = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=full_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # SIGTERM, not SIGKILL: the worker then stops its pool processes too.
                start_new_session=True,
                preexec_fn=_die_with_parent(signal.SIGTERM),  # noqa: PLW1509
            )
        self.processes[name] = process
        return process

    def log_path(self, name: str) -> Path:
        return self.tmp_path / f"worker-{name}.log"

    def log(self, name: str, tail: int = 4000) -> str:
        path = self.log_path(name)
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def logs(self, tail: int = 3000) -> str:
        return "\n".join(f"--- {name} ---\n{self.log(name, tail)}" for name in self.processes)

    def kill(self, name: str) -> None:
        """SIGKILL the worker and its pool children: no shutdown, no acknowledgement."""
        _kill_group(self.processes[name], signal.SIGKILL)

    def kill_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                _kill_group(process, signal.SIGKILL)
        # Pool children may outlive the main process for an instant; wait for
        # their database sessions to go, or the test database cannot be flushed/dropped.
        wait_for(lambda: not worker_backends(), timeout=15, message="worker database sessions to end")


def worker_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND pid <> pg_backend_pid()",
            [WORKER_APPLICATION_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def workers(broker, tmp_path):
    pool = Workers(broker, tmp_path)
    try:
        yield pool
    finally:
        pool.kill_all()


def corpus_texts(count: int, *, min_chars: int = 0, max_chars: int = 10**9) -> list[str]:
    """`count` distinct BBC articles (shortest first) between the given lengths."""
    texts = []
    with open(CORPUS, encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"].strip()
            if min_chars <= len(text) <= max_chars:
                texts.append(text)
    texts = sorted(set(texts), key=len)
    assert len(texts) >= count, (
        f"only {len(texts)} articles in {CORPUS} between {min_chars} and {max_chars} chars"
    )
    return texts[:count]


def status_counts() -> Counter:
    from django.db.models import Count

    from articles.models import Article

    return Counter(dict(Article.objects.order_by().values_list("status").annotate(n=Count("id"))))


def duplicated_claim_spans() -> list[dict]:
    from django.db.models import Count

    from claims.models import Claim

    return list(
        Claim.objects.order_by().values("article", "start", "end").annotate(n=Count("id")).filter(n__gt=1)
    )


def wait_until_settled(article_ids, *, timeout: float, workers: Workers) -> None:
    """Wait until every article is extracted or failed; fail with the statuses and worker logs if not."""
    from articles.models import Article

    def settled():
        done = Article.objects.filter(pk__in=article_ids, status__in=["extracted", "failed"]).count()
        return done == len(article_ids)

    try:
        wait_for(settled, timeout=timeout, interval=0.5, message="every article to be extracted or failed")
    except AssertionError as exc:
        raise AssertionError(f"{exc}: {status_counts()}\n{workers.logs()}") from None
