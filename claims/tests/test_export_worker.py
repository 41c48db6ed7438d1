"""A real Celery worker, started as `make run` and the tests start it, consumes the
`exports` queue: an export queued through the API is built (issue 17)."""
import pytest

from claims.exports.testing import make_article, make_claim
from claims.models import Export
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
            return Export.objects.filter(public_id=response.json()["id"], status__in=["done", "failed"]).first()

        export = wait_for(finished, timeout=180, message="the worker to build the export")
    finally:
        stop_worker(worker)
    assert export.status == "done", (export.error, (tmp_path / "worker.log").read_text()[-3000:])
    assert export.row_count == 2 and export.file.name.endswith(".pdf")
