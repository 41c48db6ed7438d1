"""REST API for articles: create by text, URL or file; list; detail; re-extract."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from articles.ingestion import IngestionError
from articles.models import Article
from articles.services import article_requeue, article_submit, article_update, read_uploaded_file


class ArticleCreateInput(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    file = serializers.FileField(required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=300)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.ChoiceField(choices=["", "fr", "en"], required=False, allow_blank=True)

    def validate(self, attrs):
        given = [name for name in ("text", "url", "file") if attrs.get(name)]
        if not given:
            raise serializers.ValidationError("Send the article as `text`, `url` or `file`.")
        if "file" in given and len(given) > 1:
            raise serializers.ValidationError("Send either a `file` or `text`/`url`, not both.")
        return attrs


class ArticleUpdateInput(serializers.Serializer):
    """PATCH: any of these; a blank title goes back to the one derived from the text."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    outlet = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=300)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    url = serializers.URLField(required=False, allow_blank=True, allow_null=True, max_length=2000)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                "Send at least one of title, outlet, author, published_at, url."
            )
        return attrs


class ArticleOutput(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", default=None, allow_null=True)
    claim_count = serializers.IntegerField(read_only=True)
    created_by = serializers.CharField(source="created_by.username", default=None, allow_null=True)
    duplicate = serializers.SerializerMethodField(
        help_text="True when this submission matched a stored article."
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "author",
            "published_at",
            "language",
            "status",
            "error",
            "origin",
            "extractor_version",
            "claim_count",
            "created_by",
            "created_at",
            "updated_at",
            "duplicate",
        ]

    def get_duplicate(self, article) -> bool:
        return getattr(article, "duplicate", False)


class ArticleDetailOutput(ArticleOutput):
    class Meta(ArticleOutput.Meta):
        fields = ArticleOutput.Meta.fields + ["text", "content_hash"]


class ArticleCursor(CursorPagination):
    """Newest first, 50 a page, `next`/`previous` links with an opaque `cursor`: each page costs
    the same at any depth and whatever the number of articles (no COUNT(*), no OFFSET)."""

    page_size = 50
    ordering = ("-created_at", "-id")


def claim_count() -> Coalesce:
    """Claims of each listed article, counted for the rows of the page only (a correlated
    subquery), not by grouping every article of the table before the page is cut."""
    from django.apps import apps

    claims = apps.get_model("claims", "Claim").objects.filter(article=OuterRef("pk")).order_by()
    counted = claims.values("article").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


REEXTRACT_REFUSED = "Only editors and the reporter who submitted this article can re-extract it."


class ArticlePermission(permissions.BasePermission):
    """Reading needs a login; submitting needs a role (reporter and up); re-extracting
    is for editors and the article's submitter (Article.can_be_reextracted_by);
    deleting is for admins."""

    message = "Your role does not allow this."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        action = getattr(view, "action", None)
        if action == "destroy":
            return request.user.has_perm("articles.delete_article")
        if action == "reextract":
            return True  # decided per article, below
        return request.user.has_perm("articles.add_article")

    def has_object_permission(self, request, view, obj):
        if getattr(view, "action", None) == "reextract" and not obj.can_be_reextracted_by(request.user):
            raise exceptions.PermissionDenied(REEXTRACT_REFUSED)
        return True


@extend_schema_view(
    list=extend_schema(
        summary="List articles, newest first",
        parameters=[
            OpenApiParameter("source", int, description="Only articles that came from this followed source.")
        ],
    ),
    retrieve=extend_schema(summary="One article with its text"),
    destroy=extend_schema(summary="Delete an article and its claims (admins only)"),
)
class ArticleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    permission_classes = [permissions.IsAuthenticated & ArticlePermission]
    pagination_class = ArticleCursor

    def get_queryset(self):
        articles = Article.objects.select_related("outlet", "created_by")
        source = self.request.query_params.get("source", "") if self.action == "list" else ""
        if source:
            if not source.isdigit():
                raise serializers.ValidationError({"source": "A source id is a number."})
            # Followed sources record their items (sources.SourceItem → article); articles
            # does not import the sources app, it only follows the reverse relation.
            articles = articles.filter(
                pk__in=Article.objects.filter(source_items__source_id=int(source)).values("pk")
            )
        return articles.annotate(claim_count=claim_count()).newest_first()

    def get_serializer_class(self):
        return ArticleDetailOutput if self.action == "retrieve" else ArticleOutput

    @extend_schema(
        summary="Submit an article (text, URL or file)",
        description=(
            "JSON with `text` (pasted article) or `url` (fetched by a worker), or multipart with `file` "
            "(.txt, .md, .html, .docx). Answers 201 with the new article (status `queued`), or 200 with "
            "`duplicate: true` when the same text or URL is already stored."
        ),
        request={"application/json": ArticleCreateInput, "multipart/form-data": ArticleCreateInput},
        responses={
            201: ArticleOutput,
            200: ArticleOutput,
            400: OpenApiTypes.OBJECT,
            403: OpenApiTypes.OBJECT,
        },
        examples=[
            OpenApiExample(
                "Pasted text",
                request_only=True,
                value={
                    "text": "Le milliardaire a fait don d’environ 25 000 terminaux Starlink à l’Ukraine.",
                    "outlet": "RT France",
                    "language": "fr",
                },
            ),
            OpenApiExample("URL", request_only=True, value={"url": "https://www.example.org/news/story"}),
        ],
    )
    def create(self, request):
        data = ArticleCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data.get("file")
        upload_data = read_uploaded_file(upload) if upload else None
        submission = article_submit(
            text=data.validated_data.get("text", ""),
            url=data.validated_data.get("url", ""),
            title=data.validated_data.get("title", ""),
            outlet=data.validated_data.get("outlet", ""),
            author=data.validated_data.get("author", ""),
            published_at=data.validated_data.get("published_at"),
            language=data.validated_data.get("language", ""),
            upload_name=upload.name if upload else "",
            upload_data=upload_data,
            submitted_by=request.user,
        )
        article = self.get_queryset().get(pk=submission.article.pk)
        article.duplicate = not submission.created
        return Response(
            ArticleOutput(article).data,
            status=status.HTTP_201_CREATED if submission.created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary="Correct an article's title, outlet, author, publication date or URL",
        request=ArticleUpdateInput,
        responses={
            200: ArticleDetailOutput,
            400: OpenApiTypes.OBJECT,
            403: OpenApiTypes.OBJECT,
            404: OpenApiTypes.OBJECT,
        },
    )
    def partial_update(self, request, pk=None):
        article = self.get_object()
        data = ArticleUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            article_update(article=article, changes=dict(data.validated_data), by=request.user)
        except IngestionError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ArticleDetailOutput(self.get_queryset().get(pk=article.pk)).data)

    @extend_schema(
        summary="Extract again (claims the desk has touched are kept)",
        request=None,
        description=(
            "Editors and admins may re-extract any article, a reporter only the articles she submitted "
            "(others get 403). Claims anyone has worked on in any way (evidence, comments, mentions, "
            "edits, assignment, a verdict) keep their ids and offsets; the others are replaced."
        ),
        responses={202: ArticleOutput, 403: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["post"])
    def reextract(self, request, pk=None):
        article = article_requeue(article=self.get_object())
        return Response(
            ArticleOutput(self.get_queryset().get(pk=article.pk)).data, status=status.HTTP_202_ACCEPTED
        )
