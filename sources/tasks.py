"""Celery tasks for followed sources.

One beat task, ``poll_due_sources``, runs every minute and queues a poll for each
active source whose ``next_poll_at`` has passed. The schedule lives in the Source
rows, not in django-celery-beat: the back-off after failures, "Poll now" and a
source's interval are all one column update, several beat processes cannot
double-poll (each source is claimed with a conditional UPDATE), and there is no
second table of schedules to keep in step with the sources.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from articles.ingestion import FetchError

from .importing import HostBusy, give_up
from .importing import import_item as import_one
from .models import Source, SourceItem
from .polling import _send_import
from .polling import poll_source as poll_one

logger = logging.getLogger(__name__)
# How long a claimed poll may take before the source is due again (a lost message).
CLAIM_FOR = timedelta(minutes=5)
# How many times a poll that found its host busy queues itself again before leaving it to the beat.
BUSY_RETRIES = 30


@shared_task(ignore_result=True)
def poll_due_sources(limit: int = 200) -> int:
    """Queue a poll for every due source; requeue items whose import message was lost."""
    now = timezone.now()
    queued = 0
    for pk, due in Source.objects.due(now).values_list("pk", "next_poll_at")[:limit]:
        # Claim it: push next_poll_at forward so the next tick does not queue it again.
        if Source.objects.filter(pk=pk, next_poll_at=due).update(next_poll_at=now + CLAIM_FOR):
            poll_source.delay(pk)
            queued += 1
    stale = SourceItem.objects.filter(status=SourceItem.Status.PENDING, created_at__lt=now - CLAIM_FOR)
    for pk in stale.values_list("pk", flat=True)[:limit]:
        _send_import(pk)
    return queued


@shared_task(
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=5,
)
def poll_source(self, source_id: int, force: bool = False, busy_tries: int = 0) -> str:
    source = Source.objects.filter(pk=source_id).first()
    if source is None or (source.state != Source.State.ACTIVE and not force):
        return "skipped"
    outcome = poll_one(source).outcome
    if outcome == "busy":
        _poll_again_when_free(self, source, force=force, busy_tries=busy_tries)
    return outcome


def _poll_again_when_free(task, source: Source, *, force: bool, busy_tries: int) -> None:
    """Another request to the host holds its slot (an import, another source): poll again
    shortly. "Poll now" must not wait for the next beat tick, and the beat must not queue a
    second poll meanwhile, so the source stays claimed while the retry is pending."""
    now = timezone.now()
    pause = max(settings.SOURCES_HOST_DELAY_SECONDS, 0.5) * 2
    if busy_tries < BUSY_RETRIES:
        Source.objects.filter(pk=source.pk).update(next_poll_at=now + CLAIM_FOR)
        task.apply_async(
            args=[source.pk], kwargs={"force": force, "busy_tries": busy_tries + 1}, countdown=pause
        )
    else:  # the host stays busy (a long import run): leave it to the beat
        Source.objects.filter(pk=source.pk).update(next_poll_at=now + timedelta(seconds=pause))


@shared_task(bind=True, ignore_result=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def import_item(self, item_id: int) -> str:
    item = (
        SourceItem.objects.select_related("source__outlet", "source__created_by").filter(pk=item_id).first()
    )
    if item is None:
        return "missing"
    try:
        return import_one(item).status
    except HostBusy:
        raise self.retry(countdown=2, max_retries=None) from None
    except (FetchError, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            give_up(item, getattr(exc, "message", str(exc)))
            return SourceItem.Status.FAILED
        raise self.retry(countdown=min(300, 5 * 2**self.request.retries)) from exc


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    """Hourly: e-mail the previous day's digest to subscribers once DIGEST_HOUR has passed."""
    from .digest import send_digests

    return send_digests()
