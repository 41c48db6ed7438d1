"""Export and report API routes; included before the router in config/api_urls.py.

    GET /api/v1/claims/export/?format=csv|xlsx|json|ndjson|claimreview&<the /api/v1/claims/ filters>
    GET /api/v1/claims/<id>/claimreview/            ClaimReview JSON-LD of one published claim
    GET /api/v1/articles/<id>/report/?format=html|pdf
    GET /api/v1/exports/<uuid>/                     a queued export's status (its owner only)
    GET /api/v1/exports/<uuid>/download/            its file (its owner only)

`format` is DRF's URL_FORMAT_OVERRIDE parameter: left to DRF, `?format=csv` would
look for a "csv" renderer and answer 404. These views pick the export format
themselves and always negotiate JSON (for their errors), see ExportAPIView.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import Article
from claims.exports import limits, responses, rows
from claims.exports.claimreview import claim_review
from claims.models import Claim, Export
from claims.serializers import ClaimOutput


class ExportAPIView(APIView):
    renderer_classes = (JSONRenderer,)

    def perform_content_negotiation(self, request, force=False):
        # `?format=` chooses the file format here, never a renderer (see the module docstring).
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    def handle_exception(self, exc):
        # Refused by claims.exports.limits: role (403), size (400), rate or quota (429).
        if isinstance(exc, limits.ExportRefused):
            headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else {}
            return Response({"detail": exc.message}, status=exc.status, headers=headers)
        return super().handle_exception(exc)

    def chosen_format(self, allowed: tuple[str, ...], default: str) -> str:
        value = self.request.query_params.get("format") or default
        if value not in allowed:
            raise ValidationError({"format": [f"Choose one of: {', '.join(allowed)}."]})
        return value

    def queued(self, export: Export) -> Response:
        body = export_status(export, self.request)
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]})


def export_status(export: Export, request) -> dict:
    done = export.status == Export.Status.DONE
    return {
        "id": str(export.public_id),
        "format": export.format,
        "status": export.status,
        "row_count": export.row_count,
        "error": export.error,
        "created_at": export.created_at,
        "finished_at": export.finished_at,
        "status_url": request.build_absolute_uri(reverse("api-export-status", args=[export.public_id])),
        "download_url": request.build_absolute_uri(reverse("api-export-download", args=[export.public_id]))
        if done
        else None,
    }


FILE = OpenApiResponse(OpenApiTypes.BINARY, description="The file, streamed.")
QUEUED = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Too large to build now: an export job (id, status, status_url)."
)
ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description='A readable error: {"detail": …} or field errors.')
REFUSED = {
    403: OpenApiResponse(
        OpenApiTypes.OBJECT, description='Exports and reports need a review role: {"detail": …}.'
    ),
    429: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Too many exports, or too many large exports pending or "
        'today: {"detail": …} and a Retry-After header.',
    ),
}


def format_parameter(choices: tuple[str, ...], default: str) -> OpenApiParameter:
    return OpenApiParameter(
        "format", str, enum=list(choices), default=default, description="The file format."
    )


class ClaimExportAPI(ExportAPIView):
    """The claims the list would show for the same filters, as one file."""

    @extend_schema(
        summary="Export claims (CSV, XLSX, JSON, NDJSON, ClaimReview JSON-LD)",
        description="Takes every filter of `GET /api/v1/claims/`. Example: `?format=csv&status=published`.",
        parameters=[format_parameter(responses.EXPORT_FORMATS, "csv")],
        responses={
            (200, "text/csv"): FILE,
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): FILE,
            (200, "application/json"): ClaimOutput(many=True),
            (200, "application/x-ndjson"): FILE,
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="ClaimReview @graph"
            ),
            202: QUEUED,
            400: ERROR,
            **REFUSED,
        },
    )
    def get(self, request):
        format = self.chosen_format(responses.EXPORT_FORMATS, "csv")
        limits.admit(request)
        try:
            queryset = rows.select_claims(filters=request.query_params, user=request.user)
        except rows.SelectionError as exc:
            raise ValidationError(exc.errors) from exc
        answer = responses.export_response(
            queryset=queryset, format=format, user=request.user, filters=request.query_params
        )
        return self.queued(answer) if isinstance(answer, Export) else answer


class ClaimReviewAPI(ExportAPIView):
    @extend_schema(
        summary="ClaimReview JSON-LD of one published claim",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="schema.org ClaimReview"
            ),
            404: ERROR,
        },
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(
            Claim.objects.select_related("article__outlet", "verdict"),
            pk=pk,
            status=Claim.Status.PUBLISHED,
            verdict__isnull=False,
        )
        return Response(claim_review(claim), content_type="application/ld+json")


class ArticleReportAPI(ExportAPIView):
    @extend_schema(
        summary="Printable report of an article's claims (HTML or PDF)",
        parameters=[
            format_parameter(responses.REPORT_FORMATS, "html"),
            OpenApiParameter("group", str, enum=["status", "verdict"], description="How claims are grouped."),
        ],
        responses={
            (200, "text/html"): FILE,
            (200, "application/pdf"): FILE,
            202: QUEUED,
            400: ERROR,
            404: ERROR,
            **REFUSED,
        },
    )
    def get(self, request, pk: int):
        format = self.chosen_format(responses.REPORT_FORMATS, "html")
        article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
        limits.admit(request)
        queryset = rows.for_export(Claim.objects.filter(article=article))
        answer = responses.report_response(
            queryset=queryset,
            format=format,
            user=request.user,
            filters={"article": [str(pk)]},
            request=request,
            article=article,
            group_by=request.query_params.get("group", "status"),
        )
        return self.queued(answer) if isinstance(answer, Export) else answer


class ExportStatusAPI(ExportAPIView):
    @extend_schema(
        summary="An export job's status (its owner only)",
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="id, format, status, download_url…"),
            404: ERROR,
        },
    )
    def get(self, request, public_id):
        # Scoped in the query: someone else's export is a 404, as if it did not exist.
        export = get_object_or_404(Export, public_id=public_id, owner=request.user)
        return Response(export_status(export, request))


class ExportDownloadAPI(ExportAPIView):
    @extend_schema(summary="Download a finished export (its owner only)", responses={200: FILE, 404: ERROR})
    def get(self, request, public_id):
        export = get_object_or_404(Export, public_id=public_id, owner=request.user, status=Export.Status.DONE)
        return responses.download_response(export)


urlpatterns = [
    path("claims/export/", ClaimExportAPI.as_view(), name="api-claim-export"),
    path("claims/<int:pk>/claimreview/", ClaimReviewAPI.as_view(), name="api-claim-claimreview"),
    path("articles/<int:pk>/report/", ArticleReportAPI.as_view(), name="api-article-report"),
    path("exports/<uuid:public_id>/", ExportStatusAPI.as_view(), name="api-export-status"),
    path("exports/<uuid:public_id>/download/", ExportDownloadAPI.as_view(), name="api-export-download"),
]
