"""A real Celery worker process extracts an article submitted through the API."""

import time

import pytest

from articles.models import Article
from claims.models import Claim
from tests.celery_helpers import drain_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.embedded, pytest.mark.django_db(transaction=True)]


def test_a_worker_extracts_the_seed_article_submitted_through_the_api(api, seed_text, tmp_path, settings):
    drain_queue()
    worker = start_worker(log_path=tmp_path / "worker.log")
    try:
        submitted = time.monotonic()
        response = api.post("/api/v1/articles/", {"text": seed_text, "title": "Starlink"}, format="json")
        assert response.status_code == 201, response.content
        article_id = response.json()["id"]

        def extracted():
            return Article.objects.filter(pk=article_id, status__in=["extracted", "failed"]).first()

        article = wait_for(extracted, timeout=180, message="the worker to extract the article")
        elapsed = time.monotonic() - submitted
        assert article.status == "extracted", (article.error, (tmp_path / "worker.log").read_text()[-3000:])
        starlink = Claim.objects.get(article_id=article_id, text__contains="25 000 terminaux")
        assert starlink.quantities.filter(value=25000, approximate=True).exists()
        print(f"\nsubmit → claims stored: {elapsed:.2f} s ({settings.DATABASES['default']['ENGINE']})")
    finally:
        stop_worker(worker)
