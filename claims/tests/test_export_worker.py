"""A real Celery worker, started as `make run` and the tests start it, consumes the
`exports` queue: an export queued through the API is built (issue 17)."""

import pytest

from claims.models import Export
from claims.tests.factories import make_article, make_claim
from tests.celery_helpers import drain_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.embedded, pytest.mark.django_db(transaction=True)]


def test_a_worker_builds_a_pdf_report_queued_through_the_api(api, reporter, settings, tmp_path):
    settings.EXPORT_PDF_ASYNC_THRESHOLD = 1
    article = make_article("Le chômage a baissé de 12 %. La dette a doublé.")
    make_claim(article, "Le chômage a baissé de 12 %", status="published", verdict="false", rationale="Non.")
    make_claim(article, "La dette a doublé")
    drain_queue("exports")
    response = api.get(f"/api/v1/articles/{article.pk}/report/", {"format": "pdf"})
    assert response.status_code == 202, response.content[:300]
    worker = start_worker(log_path=tmp_path / "worker.log", extra_env={"MEDIA_ROOT": str(tmp_path / "media")})
    try:

        def finished():
            return Export.objects.filter(
                public_id=response.json()["id"], status__in=["done", "failed"]
            ).first()

        export = wait_for(finished, timeout=180, message="the worker to build the export")
    finally:
        stop_worker(worker)
    assert export.status == "done", (export.error, (tmp_path / "worker.log").read_text()[-3000:])
    assert export.row_count == 2 and export.file.name.endswith(".pdf")


def test_a_dedicated_export_worker_as_documented_builds_exports_and_leaves_extraction(
    api, reporter, settings, tmp_path
):
    """`celery -A config worker -Q exports --max-tasks-per-child=1` with WORKER_LOAD_MODELS=0."""
    import os
    import subprocess
    import sys

    from articles.models import Article
    from tests.celery_helpers import BASE_DIR, test_database_url

    settings.EXPORT_ASYNC_THRESHOLD = 0
    article = make_article("La dette a doublé.")
    make_claim(article, "La dette a doublé")
    drain_queue("exports"), drain_queue("celery")
    response = api.get("/api/v1/claims/export/", {"format": "xlsx"})
    assert response.status_code == 202
    submitted = api.post("/api/v1/articles/", {"text": "Le chômage a baissé de 3 % en 2024."}, format="json")
    assert submitted.status_code == 201
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "WORKER_LOAD_MODELS": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    with open(tmp_path / "worker.log", "wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                "exports",
                "--concurrency=1",
                "--max-tasks-per-child=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=info",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            export = wait_for(
                lambda: Export.objects.filter(
                    public_id=response.json()["id"], status__in=["done", "failed"]
                ).first(),
                timeout=120,
                message="the export worker to build the export",
            )
        finally:
            stop_worker(worker)
    assert export.status == "done", (tmp_path / "worker.log").read_text()[-3000:]
    # The extraction task was not this worker's: it still waits on the `celery` queue.
    assert Article.objects.get(pk=submitted.json()["id"]).status == "queued"
    assert drain_queue("celery") == ["claims.tasks.extract_article"]
