"""REST API for watchlists: /api/v1/watchlists/ (a user's own and their teams')."""

from __future__ import annotations

from django.contrib.auth.models import Group
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from .models import Watchlist
from .watchlists import clean_entries, visible_watchlists


class EntriesField(serializers.ListField):
    child = serializers.CharField(max_length=100)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        return clean_entries(super().to_internal_value(data))


class WatchlistSerializer(serializers.ModelSerializer):
    terms = EntriesField(required=False)
    people = EntriesField(required=False)
    organisations = EntriesField(required=False)
    team = serializers.SlugRelatedField(
        slug_field="name",
        queryset=Group.objects.all(),
        required=False,
        allow_null=True,
        help_text="A team (group) you belong to; its members are notified too.",
    )
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Watchlist
        fields = ["id", "name", "terms", "people", "organisations", "team", "email", "owner", "created_at"]

    def validate_team(self, team):
        user = self.context["request"].user
        if team is not None and not user.groups.filter(pk=team.pk).exists():
            raise serializers.ValidationError("You can only share a watchlist with a team you belong to.")
        return team

    def validate(self, attrs):
        entries = [*attrs.get("terms", []), *attrs.get("people", []), *attrs.get("organisations", [])]
        if self.instance is None and not entries:
            raise serializers.ValidationError("Give at least one term, person or organisation.")
        return attrs


class WatchlistPermission(permissions.BasePermission):
    """Any logged-in user keeps watchlists; only the owner changes or deletes one."""

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.owner_id == request.user.pk


@extend_schema_view(
    list=extend_schema(summary="My watchlists and my teams'"),
    create=extend_schema(summary="Watch terms, people and organisations in new check-worthy claims"),
)
class WatchlistViewSet(viewsets.ModelViewSet):
    serializer_class = WatchlistSerializer
    permission_classes = [permissions.IsAuthenticated & WatchlistPermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    # Only for the schema (an integer id); get_queryset decides what each user sees.
    queryset = Watchlist.objects.none()

    def get_queryset(self):
        return visible_watchlists(self.request.user).select_related("owner", "team").order_by("name", "id")

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
