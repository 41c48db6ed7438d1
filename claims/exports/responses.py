"""The HTTP answers shared by the API (claims/api_exports.py) and the pages (claims/views/exports.py).

Each returns either a response to send or a queued `Export` (the caller answers
202 or redirects to "My exports"). Invalid filters raise rows.SelectionError.
"""

from __future__ import annotations

import tempfile

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from claims.exports import jobs, limits, report
from claims.exports.writers import WRITERS
from claims.models import Export

EXPORT_FORMATS = tuple(WRITERS)  # csv, xlsx, json, ndjson, claimreview
REPORT_FORMATS = ("html", "pdf")
# Formats that cannot stream: over their threshold (limits.sync_limit) they are built by a worker.
FILE_FORMATS = ("xlsx", "pdf", "html")


def filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


def export_response(*, queryset: QuerySet, format: str, user, filters, stem: str = "claims"):
    """Stream the export, or write it to a temporary file, or queue it (an Export)."""
    writer = WRITERS[format]()
    if not writer.streams and limits.queue_or_build(format=format, count=queryset.count(), user=user):
        return jobs.export_create(owner=user, format=format, filters=filters)
    name = filename(stem, writer.extension)
    if writer.streams:
        response = StreamingHttpResponse(
            writer.stream(writer.make_rows(queryset)), content_type=writer.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    # An anonymous temporary file: gone as soon as FileResponse closes it.
    tmp = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    writer.write(writer.make_rows(queryset), tmp)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=name, content_type=writer.content_type)


def report_response(
    *,
    queryset: QuerySet,
    format: str,
    user,
    filters,
    request=None,
    title: str = "",
    article=None,
    group_by: str = "status",
):
    """The report as a page or a PDF, or a queued Export when the selection is large
    (over limits.sync_limit(format): a few hundred claims for a PDF)."""
    if limits.queue_or_build(format=format, count=queryset.count(), user=user):
        return jobs.export_create(owner=user, format=format, filters=filters)
    context = report.report_context(queryset, group_by=group_by, title=title, article=article)
    if format == "pdf":
        response = HttpResponse(report.render_report_pdf(context), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename("report", "pdf")}"'
        return response
    return HttpResponse(report.render_report_html(context, request=request))


def download_response(export: Export) -> FileResponse:
    name = export.file.name.rsplit("/", 1)[-1]
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=name)
