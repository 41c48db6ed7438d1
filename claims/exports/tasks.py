"""Export tasks, registered under claims.tasks.* (claims/tasks.py imports them)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from claims.exports import jobs


@shared_task(
    name="claims.tasks.build_export",
    acks_late=True,
    reject_on_worker_lost=True,
    # Only transient database errors; export_build() records every other failure.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    # A 100k-row XLSX or a long PDF takes longer than an extraction.
    soft_time_limit=max(settings.CELERY_TASK_SOFT_TIME_LIMIT, 600),
    time_limit=max(settings.CELERY_TASK_TIME_LIMIT, 660),
)
def build_export(export_id: int) -> str | None:
    export = jobs.export_build(export_id=export_id)
    return export.status if export else None


@shared_task(name="claims.tasks.delete_old_exports")
def delete_old_exports() -> int:
    return jobs.exports_delete_old()
