"""A new item becomes an article: fetched, cleaned and extracted like a submitted URL.

The page goes through the same guarded fetcher as article URLs (size and time
limits, HTML or text only), under the host's politeness slot. The article is
stored through ``articles.services.article_submit``, which refuses a URL or a
text (content hash) already stored: such an item is marked ``duplicate`` and
points at the article that was there first.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from articles.ingestion import FetchError, IngestionError
from articles.models import Article
from articles.services import article_submit, fetch_page

from .models import SourceItem
from .polling import host_of, release_host_slot, take_host_slot


class HostBusy(Exception):
    """Another request to the same host is under way; try again in a moment."""


def import_item(item: SourceItem) -> SourceItem:
    """Fetch and store one pending item. Raises HostBusy or a transient FetchError; records the rest."""
    if item.status != SourceItem.Status.PENDING:
        return item
    source = item.source
    host = host_of(item.url)
    if not take_host_slot(
        host, hold=settings.FETCH_TIMEOUT_SECONDS * 2 + settings.SOURCES_HOST_DELAY_SECONDS
    ):
        raise HostBusy(host)
    try:
        doc = fetch_page(item.url)
    except FetchError as exc:
        if exc.transient:
            raise
        return _record(item, SourceItem.Status.FAILED, error=exc.message)
    except IngestionError as exc:
        return _record(item, SourceItem.Status.FAILED, error=exc.message)
    finally:
        release_host_slot(host)
    try:
        submission = article_submit(
            text=doc.text,
            url=item.url,
            title=item.title or doc.title,
            outlet=(source.outlet.name if source.outlet else "") or doc.outlet,
            author=doc.author,
            published_at=item.published_at or doc.published_at,
            language=source.language,
            origin=Article.Origin.URL,
            submitted_by=source.created_by,
        )
    except IngestionError as exc:
        return _record(item, SourceItem.Status.FAILED, error=exc.message)
    status = SourceItem.Status.IMPORTED if submission.created else SourceItem.Status.DUPLICATE
    return _record(item, status, article=submission.article)


def give_up(item: SourceItem, message: str) -> SourceItem:
    return _record(item, SourceItem.Status.FAILED, error=message)


def _record(item: SourceItem, status: str, *, error: str = "", article: Article | None = None) -> SourceItem:
    item.status, item.error, item.article = status, error[:2000], article
    item.save(update_fields=["status", "error", "article"])
    if status == SourceItem.Status.IMPORTED:
        type(item.source).objects.filter(pk=item.source_id).update(last_new_item_at=timezone.now())
    return item
