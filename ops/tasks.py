"""The worker heartbeat, sent by celery beat (CELERY_BEAT_SCHEDULE["worker-heartbeat"])."""

from __future__ import annotations

from celery import shared_task

from ops.models import WorkerHeartbeat


@shared_task(bind=True, ignore_result=True)
def heartbeat(self) -> None:
    """Upsert this worker's row. Whichever worker takes the message records itself,
    so /healthz learns that at least one worker is consuming the queue."""
    WorkerHeartbeat.objects.beat(hostname=self.request.hostname or "unknown")
