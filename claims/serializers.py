"""The claim's output shape, shared by the API (claims.api) and the exports (claims.exports.rows),
so exports do not reach into the API module for it."""

from __future__ import annotations

from rest_framework import serializers

from claims.models import Claim, Quantity


class QuantityOutput(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=40, decimal_places=6, coerce_to_string=False, allow_null=True)

    class Meta:
        model = Quantity
        fields = ["raw", "value", "unit", "approximate", "vague", "start", "end"]


class ClaimOutput(serializers.ModelSerializer):
    quantities = QuantityOutput(many=True, read_only=True)
    type = serializers.CharField(source="claim_type")
    assignee = serializers.CharField(source="assignee.username", default=None, allow_null=True)
    verdict = serializers.CharField(source="verdict.slug", default=None, allow_null=True)
    proposed_by = serializers.CharField(source="proposed_by.username", default=None, allow_null=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", default=None, allow_null=True)
    corrected_fields = serializers.SerializerMethodField(help_text="The fields the desk corrected.")

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "text",
            "start",
            "end",
            "type",
            "types",
            "checkworthiness",
            "checkworthy",
            "speaker",
            "entities",
            "language",
            "status",
            "assignee",
            "verdict",
            "rationale",
            "return_reason",
            "proposed_by",
            "proposed_at",
            "reviewed_by",
            "published_at",
            "version",
            "extractor_version",
            "quantities",
            "origin",
            "dismiss_reason",
            "corrected_fields",
            "created_at",
            "updated_at",
        ]

    def get_corrected_fields(self, claim) -> list[str]:
        return sorted(claim.machine_original or {})
