"""Issue 17: one user must not take the desk down with exports and reports.

Per-format thresholds (a PDF is built in the request only for a few claims), the
`exports` queue, the role rule, the rate limit and the quotas. The thresholds are
lowered by settings, so a handful of claims stands for thousands.
"""

import io
from unittest import mock

import pytest
from rest_framework.test import APIClient

from claims.models import Export
from claims.tasks import build_export
from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def limits(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EXPORT_PDF_ASYNC_THRESHOLD = 2
    settings.EXPORT_HTML_ASYNC_THRESHOLD = 3
    settings.EXPORT_ASYNC_THRESHOLD = 100
    settings.EXPORT_PDF_MAX_CLAIMS = 50
    settings.EXPORT_MAX_PENDING_PER_USER = 1
    settings.EXPORT_DAILY_QUOTA = 20
    settings.EXPORT_RATE_LIMIT = "1000/hour"
    return settings


@pytest.fixture
def article():
    article = make_article("Le chômage a baissé de 12 %. La dette a doublé. Les prix ont monté de 3 %.")
    for text in ("Le chômage a baissé de 12 %", "La dette a doublé", "Les prix ont monté de 3 %"):
        make_claim(article, text, status="published", verdict="false", rationale="Non.")
    return article


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def queued_get(client, *args, capture, **kwargs):
    """GET with the on-commit callbacks run and the task's delay recorded (not sent)."""
    with mock.patch("claims.exports.jobs.queue_build") as delay, capture(execute=True):
        response = client.get(*args, **kwargs)
    return response, delay


# --- In the request or in a worker: per format ---------------------------------------------


def test_a_pdf_report_over_its_threshold_is_a_202_export_job(
    api, reporter, article, django_capture_on_commit_callbacks
):
    response, delay = queued_get(
        api,
        f"/api/v1/articles/{article.pk}/report/",
        {"format": "pdf"},
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 202, response.content[:300]
    export = Export.objects.get(public_id=response.json()["id"])
    assert (export.owner, export.format, export.filters) == (reporter, "pdf", {"article": [str(article.pk)]})
    assert response["Location"] == response.json()["status_url"]
    delay.assert_called_once_with(export.pk)
    # The worker builds the same report.
    from pypdf import PdfReader

    assert build_export(export.pk) == "done"
    export.refresh_from_db()
    with export.file.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)
    assert export.row_count == 3 and "La dette a doublé" in text


def test_the_same_selection_as_xlsx_is_still_built_in_the_request(api, article):
    response = api.get("/api/v1/claims/export/", {"format": "xlsx", "article": article.pk})
    assert response.status_code == 200 and not Export.objects.exists()


def test_a_small_pdf_is_built_in_the_request(api, settings, article):
    settings.EXPORT_PDF_ASYNC_THRESHOLD = 3
    response = api.get(f"/api/v1/articles/{article.pk}/report/", {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and not Export.objects.exists()


def test_the_claims_report_page_queues_a_large_pdf_and_html(
    web, reporter, article, settings, django_capture_on_commit_callbacks
):
    response, _ = queued_get(
        web,
        "/claims/report/",
        {"format": "pdf", "status": "published"},
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302 and response.url == "/claims/exports/"
    settings.EXPORT_MAX_PENDING_PER_USER = 2
    page, _ = queued_get(
        web, "/claims/report/", {"status": "published"}, capture=django_capture_on_commit_callbacks
    )
    assert page.status_code == 200  # 3 claims: HTML is shown in the request
    settings.EXPORT_HTML_ASYNC_THRESHOLD = 2
    page, _ = queued_get(
        web, "/claims/report/", {"status": "published"}, capture=django_capture_on_commit_callbacks
    )
    assert page.status_code == 302
    assert sorted(Export.objects.filter(owner=reporter).values_list("format", flat=True)) == ["html", "pdf"]


def test_a_pdf_over_the_hard_maximum_is_refused_with_its_reason(api, web, settings, article):
    settings.EXPORT_PDF_MAX_CLAIMS = 2
    response = api.get(f"/api/v1/articles/{article.pk}/report/", {"format": "pdf"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith(
        "A PDF report is limited to 2 claims and this selection has 3"
    )
    page = web.get("/claims/report/", {"format": "pdf", "article": article.pk})
    assert page.status_code == 400 and "export it as XLSX or CSV" in page.text
    assert not Export.objects.exists()


# --- The exports queue ---------------------------------------------------------------------


def test_export_jobs_go_to_the_exports_queue_not_the_extraction_queue(reporter, settings):
    """Sent through the real broker: the message waits on `exports`, `celery` stays free."""
    from claims.exports.jobs import queue_build
    from tests.celery_helpers import drain_queue

    drain_queue("exports"), drain_queue("celery")
    export = Export.objects.create(owner=reporter, format="xlsx")
    queue_build(export.pk)  # sent by name, as export_create() does
    assert drain_queue("celery") == []
    assert drain_queue("exports") == ["claims.tasks.build_export"]


# --- Who may export --------------------------------------------------------------------------


def test_a_user_without_a_role_may_not_export_or_make_reports(client, no_role_user, article):
    api = client_for(no_role_user)
    for url, params in (
        ("/api/v1/claims/export/", {"format": "csv"}),
        (f"/api/v1/articles/{article.pk}/report/", {"format": "pdf"}),
    ):
        response = api.get(url, params)
        assert response.status_code == 403
        assert "need a reporter, editor or admin role" in response.json()["detail"]
    client.force_login(no_role_user)
    for url in (
        "/claims/export/?format=xlsx",
        f"/claims/report/?format=pdf&article={article.pk}",
        f"/claims/article/{article.pk}/export/?format=csv",
    ):
        page = client.get(url)
        assert page.status_code == 403 and "need a reporter, editor or admin role" in page.text
    # Reading stays open, without the export menu.
    queue = client.get("/claims/")
    assert queue.status_code == 200 and "export-menu" not in queue.text
    assert "export-menu" not in client.get(f"/articles/{article.pk}/").text
    assert not Export.objects.exists()


def test_a_reporter_sees_the_export_menu(web, article):
    assert "export-menu" in web.get("/claims/").text


# --- Rate limit and quotas -------------------------------------------------------------------


def test_the_rate_limit_answers_429_with_a_readable_message(
    api, web, reporter, other_user, settings, article
):
    settings.EXPORT_RATE_LIMIT = "3/hour"
    for _ in range(3):
        assert api.get("/api/v1/claims/export/", {"format": "csv"}).status_code == 200
    refused = api.get(f"/api/v1/articles/{article.pk}/report/", {"format": "html"})
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many exports and reports in a short time: try again in")
    assert int(refused["Retry-After"]) > 0
    # The pages count for the same user, and say so.
    page = web.get("/claims/export/", {"format": "csv"})
    assert page.status_code == 429 and "Too many exports and reports" in page.text
    # Another user is not affected.
    assert client_for(other_user).get("/api/v1/claims/export/", {"format": "csv"}).status_code == 200


def test_one_user_may_have_only_so_many_exports_pending(
    api, reporter, other_user, article, django_capture_on_commit_callbacks
):
    url = f"/api/v1/articles/{article.pk}/report/"
    first, _ = queued_get(api, url, {"format": "pdf"}, capture=django_capture_on_commit_callbacks)
    assert first.status_code == 202
    second, delay = queued_get(api, url, {"format": "pdf"}, capture=django_capture_on_commit_callbacks)
    assert second.status_code == 429 and delay.call_count == 0
    assert (
        second.json()["detail"]
        == "You already have 1 export being prepared: wait until it is ready (see My exports)."
    )
    # Someone else can still queue one; and once the first is built, so can its owner.
    other, _ = queued_get(
        client_for(other_user), url, {"format": "pdf"}, capture=django_capture_on_commit_callbacks
    )
    assert other.status_code == 202
    build_export(Export.objects.get(public_id=first.json()["id"]).pk)
    third, _ = queued_get(api, url, {"format": "pdf"}, capture=django_capture_on_commit_callbacks)
    assert third.status_code == 202
    assert Export.objects.filter(owner=reporter).count() == 2


def test_the_daily_quota_of_large_exports(
    web, reporter, settings, article, django_capture_on_commit_callbacks
):
    settings.EXPORT_DAILY_QUOTA = 2
    settings.EXPORT_MAX_PENDING_PER_USER = 10
    for _ in range(2):
        response, _ = queued_get(
            web, "/claims/report/", {"format": "pdf"}, capture=django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
    page, delay = queued_get(
        web, "/claims/report/", {"format": "pdf"}, capture=django_capture_on_commit_callbacks
    )
    assert page.status_code == 429 and delay.call_count == 0
    assert "limit of 2 large exports in 24 hours" in page.text
    assert Export.objects.filter(owner=reporter).count() == 2
    # Small files are still made in the request.
    assert web.get("/claims/export/", {"format": "csv"}).status_code == 200
