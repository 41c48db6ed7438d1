"""Large exports built by a worker: an `Export` row per request, owned by who asked.

export_create() ─on commit─▶ claims.tasks.build_export(id) ─▶ export_build() ─▶ done | failed
claims.tasks.delete_old_exports (hourly) ─▶ exports_delete_old()
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile

from celery import current_app
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.exports import rows
from claims.exports.writers import WRITERS
from claims.models import Export

logger = logging.getLogger(__name__)

BUILD_TASK = "claims.tasks.build_export"
REPORT_FORMATS = {Export.Format.PDF, Export.Format.HTML}


def export_create(*, owner, format: str, filters: dict) -> Export:
    """Record the request and queue its build once the row is committed."""
    export = Export.objects.create(owner=owner, format=format, filters=rows.filter_params(filters))
    transaction.on_commit(lambda: queue_build(export.pk))
    return export


def queue_build(export_id: int) -> None:
    # By name: the task module imports this one, not the other way round.
    current_app.send_task(BUILD_TASK, args=[export_id])


def _claim(export_id: int) -> bool:
    # Compare-and-set: of two workers handed the same message, only one moves the
    # row from queued to running; the other does nothing.
    return (
        Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(status=Export.Status.RUNNING)
        == 1
    )


def _build_file(export: Export, file) -> int:
    queryset = rows.select_claims(filters=export.filters, user=export.owner)
    if export.format in REPORT_FORMATS:
        from claims.exports import report

        context = report.report_context(queryset, group_by=(export.filters.get("group") or ["status"])[0])
        if export.format == Export.Format.PDF:
            file.write(report.render_report_pdf(context))
        else:
            file.write(report.render_report_html(context, standalone=True).encode())
        return context["claim_count"]
    writer = WRITERS[export.format]()
    return writer.write(writer.make_rows(queryset), file)


def file_extension(format: str) -> str:
    return WRITERS[format].extension if format in WRITERS else format


def export_build(*, export_id: int) -> Export | None:
    """Build the file of a queued export. Returns None when another worker has it.

    Transient database errors put the row back in the queue and propagate (the
    task retries); any other error marks the export failed with its reason.
    """
    from django.db import InterfaceError, OperationalError

    if not _claim(export_id):
        return None
    export = Export.objects.select_related("owner").get(pk=export_id)
    try:
        with tempfile.TemporaryFile() as tmp:
            count = _build_file(export, tmp)
            tmp.seek(0)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            export.file.save(f"claims-{stamp}.{file_extension(export.format)}", File(tmp), save=False)
    except (OperationalError, InterfaceError):
        Export.objects.filter(pk=export_id).update(status=Export.Status.QUEUED)
        raise
    except rows.SelectionError as exc:
        return _fail(export, _("The filters are not valid: %(errors)s") % {"errors": exc.errors})
    except Exception as exc:
        logger.exception("Export %s failed", export_id)
        return _fail(export, f"{exc.__class__.__name__}: {exc}")
    export.status = Export.Status.DONE
    export.row_count = count
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "row_count", "finished_at"])
    return export


def _fail(export: Export, reason: str) -> Export:
    export.status = Export.Status.FAILED
    export.error = reason[:2000]
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "error", "finished_at"])
    return export


def exports_delete_old(*, now: dt.datetime | None = None) -> int:
    """Delete the exports (files, then rows) created more than EXPORT_RETENTION_DAYS ago."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.EXPORT_RETENTION_DAYS)
    deleted = 0
    for export in Export.objects.filter(created_at__lt=cutoff).only("pk", "file").iterator(chunk_size=500):
        if export.file:
            # A missing file (already deleted, another disk) must not keep the row forever.
            export.file.storage.delete(export.file.name)
        deleted += Export.objects.filter(pk=export.pk).delete()[1].get("claims.Export", 0)
    return deleted
