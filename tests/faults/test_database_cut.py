"""The worker's database connection is cut while it extracts: the task retries and finishes."""

import pytest
from django.db import connection

from articles.models import Article
from tests.celery_helpers import wait_for
from tests.faults.conftest import corpus_texts, duplicated_claim_spans, wait_until_settled, worker_backends

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_extraction_survives_its_database_connection_being_terminated(api, workers):
    # ~40,000 characters: several seconds of extraction, a wide window to cut the connection in.
    text = "\n".join(corpus_texts(20, min_chars=1800, max_chars=2500))
    response = api.post("/api/v1/articles/", {"text": text, "title": "Long read"}, format="json")
    assert response.status_code == 201, response.content
    article_id = response.json()["id"]

    workers.start("cut", concurrency=1)
    wait_for(
        lambda: Article.objects.filter(pk=article_id, status="extracting").exists(),
        timeout=90,
        interval=0.1,
        message="the worker to start extracting",
    )
    backends = worker_backends()
    assert backends, "the worker has no open database connection to cut"
    with connection.cursor() as cursor:
        for pid in backends:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert Article.objects.get(pk=article_id).status == "extracting", "extraction ended before the cut"

    wait_until_settled([article_id], timeout=90, workers=workers)
    article = Article.objects.get(pk=article_id)
    assert article.status == "extracted", (article.error, workers.logs())
    assert article.claims.exists()
    assert duplicated_claim_spans() == []
    assert "retry" in workers.log("cut", tail=100_000).lower(), "the task did not go through a retry"
