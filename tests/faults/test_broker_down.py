"""With the broker down, submissions are answered at once and extracted once it is back."""

import time

import pytest

from tests.faults.conftest import FAST_SWEEP, corpus_texts, status_counts, wait_until_settled

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_articles_submitted_while_the_broker_is_down_are_extracted_when_it_is_back(api, broker, workers):
    broker.stop()
    ids, timings = [], []
    for number, text in enumerate(corpus_texts(20)):
        started = time.monotonic()
        response = api.post("/api/v1/articles/", {"text": text, "title": f"BBC {number}"}, format="json")
        timings.append(time.monotonic() - started)
        assert response.status_code == 201, response.content
        ids.append(response.json()["id"])
    print(f"\nsubmissions with the broker down: max {max(timings):.2f} s, total {sum(timings):.1f} s")
    assert max(timings) < 5
    assert status_counts() == {"queued": 20}

    broker.start()  # same port, empty: every message sent before the outage is gone
    workers.start("after-outage", concurrency=2, beat=True, env=FAST_SWEEP)
    wait_until_settled(ids, timeout=120, workers=workers)
    assert status_counts() == {"extracted": 20}
