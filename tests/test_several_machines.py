"""Several machines: two web processes and two workers on one PostgreSQL and one Redis share nothing local.

Each process gets its own CLAIMTRACK_VAR_DIR (what would be a machine's local disk) and one shared
MEDIA_ROOT (what would be a shared volume or, through Django's storage API, an object store). An
upload, an export and a report are asked for through one web process, built by whichever worker takes
them, and fetched through the other web process. No process may leave a file in its local directory.
See docs/deployment.md ("Several machines").
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from rest_framework.authtoken.models import Token

from claims.tests.factories import make_article, make_claim
from conftest import make_user
from tests import celery_helpers
from tests.celery_helpers import BASE_DIR, drain_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Every export and report goes to a worker, however small.
SETTINGS_ENV = {
    "EXPORT_ASYNC_THRESHOLD": "0",
    "EXPORT_PDF_ASYNC_THRESHOLD": "0",
    "EXPORT_HTML_ASYNC_THRESHOLD": "0",
    "EXPORT_MAX_PENDING_PER_USER": "10",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_web(port: int, env: dict, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=10).status_code == 200
    except requests.RequestException:  # not listening yet, or still loading the app
        return False


def files_under(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())


@pytest.fixture
def machines(tmp_path):
    """Two web processes (A and B) and two export workers, each with its own local directory."""
    shared = tmp_path / "shared-media"
    local = {name: tmp_path / f"var-{name}" for name in ("web-a", "web-b", "worker-1", "worker-2")}
    for path in (shared, *local.values()):
        path.mkdir()

    def env(name: str) -> dict:
        return {
            **SETTINGS_ENV,
            "DATABASE_URL": celery_helpers.test_database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CLAIMTRACK_VAR_DIR": str(local[name]),
            "MEDIA_ROOT": str(shared),
            "PYTHONUNBUFFERED": "1",
        }

    drain_queue("exports")
    ports = {"web-a": free_port(), "web-b": free_port()}
    processes = [start_web(ports[name], env(name), tmp_path / f"{name}.log") for name in ports]
    processes += [
        start_worker(
            extra_env={**env(name), "WORKER_LOAD_MODELS": "0"},
            queues="exports",
            node_name=f"{name}@%h",
            log_path=tmp_path / f"{name}.log",
        )
        for name in ("worker-1", "worker-2")
    ]
    try:
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for url in urls.values():
            wait_for(lambda url=url: answers(f"{url}/login/"), timeout=120, message=f"{url} to answer")
        yield urls, shared, local
    finally:
        for process in processes:
            stop_worker(process)
        # The uploaded article's extraction message was never for these workers.
        drain_queue("celery"), drain_queue("matching"), drain_queue("exports")


def api_session(token: Token) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token.key}"
    return session


def logged_in(base: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/login/", timeout=10)
    response = session.post(
        f"{base}/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/login/"},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def built_through(session: requests.Session, status_url: str) -> dict:
    def done():
        body = session.get(status_url, timeout=10).json()
        assert body["status"] != "failed", body
        return body if body["status"] == "done" else None

    return wait_for(done, timeout=180, interval=0.5, message=f"{status_url} to be built")


def test_what_one_web_process_stores_the_other_serves_and_no_process_keeps_a_local_file(
    machines, django_user_model
):
    urls, shared, local = machines
    reporter = make_user(django_user_model, "reporter", "reporter")
    # The tests hash with MD5 for speed; the web processes only know the real hashers.
    hasher = PBKDF2PasswordHasher()
    reporter.password = hasher.encode("pw-reporter-1", hasher.salt())
    reporter.save(update_fields=["password"])
    token = Token.objects.create(user=reporter)
    article = make_article("Le ministre a dit que le chômage a baissé de 12 %. La dette a doublé.")
    make_claim(article, "le chômage a baissé de 12 %", status="published", verdict="false", rationale="Non.")
    via_a, via_b = api_session(token), api_session(token)

    # An uploaded original: sent to A, downloaded from B.
    original = b"Le budget de la culture augmente de 3 % en 2026, a dit la ministre.\n"
    upload = {"file": ("budget.txt", original, "text/plain")}
    response = via_a.post(f"{urls['web-a']}/api/v1/articles/", files=upload, timeout=30)
    assert response.status_code == 201, response.text[:500]
    uploaded = response.json()["id"]
    reader = logged_in(urls["web-b"], "reporter", "pw-reporter-1")
    download = reader.get(f"{urls['web-b']}/articles/{uploaded}/original/", timeout=10)
    assert download.status_code == 200 and download.content == original

    # An export and a report: asked of A, built by a worker, fetched from B.
    export = via_a.get(f"{urls['web-a']}/api/v1/claims/export/", params={"format": "xlsx"}, timeout=30)
    report_url = f"{urls['web-a']}/api/v1/articles/{article.pk}/report/"
    report = via_a.get(report_url, params={"format": "pdf"}, timeout=30)
    assert (export.status_code, report.status_code) == (202, 202), (export.text[:300], report.text[:300])
    for job, magic in ((export.json(), b"PK"), (report.json(), b"%PDF")):
        status_url = job["status_url"].replace(urls["web-a"], urls["web-b"])
        done = built_through(via_b, status_url)
        body = via_b.get(done["download_url"].replace(urls["web-a"], urls["web-b"]), timeout=30)
        assert body.status_code == 200 and body.content.startswith(magic)

    # Everything lives in the shared storage; nothing in any process's own directory.
    stored = files_under(shared)
    assert any(name.startswith("articles/") for name in stored)
    assert sum(name.endswith((".xlsx", ".pdf")) for name in stored) == 2
    assert {name: files_under(path) for name, path in local.items()} == {name: [] for name in local}
