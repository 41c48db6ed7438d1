"""Background work on articles: fetching URLs and the periodic sweep."""
from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from articles.ingestion import FetchError, IngestionError, content_hash, detect_language, fetch_url
from articles.ingestion.titles import derive_title
from articles.models import Article
from articles.services import EXTRACT_TASK, FETCH_TASK, _send_task, fetch_allow_hosts, outlet_for

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
    """Fetch a URL article's page, store its text, then queue extraction."""
    article = Article.objects.filter(pk=article_id, text="", url__isnull=False).first()
    if article is None or article.status in (Article.Status.EXTRACTED, Article.Status.FAILED):
        return
    Article.objects.filter(pk=article_id).update(status_changed_at=timezone.now(), attempts=F("attempts") + 1)
    try:
        doc = fetch_url(
            article.url,
            max_bytes=settings.FETCH_MAX_BYTES,
            timeout=settings.FETCH_TIMEOUT_SECONDS,
            max_redirects=settings.FETCH_MAX_REDIRECTS,
            allow_private=settings.FETCH_ALLOW_PRIVATE_ADDRESSES,
            allow_hosts=fetch_allow_hosts(),
        )
    except FetchError as exc:
        if exc.transient and self.request.retries < self.max_retries:
            raise TransientFetchError(exc.message) from exc
        article.set_status(Article.Status.FAILED, error=f"Could not fetch the page: {exc.message}")
        return
    except IngestionError as exc:
        article.set_status(Article.Status.FAILED, error=exc.message)
        return

    text = doc.text.strip()
    if not text:
        article.set_status(Article.Status.FAILED, error="The page has no article text that could be extracted.")
        return
    if len(text) > settings.ARTICLE_MAX_CHARS:
        article.set_status(
            Article.Status.FAILED,
            error=f"The page text is {len(text):,} characters long; the limit is {settings.ARTICLE_MAX_CHARS:,}.",
        )
        return
    digest = content_hash(text)
    duplicate = Article.objects.filter(content_hash=digest).exclude(pk=article_id).first()
    if duplicate:
        article.set_status(Article.Status.FAILED, error=f"Same text as article #{duplicate.pk}.")
        return
    try:
        with transaction.atomic():
            article.text = text
            article.content_hash = digest
            article.original_html = doc.original_html
            article.title = article.title or " ".join(doc.title.split())[:500] or derive_title(text)
            article.author = article.author or doc.author[:300]
            article.published_at = article.published_at or doc.published_at
            article.language = article.language or doc.language or detect_language(text)
            article.outlet = article.outlet or outlet_for(doc.outlet)
            article.status = Article.Status.QUEUED
            article.status_changed_at = timezone.now()
            article.save()
            transaction.on_commit(lambda: _send_task(EXTRACT_TASK, article_id))
    except IntegrityError:
        article.refresh_from_db()
        article.set_status(Article.Status.FAILED, error="Another article with the same text was stored meanwhile.")


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
