"""Export, report, "My exports", public-page opt-in and CSV import pages.

Query parameters of claims:export, claims:report and claims:article_export:
``format`` (export: csv, xlsx, json, ndjson, claimreview — report: html, pdf),
``group`` (report: status or verdict), plus every queue filter (claims.filters:
status, type, assignee, verdict, language, outlet, article, created_after,
created_before, score_min, score_max, checkworthy, q, sort).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from claims import roles
from claims.exports import limits, responses, rows
from claims.models import Claim, Export
from claims.services import WorkflowError, imports
from claims.services.publishing import claim_set_public


def _bad_filters(request: HttpRequest, errors: dict) -> HttpResponse:
    return render(request, "claims/exports/bad_filters.html", {"errors": errors}, status=400)


def _refused(request: HttpRequest, exc: limits.ExportRefused) -> HttpResponse:
    response = render(request, "claims/exports/refused.html", {"message": exc.message}, status=exc.status)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response


def _queued(request: HttpRequest, export: Export) -> HttpResponse:
    messages.info(
        request, _("That selection is large: it is being prepared. It will appear here when ready.")
    )
    return redirect("claims:my_exports")


def _export(request: HttpRequest, params, stem: str) -> HttpResponse:
    format = request.GET.get("format", "csv")
    if format not in responses.EXPORT_FORMATS:
        raise Http404
    try:
        limits.admit(request)
        queryset = rows.select_claims(filters=params, user=request.user)
        answer = responses.export_response(
            queryset=queryset, format=format, user=request.user, filters=params, stem=stem
        )
    except rows.SelectionError as exc:
        return _bad_filters(request, exc.errors)
    except limits.ExportRefused as exc:
        return _refused(request, exc)
    return _queued(request, answer) if isinstance(answer, Export) else answer


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The claims of the queue for the same filters, as a file."""
    return _export(request, request.GET, "claims")


@login_required
@require_GET
def article_export(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Article.objects.only("pk"), pk=pk)
    params = request.GET.copy()
    params.setlist("article", [str(pk)])
    return _export(request, params, f"article-{pk}-claims")


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The printable report of a selection: ?article=…, a date range or any queue filter."""
    format = request.GET.get("format", "html")
    if format not in responses.REPORT_FORMATS:
        raise Http404
    article_id = request.GET.get("article", "")
    article = (
        Article.objects.filter(pk=article_id).select_related("outlet").first()
        if article_id.isdigit()
        else None
    )
    try:
        limits.admit(request)
        queryset = rows.select_claims(filters=request.GET, user=request.user)
        answer = responses.report_response(
            queryset=queryset,
            format=format,
            user=request.user,
            filters=request.GET,
            request=request,
            article=article,
            group_by=request.GET.get("group", "status"),
        )
    except rows.SelectionError as exc:
        return _bad_filters(request, exc.errors)
    except limits.ExportRefused as exc:
        return _refused(request, exc)
    return _queued(request, answer) if isinstance(answer, Export) else answer


@login_required
@require_GET
def my_exports(request: HttpRequest) -> HttpResponse:
    exports = Export.objects.filter(owner=request.user)[:100]
    pending = any(e.status in (Export.Status.QUEUED, Export.Status.RUNNING) for e in exports)
    context = {"exports": exports, "pending": pending, "retention_days": settings.EXPORT_RETENTION_DAYS}
    # htmx polls the table while an export is being built; the same partial renders in the page.
    if request.headers.get("HX-Request"):
        return render(request, "claims/exports/_export_rows.html", context)
    return render(request, "claims/exports/my_exports.html", context)


@login_required
@require_GET
def export_download(request: HttpRequest, public_id) -> HttpResponse:
    # Scoped in the query: another user's export is a 404, whoever asks.
    export = get_object_or_404(Export, public_id=public_id, owner=request.user, status=Export.Status.DONE)
    return responses.download_response(export)


@login_required
@require_POST
def publish_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a published claim's public page on or off (``public=true|false``; absent: toggle)."""
    if not roles.is_editor(request.user):
        raise PermissionDenied(_("Only editors can publish a claim's public page."))
    claim = get_object_or_404(Claim.objects.only("pk", "is_public", "article_id", "status"), pk=pk)
    wanted = request.POST.get("public", "")
    public = (wanted.lower() in ("1", "true", "on", "yes")) if wanted else not claim.is_public
    try:
        claim = claim_set_public(claim=claim, public=public, by=request.user)
    except WorkflowError as exc:
        if request.headers.get("HX-Request"):
            return HttpResponseBadRequest(exc.message)
        messages.error(request, exc.message)
    else:
        if claim.is_public:
            messages.success(request, _("The claim now has a public page."))
        else:
            messages.info(request, _("The claim's public page is withdrawn."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}"
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def claim_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview with row errors → confirm. The confirm step re-sends the file's text."""
    if not roles.is_editor(request.user):
        raise PermissionDenied(_("Only editors can import claims."))
    context: dict = {"max_rows": settings.BULK_IMPORT_MAX_ROWS}
    if request.method == "POST":
        upload = request.FILES.get("file")
        data = upload.read(imports.MAX_BYTES + 1) if upload else request.POST.get("data", "")
        try:
            if request.POST.get("confirm") and not upload:
                result = imports.import_claims(data=data, by=request.user)
                if result.created:
                    messages.success(
                        request, _("%(n)s claims imported, waiting for approval.") % {"n": result.created}
                    )
                    return redirect("claims:import")
            else:
                result = imports.import_check(data=data)
            context.update(result=result, data=imports._decode(data))
        except imports.ImportFileError as exc:
            context["file_error"] = str(exc)
    return render(request, "claims/exports/import.html", context)


urlpatterns = [
    path("export/", export, name="export"),
    path("article/<int:pk>/export/", article_export, name="article_export"),
    path("report/", report, name="report"),
    path("exports/", my_exports, name="my_exports"),
    path("exports/<uuid:public_id>/download/", export_download, name="export_download"),
    path("<int:pk>/public/", publish_public, name="publish_public"),
    path("import/", claim_import, name="import"),
]
