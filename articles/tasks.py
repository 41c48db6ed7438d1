"""Background work on articles: fetching URLs and the periodic sweep."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from articles.ingestion import FetchError
from articles.models import Article
from articles.services import EXTRACT_TASK, FETCH_TASK, _send_task, article_fetch

logger = logging.getLogger(__name__)


class TransientFetchError(Exception):
    """A fetch that may work on a later try (timeout, 5xx, DNS hiccup)."""


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TransientFetchError, OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=4,
)
def fetch_article(self, article_id: int) -> None:
    """Fetch a URL article's page, store its text, then queue extraction (articles.services.article_fetch)."""
    try:
        article_fetch(article_id=article_id, retry_transient=self.request.retries < self.max_retries)
    except FetchError as exc:  # transient, and retries are left
        raise TransientFetchError(exc.message) from exc


@shared_task(ignore_result=True)
def requeue_stuck_articles() -> int:
    """Queue again every article left waiting too long (lost message, broker outage, dead worker).

    Each article is claimed with a conditional update, so two beat schedulers
    (or a sweep racing a worker) never queue it twice in one round.
    """
    stuck = Article.objects.stuck(
        queued_for=timedelta(seconds=settings.SWEEP_QUEUED_AFTER_SECONDS),
        extracting_for=timedelta(seconds=settings.SWEEP_EXTRACTING_AFTER_SECONDS),
    ).values_list("pk", "status", "status_changed_at", "text", "url")[:500]
    requeued = 0
    for pk, status, changed_at, text, url in stuck:
        claimed = Article.objects.filter(pk=pk, status=status, status_changed_at=changed_at).update(
            status=Article.Status.QUEUED, status_changed_at=timezone.now()
        )
        if claimed:
            _send_task(FETCH_TASK if not text and url else EXTRACT_TASK, pk)
            requeued += 1
    if requeued:
        logger.info("Requeued %d stuck article(s)", requeued)
    return requeued
