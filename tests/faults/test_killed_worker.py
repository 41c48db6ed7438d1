"""A worker killed with SIGKILL in the middle of a batch loses no article and duplicates no claim."""

import time

import pytest

from articles.models import Article
from tests.celery_helpers import wait_for
from tests.faults.conftest import (
    FAST_SWEEP,
    corpus_texts,
    duplicated_claim_spans,
    status_counts,
    wait_until_settled,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_batch_survives_a_worker_killed_mid_batch(api, workers):
    texts = corpus_texts(50, min_chars=1000)
    ids = []
    for number, text in enumerate(texts):
        response = api.post("/api/v1/articles/", {"text": text, "title": f"BBC {number}"}, format="json")
        assert response.status_code == 201, response.content
        ids.append(response.json()["id"])

    started = time.monotonic()
    workers.start("doomed", concurrency=2)
    wait_for(
        lambda: Article.objects.filter(status="extracted").count() >= 3,
        timeout=120,
        message="the first worker to extract a few articles",
    )
    workers.kill("doomed")
    at_kill = status_counts()
    print(f"\nSIGKILL {time.monotonic() - started:.0f} s after the first worker started: {dict(at_kill)}")
    assert at_kill["extracted"] < 50, "the batch finished before the kill; the test proves nothing"

    workers.start("rescuer", concurrency=2, beat=True, env=FAST_SWEEP)
    started = time.monotonic()
    wait_until_settled(ids, timeout=150, workers=workers)
    print(f"all 50 settled {time.monotonic() - started:.0f} s after the second worker started")

    assert status_counts() == {"extracted": 50}, workers.logs()
    assert duplicated_claim_spans() == []
    assert not Article.objects.filter(claims__isnull=True).exists(), "an extracted article has no claims"
