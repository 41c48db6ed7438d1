"""Polling a source: a conditional GET through the SSRF guard, then new items only.

``poll_source`` is what the beat task and "Poll now" run. It
1. takes the host's politeness slot (one request at a time per host, then a pause);
2. sends ``If-None-Match`` / ``If-Modified-Since`` from the last answer, so an
   unchanged feed costs a 304 and nothing else;
3. follows a feed that moved for good (301/308) by updating its URL;
4. on a home page, discovers its feeds and follows the first;
5. records each item not seen before (GUID or canonical URL) and queues its import;
6. on failure, backs off exponentially; after SOURCES_DEAD_AFTER_FAILURES in a row
   the source is marked dead and no longer polled (an editor can revive it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.ingestion import FetchError, IngestionError, fetch_raw
from articles.services import fetch_policy

from .feeds import FEED_TYPES, FeedError, canonical_url, discover_feeds, looks_like_html, parse_feed
from .models import HostSlot, Source, SourceItem

logger = logging.getLogger(__name__)

IMPORT_TASK = "sources.tasks.import_item"
MAX_BACKOFF = timedelta(hours=24)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5"
)


@dataclass
class PollResult:
    outcome: str  # "new" | "unchanged" | "error" | "busy"
    new_items: int = 0
    error: str = ""


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc or "").lower()[:300]


def take_host_slot(host: str, *, hold: float) -> bool:
    """Take ``host``'s slot for at most ``hold`` seconds; False when another request holds it."""
    now = timezone.now()
    HostSlot.objects.get_or_create(host=host, defaults={"free_at": now})
    return bool(
        HostSlot.objects.filter(host=host, free_at__lte=now).update(free_at=now + timedelta(seconds=hold))
    )


def release_host_slot(host: str) -> None:
    """Free the slot after the minimum pause between two requests to the host."""
    HostSlot.objects.filter(host=host).update(
        free_at=timezone.now() + timedelta(seconds=settings.SOURCES_HOST_DELAY_SECONDS)
    )


def polite_fetch(url: str, **kwargs):
    """``fetch_raw`` under the host's slot; None when the host is busy (try again shortly)."""
    host = host_of(url)
    if not take_host_slot(
        host, hold=settings.FETCH_TIMEOUT_SECONDS * 2 + settings.SOURCES_HOST_DELAY_SECONDS
    ):
        return None
    try:
        return fetch_raw(url, **fetch_policy(), **kwargs)
    finally:
        release_host_slot(host)


def _check_feed_type(response) -> None:
    mime = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if mime and mime not in FEED_TYPES and "html" not in mime and "xml" not in mime and mime != "text/plain":
        raise FetchError(f"The source returns {mime} content, not a feed or a web page.")


def poll_source(source: Source, *, force: bool = False) -> PollResult:
    """Poll one source now (see the module docstring). Never raises for a bad feed."""
    headers = {"Accept": FEED_ACCEPT}
    if source.etag and not force:
        headers["If-None-Match"] = source.etag
    if source.last_modified and not force:
        headers["If-Modified-Since"] = source.last_modified
    try:
        raw = polite_fetch(
            source.url,
            max_bytes=settings.SOURCES_FEED_MAX_BYTES,
            headers=headers,
            check=_check_feed_type,
            pass_statuses=frozenset({304}),
        )
        if raw is None:
            return PollResult("busy")  # the task tries again once the host's slot is free
        if raw.moved_to:
            _move(source, raw.moved_to)
        if raw.status == 304:
            _succeeded(source, raw, new_items=0)
            return PollResult("unchanged")
        content_type = raw.headers.get("Content-Type", "")
        if looks_like_html(raw.body, content_type):
            return _from_home_page(source, raw)
        parsed = parse_feed(raw.body, url=raw.url, content_type=content_type)
    except (FetchError, FeedError, IngestionError) as exc:
        return _failed(source, exc.message)
    source.kind = parsed.kind
    if not source.name and parsed.title:
        source.name = parsed.title
    new_items = record_items(source, parsed.items)
    _succeeded(source, raw, new_items=new_items)
    return PollResult("new" if new_items else "unchanged", new_items=new_items)


def _from_home_page(source: Source, raw) -> PollResult:
    if source.site_url:
        # Discovery happens once: a discovered "feed" that is itself a page is an error, not a loop.
        return _failed(source, "The feed URL returns a web page, not an RSS or Atom feed.")
    feeds = discover_feeds(raw.body, url=raw.url)
    if not feeds:
        return _failed(source, "The page announces no RSS or Atom feed; enter the feed's URL instead.")
    if Source.objects.filter(url=feeds[0]).exclude(pk=source.pk).exists():
        return _failed(source, f"Its feed {feeds[0]} is already followed as another source.")
    Source.objects.filter(pk=source.pk).update(
        site_url=source.site_url or source.url,
        url=feeds[0],
        discovered_feeds=feeds,
        etag="",
        last_modified="",
    )
    source.refresh_from_db()
    return poll_source(source)


def _move(source: Source, new_url: str) -> None:
    if new_url == source.url or Source.objects.filter(url=new_url).exclude(pk=source.pk).exists():
        return
    logger.info("Source %s moved permanently: %s -> %s", source.pk, source.url, new_url)
    source.url = new_url
    Source.objects.filter(pk=source.pk).update(url=new_url)


def record_items(source: Source, items) -> int:
    """Store the items not seen before and queue their import; return how many were new.

    An item is known when its GUID or canonical URL is already recorded for this
    source, or its canonical URL came through any source (the content hash is
    checked at import, when the text is known).
    """
    items = items[: settings.SOURCES_MAX_ITEMS_PER_POLL]
    by_url = {canonical_url(item.url): item for item in items}
    guids = {item.guid for item in items}
    known = SourceItem.objects.filter(Q(source=source, guid__in=guids) | Q(url__in=by_url.keys()))
    known_guids = set(known.filter(source=source).values_list("guid", flat=True))
    known_urls = set(known.values_list("url", flat=True))
    created = []
    for url, item in by_url.items():
        if item.guid in known_guids or url in known_urls:
            continue
        try:
            with transaction.atomic():
                created.append(
                    SourceItem.objects.create(
                        source=source,
                        guid=item.guid,
                        url=url,
                        title=item.title,
                        published_at=item.published_at,
                    )
                )
        except IntegrityError:
            continue  # a concurrent poll recorded it first
        known_guids.add(item.guid)
    for record in created:
        transaction.on_commit(lambda pk=record.pk: _send_import(pk))
    return len(created)


def _send_import(item_id: int) -> None:
    try:
        current_app.send_task(IMPORT_TASK, args=[item_id])
    except Exception:  # noqa: BLE001 - the beat task requeues pending items
        logger.warning("Could not queue the import of source item %s", item_id, exc_info=True)


def _succeeded(source: Source, raw, *, new_items: int) -> None:
    now = timezone.now()
    fields = {
        "last_polled_at": now,
        "last_success_at": now,
        "failures": 0,
        "last_error": "",
        "last_status": raw.status,
        "next_poll_at": now + timedelta(minutes=source.poll_interval_minutes),
        "kind": source.kind,
        "name": source.name or source.url[:200],
    }
    if raw.status != 304:
        fields["etag"] = raw.headers.get("ETag", "")[:500]
        fields["last_modified"] = raw.headers.get("Last-Modified", "")[:100]
    if new_items:
        fields["last_new_item_at"] = now
    Source.objects.filter(pk=source.pk).update(**fields)
    source.refresh_from_db()


def _failed(source: Source, message: str) -> PollResult:
    now = timezone.now()
    failures = source.failures + 1
    dead = failures >= settings.SOURCES_DEAD_AFTER_FAILURES
    backoff = min(timedelta(minutes=source.poll_interval_minutes) * (2 ** min(failures - 1, 16)), MAX_BACKOFF)
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        failures=failures,
        error_count=F("error_count") + 1,
        last_error=message[:2000],
        next_poll_at=None if dead else now + backoff,
        **({"state": Source.State.DEAD} if dead and source.state == Source.State.ACTIVE else {}),
    )
    source.refresh_from_db()
    logger.info("Source %s failed (%d in a row): %s", source.pk, failures, message)
    return PollResult("error", error=message)
