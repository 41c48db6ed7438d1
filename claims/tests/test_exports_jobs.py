"""Large exports as Export rows: 202 and queueing, the build task, owner-only download, retention."""

import datetime as dt
import io
from unittest import mock

import openpyxl
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Export
from claims.tasks import build_export, delete_old_exports
from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Every selection is "large", whatever its format.
    settings.EXPORT_ASYNC_THRESHOLD = settings.EXPORT_PDF_ASYNC_THRESHOLD = (
        settings.EXPORT_HTML_ASYNC_THRESHOLD
    ) = 0
    settings.EXPORT_MAX_PENDING_PER_USER = 100
    return tmp_path


@pytest.fixture
def claims():
    article = make_article("Le chômage a baissé de 12 %. La dette a doublé.")
    return [
        make_claim(
            article, "Le chômage a baissé de 12 %", status="published", verdict="false", rationale="Non."
        ),
        make_claim(article, "La dette a doublé", status="new"),
    ]


def queue_xlsx(api, django_capture_on_commit_callbacks, **filters) -> Export:
    with (
        mock.patch("claims.exports.jobs.queue_build") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = api.get("/api/v1/claims/export/", {"format": "xlsx", **filters})
    assert response.status_code == 202, response.content
    assert response["Location"] == response.json()["status_url"]
    export = Export.objects.get(public_id=response.json()["id"])
    delay.assert_called_once_with(export.pk)
    return export


def test_a_large_xlsx_is_queued_on_commit_and_answered_202(
    api, reporter, claims, django_capture_on_commit_callbacks
):
    export = queue_xlsx(api, django_capture_on_commit_callbacks, status="published")
    assert (export.owner, export.format, export.status) == (reporter, "xlsx", "queued")
    assert export.filters == {"status": ["published"]}


def test_the_202_names_a_status_url_that_reports_progress(api, claims, django_capture_on_commit_callbacks):
    export = queue_xlsx(api, django_capture_on_commit_callbacks)
    status = api.get(f"/api/v1/exports/{export.public_id}/").json()
    assert status["status"] == "queued" and status["download_url"] is None
    build_export(export.pk)
    status = api.get(f"/api/v1/exports/{export.public_id}/").json()
    assert status["status"] == "done" and status["row_count"] == 2
    assert status["download_url"].endswith(f"/api/v1/exports/{export.public_id}/download/")


def test_the_task_builds_the_file_with_the_stored_filters(api, claims, django_capture_on_commit_callbacks):
    export = queue_xlsx(api, django_capture_on_commit_callbacks, status="published")
    assert build_export(export.pk) == "done"
    export.refresh_from_db()
    assert export.status == "done" and export.row_count == 1 and export.finished_at is not None
    with export.file.open("rb") as f:
        rows = list(
            openpyxl.load_workbook(io.BytesIO(f.read()), read_only=True).active.iter_rows(values_only=True)
        )
    assert rows[1][5] == "Le chômage a baissé de 12 %"


def test_a_second_worker_does_not_build_it_again(api, claims, django_capture_on_commit_callbacks):
    export = queue_xlsx(api, django_capture_on_commit_callbacks)
    assert build_export(export.pk) == "done"
    assert build_export(export.pk) is None


def test_a_failure_is_recorded_on_the_export(reporter, claims):
    export = Export.objects.create(owner=reporter, format="csv", filters={"status": ["bogus"]})
    assert build_export(export.pk) == "failed"
    export.refresh_from_db()
    assert export.status == "failed" and "status" in export.error


def test_only_its_owner_downloads_it(
    reporter, other_user, client, claims, django_capture_on_commit_callbacks
):
    api = APIClient()
    api.force_authenticate(reporter)
    export = queue_xlsx(api, django_capture_on_commit_callbacks)
    build_export(export.pk)
    client.force_login(reporter)
    mine = client.get(f"/claims/exports/{export.public_id}/download/")
    assert mine.status_code == 200 and b"".join(mine.streaming_content)[:2] == b"PK"
    client.force_login(other_user)
    assert client.get(f"/claims/exports/{export.public_id}/download/").status_code == 404
    other_api = APIClient()
    other_api.force_authenticate(other_user)
    assert other_api.get(f"/api/v1/exports/{export.public_id}/").status_code == 404
    assert other_api.get(f"/api/v1/exports/{export.public_id}/download/").status_code == 404


def test_an_unfinished_export_cannot_be_downloaded(web, reporter):
    export = Export.objects.create(owner=reporter, format="xlsx")
    assert web.get(f"/claims/exports/{export.public_id}/download/").status_code == 404


def test_my_exports_lists_only_mine(web, reporter, other_user):
    Export.objects.create(owner=reporter, format="xlsx", filters={"status": ["published"]})
    Export.objects.create(owner=other_user, format="pdf", filters={"language": ["de"]})
    page = web.get("/claims/exports/")
    assert page.status_code == 200
    assert "status=published" in page.text and "language=de" not in page.text
    # While one is pending, the table polls itself (htmx attributes, no inline script).
    assert 'hx-trigger="every 3s"' in page.text
    partial = web.get("/claims/exports/", headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<div id="export-rows"')


def test_a_large_page_export_goes_to_my_exports(web, claims, django_capture_on_commit_callbacks):
    with mock.patch("claims.exports.jobs.queue_build"), django_capture_on_commit_callbacks(execute=True):
        response = web.get("/claims/export/", {"format": "xlsx"})
    assert response.status_code == 302 and response.url == "/claims/exports/"
    assert Export.objects.get().format == "xlsx"


def test_csv_streams_whatever_the_size(api, claims):
    response = api.get("/api/v1/claims/export/", {"format": "csv"})
    assert response.status_code == 200 and not Export.objects.exists()


def test_a_large_pdf_report_is_queued_and_built(web, reporter, claims, django_capture_on_commit_callbacks):
    from pypdf import PdfReader

    with mock.patch("claims.exports.jobs.queue_build"), django_capture_on_commit_callbacks(execute=True):
        response = web.get("/claims/report/", {"format": "pdf", "status": "published"})
    assert response.status_code == 302
    export = Export.objects.get(owner=reporter, format="pdf")
    assert build_export(export.pk) == "done"
    export.refresh_from_db()
    with export.file.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)
    assert "Le chômage a baissé de 12 %" in text and "La dette" not in text


def test_retention_deletes_old_exports_and_their_files(reporter, claims, settings, media):
    settings.EXPORT_RETENTION_DAYS = 7
    old = Export.objects.create(owner=reporter, format="csv")
    build_export(old.pk)
    old.refresh_from_db()
    path = media / old.file.name
    assert path.exists()
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    recent = Export.objects.create(owner=reporter, format="csv")
    assert delete_old_exports() == 1
    assert not Export.objects.filter(pk=old.pk).exists() and not path.exists()
    assert Export.objects.filter(pk=recent.pk).exists()
