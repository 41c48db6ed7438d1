"""REST API for claims (read side; the review workflow comes with the review desk)."""
from __future__ import annotations

from rest_framework import mixins, serializers, viewsets

from claims.models import Claim, Quantity


class QuantityOutput(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=40, decimal_places=6, coerce_to_string=False, allow_null=True)

    class Meta:
        model = Quantity
        fields = ["raw", "value", "unit", "approximate", "vague", "start", "end"]


class ClaimOutput(serializers.ModelSerializer):
    quantities = QuantityOutput(many=True, read_only=True)
    type = serializers.CharField(source="claim_type")
    assignee = serializers.CharField(source="assignee.username", default=None)
    verdict = serializers.CharField(source="verdict.slug", default=None)

    class Meta:
        model = Claim
        fields = [
            "id", "article", "text", "start", "end", "type", "types", "checkworthiness", "checkworthy",
            "speaker", "entities", "language", "status", "assignee", "verdict", "rationale", "version",
            "extractor_version", "quantities", "created_at", "updated_at",
        ]


class ClaimFilterInput(serializers.Serializer):
    article = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=Claim.Status.choices, required=False)
    type = serializers.ChoiceField(choices=Claim.Type.choices, required=False)
    checkworthy = serializers.BooleanField(required=False, allow_null=True, default=None)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ClaimOutput

    def get_queryset(self):
        queryset = Claim.objects.for_list().order_by("article_id", "start")
        if self.action != "list":
            return queryset
        filters = ClaimFilterInput(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        if "article" in wanted:
            queryset = queryset.filter(article_id=wanted["article"])
        if "status" in wanted:
            queryset = queryset.filter(status=wanted["status"])
        if "type" in wanted:
            queryset = queryset.filter(claim_type=wanted["type"])
        if wanted.get("checkworthy") is not None:
            queryset = queryset.filter(checkworthy=wanted["checkworthy"])
        return queryset
