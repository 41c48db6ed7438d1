"""Creating and managing sources. Reporters suggest; editors manage."""

from __future__ import annotations

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.ingestion import IngestionError, validate_url
from articles.services import fetch_allow_hosts, outlet_for
from claims.roles import is_editor

from .models import Source

POLL_TASK = "sources.tasks.poll_source"


def can_manage(user) -> bool:
    return is_editor(user)


def checked_source_url(url: str) -> str:
    """The SSRF guard at creation: a private address (not in FETCH_ALLOW_HOSTS) is a 400 naming the host."""
    return validate_url(
        url, allow_private=settings.FETCH_ALLOW_PRIVATE_ADDRESSES, allow_hosts=fetch_allow_hosts()
    )


def source_create(
    *,
    url: str,
    name: str = "",
    outlet: str = "",
    language: str = "",
    poll_interval_minutes: int = 30,
    user=None,
) -> Source:
    """Store a source (active for an editor, suggested for a reporter) and poll it at once if active."""
    url = checked_source_url(url)
    if Source.objects.filter(url=url).exists() or Source.objects.filter(site_url=url).exists():
        raise IngestionError(f"{url} is already followed.")
    state = Source.State.ACTIVE if can_manage(user) else Source.State.SUGGESTED
    try:
        with transaction.atomic():
            source = Source.objects.create(
                url=url,
                name=(name or "").strip()[:200],
                outlet=outlet_for(outlet),
                language=language[:8],
                poll_interval_minutes=poll_interval_minutes,
                state=state,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            if state == Source.State.ACTIVE:
                queue_poll(source)
    except IntegrityError:
        raise IngestionError(f"{url} is already followed.") from None
    return source


def queue_poll(source: Source, *, force: bool = False) -> None:
    """Poll after commit (a worker does the fetching; the request does not wait)."""
    pk = source.pk

    def send():
        try:
            current_app.send_task(POLL_TASK, args=[pk], kwargs={"force": force})
        except Exception:  # noqa: BLE001 - due sources are picked up by the beat task anyway
            Source.objects.filter(pk=pk).update(next_poll_at=timezone.now())

    transaction.on_commit(send)


def source_update(source: Source, *, data: dict) -> Source:
    """Apply an editor's change. Switching to active (resume, approve, revive) polls at once."""
    if "url" in data and data["url"] != source.url:
        source.url = checked_source_url(data["url"])
        source.etag = source.last_modified = ""
    for field in ("name", "language", "poll_interval_minutes"):
        if field in data:
            setattr(source, field, data[field])
    if "outlet" in data:
        source.outlet = outlet_for(data["outlet"])
    resumed = "state" in data and data["state"] != source.state and data["state"] == Source.State.ACTIVE
    if "state" in data:
        source.state = data["state"]
    if resumed:
        source.failures = 0
        source.next_poll_at = timezone.now()
    try:
        with transaction.atomic():
            source.save()
            if resumed:
                queue_poll(source)
    except IntegrityError:
        raise IngestionError(f"{source.url} is already followed.") from None
    return source


def poll_now(source: Source) -> None:
    queue_poll(source, force=source.state != Source.State.ACTIVE)
