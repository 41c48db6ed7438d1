"""Worker heartbeats: the last time each Celery worker ran the heartbeat task."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerHeartbeatQuerySet(models.QuerySet):
    def beat(self, *, hostname: str) -> None:
        """Record that the worker `hostname` is alive now (one row per worker)."""
        self.update_or_create(hostname=hostname[:255], defaults={"last_seen": timezone.now()})


class WorkerHeartbeat(models.Model):
    hostname = models.CharField(max_length=255)
    last_seen = models.DateTimeField()

    objects = WorkerHeartbeatQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hostname"], name="ops_heartbeat_hostname_unique")]
        indexes = [
            # /healthz: the most recent heartbeat of any worker (ORDER BY last_seen DESC LIMIT 1).
            models.Index(fields=["-last_seen"], name="ops_heartbeat_last_seen_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.hostname} (last seen {self.last_seen:%Y-%m-%d %H:%M:%S})"
