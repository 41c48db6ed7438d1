"""The desk's corrections through the API: add a missed claim, correct one (PATCH), split,
merge, "not a claim". The services live in claims.services.corrections.

Contract (kept exactly):
- POST /api/v1/claims/ {"article", "start", "end", "types", "speaker", "checkworthy", "quantities"}
  → 201 with the claim; 400 for a span outside the text, an empty span, or one crossing another
  claim's boundary.
- PATCH /api/v1/claims/{id}/ accepts start, end, types, speaker, checkworthy, quantities
  ([{raw, value, unit, approximate, vague}]) and version (plus the older rationale and type)
  → 200, or 409 for a stale version.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from articles.models import Article
from claims import services
from claims.models import Claim

TYPE_CHOICES = Claim.Type.choices


class QuantityInput(serializers.Serializer):
    raw = serializers.CharField(max_length=200)
    value = serializers.DecimalField(max_digits=40, decimal_places=6, required=False, allow_null=True)
    unit = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    approximate = serializers.BooleanField(required=False, default=False)
    vague = serializers.BooleanField(required=False, default=False)


class CorrectionFields(serializers.Serializer):
    types = serializers.ListField(
        child=serializers.ChoiceField(choices=TYPE_CHOICES),
        min_length=1,
        max_length=len(TYPE_CHOICES),
        required=False,
        help_text="The claim's types, the main one first.",
    )
    speaker = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=300)
    checkworthy = serializers.BooleanField(required=False)
    quantities = QuantityInput(many=True, required=False, max_length=100)


class ClaimCreateInput(CorrectionFields):
    article = serializers.IntegerField(min_value=1)
    start = serializers.IntegerField()
    end = serializers.IntegerField()

    def validate_article(self, value):
        if not Article.objects.filter(pk=value).exists():
            raise serializers.ValidationError(f"No article {value}.")
        return value


class ClaimCorrectInput(CorrectionFields):
    version = serializers.IntegerField(min_value=1)
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)
    # The older single-field edits, still accepted.
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    type = serializers.ChoiceField(
        choices=TYPE_CHOICES, required=False, help_text="Set the main type (older form)."
    )


class SplitInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    at = serializers.IntegerField(help_text="Article offset where the second claim starts.")


class MergeInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    other = serializers.IntegerField(min_value=1, help_text="The adjacent claim to merge into this one.")
    other_version = serializers.IntegerField(min_value=1)


class NotAClaimInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


ERRORS = {
    400: OpenApiTypes.OBJECT,
    403: OpenApiTypes.OBJECT,
    404: OpenApiTypes.OBJECT,
    409: OpenApiTypes.OBJECT,
}


def _quantities(data: dict) -> None:
    if "quantities" in data:
        data["quantities"] = [services.QuantityData(**q) for q in data["quantities"]]


class ClaimCorrectionsMixin:
    """Mixed into ClaimViewSet (claims.api), which provides _input, _respond, _require_reviewer."""

    @extend_schema(
        summary="Add a claim the extractor missed",
        request=ClaimCreateInput,
        responses={201: OpenApiTypes.OBJECT, **ERRORS},
        examples=[
            OpenApiExample(
                "Example",
                request_only=True,
                value={
                    "article": 7,
                    "start": 120,
                    "end": 188,
                    "types": ["quantity", "quote"],
                    "speaker": "Elon Musk",
                    "checkworthy": True,
                    "quantities": [
                        {
                            "raw": "environ 25 000",
                            "value": 25000,
                            "unit": "terminaux",
                            "approximate": True,
                            "vague": False,
                        }
                    ],
                },
            )
        ],
    )
    def create(self, request):
        self._require_reviewer()
        data = dict(self._input(ClaimCreateInput))
        _quantities(data)
        if data.get("speaker") is None:
            data.pop("speaker", None)
        claim = services.claim_add(by=request.user, **data)
        response = self._respond(claim)
        response.status_code = status.HTTP_201_CREATED
        return response

    def correct(self, request):
        """PATCH: one version step for every field given."""
        self._require_reviewer()
        claim = self.get_object()
        data = dict(self._input(ClaimCorrectInput))
        version = data.pop("version")
        if set(data) <= {"rationale"} and data:
            return self._respond(services.claim_update(claim=claim, by=request.user, version=version, **data))
        main = data.pop("type", None)
        if main and "types" not in data:
            current = list(claim.types) or [claim.claim_type]
            data["types"] = [main, *[t for t in current if t != main]]
        _quantities(data)
        return self._respond(services.claim_correct(claim=claim, by=request.user, version=version, **data))

    @extend_schema(
        summary="Split a claim in two at an offset",
        request=SplitInput,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        examples=[OpenApiExample("Example", request_only=True, value={"at": 240, "version": 2})],
    )
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        self._require_reviewer()
        data = self._input(SplitInput)
        first, second = services.claim_split(
            claim=self.get_object(), by=request.user, version=data["version"], at=data["at"]
        )
        return Response({"claims": [self._respond(first).data, self._respond(second).data]})

    @extend_schema(
        summary="Merge an adjacent claim into this one",
        request=MergeInput,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        examples=[
            OpenApiExample(
                "Example", request_only=True, value={"other": 13, "version": 1, "other_version": 1}
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        self._require_reviewer()
        data = self._input(MergeInput)
        claim = services.claim_merge(
            claim=self.get_object(),
            other=data["other"],
            by=request.user,
            version=data["version"],
            other_version=data["other_version"],
        )
        return self._respond(claim)

    @extend_schema(
        summary="Dismiss as not a claim (distinct from not check-worthy)",
        request=NotAClaimInput,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        examples=[OpenApiExample("Example", request_only=True, value={"version": 1})],
    )
    @action(detail=True, methods=["post"], url_path="not-a-claim")
    def not_a_claim(self, request, pk=None):
        self._require_reviewer()
        data = self._input(NotAClaimInput)
        return self._respond(
            services.claim_not_a_claim(claim=self.get_object(), by=request.user, version=data["version"])
        )
