"""REST API for followed sources: /api/v1/sources/ (contract kept exactly by the issue)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Source
from .services import can_manage, poll_now, source_create, source_update

LANGUAGES = ["", "fr", "en"]


class SourceInput(serializers.Serializer):
    url = serializers.CharField(max_length=2000)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, allow_blank=True)
    poll_interval_minutes = serializers.IntegerField(required=False, min_value=5, max_value=7 * 24 * 60)


class SourcePatch(SourceInput):
    url = serializers.CharField(required=False, max_length=2000)
    state = serializers.ChoiceField(choices=[Source.State.ACTIVE, Source.State.PAUSED], required=False)


class SourceOutput(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", default=None, allow_null=True)
    items_this_week = serializers.IntegerField(read_only=True)
    item_count = serializers.IntegerField(read_only=True)
    created_by = serializers.CharField(source="created_by.username", default=None, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "url",
            "site_url",
            "discovered_feeds",
            "kind",
            "outlet",
            "language",
            "poll_interval_minutes",
            "state",
            "next_poll_at",
            "last_polled_at",
            "last_success_at",
            "last_new_item_at",
            "last_status",
            "failures",
            "error_count",
            "last_error",
            "items_this_week",
            "item_count",
            "created_by",
            "created_at",
        ]


class SourcePermission(permissions.BasePermission):
    """Reading needs a login; reporters may suggest a source (POST); editors manage them."""

    message = "Your role does not allow this."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "create":
            return request.user.has_perm("articles.add_article")
        return can_manage(request.user)


def annotated_sources():
    week_ago = timezone.now() - timezone.timedelta(days=7)
    return Source.objects.select_related("outlet", "created_by").annotate(
        item_count=Count("items", distinct=True),
        items_this_week=Count("items", filter=Q(items__created_at__gte=week_ago), distinct=True),
    )


@extend_schema_view(
    list=extend_schema(summary="List followed sources with their health"),
    retrieve=extend_schema(summary="One source and its health"),
    destroy=extend_schema(summary="Stop following a source (its articles stay)"),
)
class SourceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    permission_classes = [permissions.IsAuthenticated & SourcePermission]
    serializer_class = SourceOutput

    def get_queryset(self):
        return annotated_sources().order_by("name", "id")

    @extend_schema(
        summary="Follow a feed, news sitemap or home page",
        request=SourceInput,
        responses={201: SourceOutput, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT},
    )
    def create(self, request):
        data = SourceInput(data=request.data)
        data.is_valid(raise_exception=True)
        source = source_create(**data.validated_data, user=request.user)
        return Response(
            SourceOutput(self.get_queryset().get(pk=source.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Change a source (name, outlet, language, interval, active/paused)",
        request=SourcePatch,
        responses={200: SourceOutput, 400: OpenApiTypes.OBJECT},
    )
    def partial_update(self, request, pk=None):
        data = SourcePatch(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        source = source_update(self.get_object(), data=data.validated_data)
        return Response(SourceOutput(self.get_queryset().get(pk=source.pk)).data)

    @extend_schema(
        summary="Poll now (a worker polls it; answers 202)",
        request=None,
        responses={202: SourceOutput, 403: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["post"])
    def poll(self, request, pk=None):
        source = self.get_object()
        poll_now(source)
        return Response(
            SourceOutput(self.get_queryset().get(pk=source.pk)).data, status=status.HTTP_202_ACCEPTED
        )
