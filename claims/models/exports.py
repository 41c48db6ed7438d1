"""Worker-built exports and the dashboard's summary row."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def export_upload_to(instance: Export, filename: str) -> str:
    return f"exports/{instance.owner_id}/{instance.public_id}/{filename}"


class Export(models.Model):
    """A large export built by a worker; downloadable only by its owner."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        JSON = "json", "JSON"
        NDJSON = "ndjson", "NDJSON"
        CLAIMREVIEW = "claimreview", "ClaimReview JSON-LD"
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=12, choices=Format.choices)
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=export_upload_to, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["public_id"], name="export_public_id_unique")]
        indexes = [
            # "My exports": a user's exports, newest first; the retention sweep by date.
            models.Index(fields=["owner", "-created_at"], name="export_owner_idx"),
            models.Index(fields=["created_at"], name="export_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export {self.public_id}"


class DashboardSummary(models.Model):
    """The dashboard's aggregates (claims.selectors.dashboard_counts), one row, refreshed every
    DASHBOARD_REFRESH_SECONDS by a worker (claims.tasks.refresh_dashboard) so that the page reads
    one row instead of counting every claim."""

    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"dashboard summary of {self.computed_at:%Y-%m-%d %H:%M:%S}"
