"""The periodic sweep queues again what a lost message or a dead worker left behind."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.tasks import requeue_stuck_articles
from tests.celery_helpers import drain_queue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


@pytest.fixture(autouse=True)
def empty_queue():
    drain_queue()
    yield
    drain_queue()


def make(status, minutes_ago, **fields):
    article = Article.objects.create(status=status, content_hash=None, **fields)
    Article.objects.filter(pk=article.pk).update(
        status_changed_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return article


def test_it_requeues_stuck_articles_through_the_broker():
    stuck_queued = make("queued", 10, text="Un article resté en file.")
    stuck_extracting = make("extracting", 60, text="Un article dont le worker est mort.")
    stuck_url = make("queued", 10, text="", url="https://example.org/story")
    make("queued", 0, text="Tout juste soumis.")
    make("extracted", 600, text="Déjà extrait.")

    assert requeue_stuck_articles() == 3

    tasks = sorted(drain_queue())
    assert tasks == [
        "articles.tasks.fetch_article",
        "claims.tasks.extract_article",
        "claims.tasks.extract_article",
    ]
    for article in (stuck_queued, stuck_extracting, stuck_url):
        article.refresh_from_db()
        assert article.status == "queued"
        assert timezone.now() - article.status_changed_at < timedelta(seconds=30)


def test_a_second_sweep_right_after_does_not_queue_them_again():
    make("queued", 10, text="Un article resté en file.")
    assert requeue_stuck_articles() == 1
    assert requeue_stuck_articles() == 0
    assert len(drain_queue()) == 1
