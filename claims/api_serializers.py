"""The claims API's serializers (claims.api): claim detail, evidence, comments and ratings out; the
review actions' inputs; the 409 answer to a stale version, and the schema the actions share."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers

from claims.models import Comment, Evidence, Rating
from claims.selectors import history_as_api
from claims.serializers import ClaimOutput


class EvidenceOutput(serializers.ModelSerializer):
    added_by = serializers.CharField(source="added_by.username", default=None, allow_null=True)

    class Meta:
        model = Evidence
        fields = ["id", "url", "title", "source_name", "excerpt", "stance", "note", "added_by", "created_at"]


class CommentOutput(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", default=None, allow_null=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "created_at"]


class ClaimDetailOutput(ClaimOutput):
    evidence = EvidenceOutput(many=True, read_only=True)
    comments = CommentOutput(many=True, read_only=True)
    history = serializers.SerializerMethodField()

    class Meta(ClaimOutput.Meta):
        fields = ClaimOutput.Meta.fields + ["evidence", "comments", "history"]

    def get_history(self, claim) -> list[dict]:
        # The same differ as the review timeline and the 409 (claims.selectors.claim_history).
        return history_as_api(claim)


class RatingOutput(serializers.ModelSerializer):
    labels = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text='The name in other languages, e.g. {"fr": "Plutôt vrai"}; `label` is the default (English) name.',
    )
    rating_value = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="ClaimReview ratingValue; null for a rating off the true–false scale (published without a number).",
    )

    class Meta:
        model = Rating
        fields = [
            "slug",
            "label",
            "labels",
            "rating_value",
            "best_rating",
            "worst_rating",
            "colour",
            "position",
        ]


# --- inputs ------------------------------------------------------------------------------------------


class VersionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class AssignInput(VersionInput):
    assignee = serializers.CharField(allow_null=True, allow_blank=True)

    def validate_assignee(self, value):
        if not value:
            return None
        user = get_user_model().objects.filter(username=value, is_active=True).first()
        if user is None:
            raise serializers.ValidationError(f"No active user named {value!r}.")
        return user


class RatingField(serializers.SlugRelatedField):
    """A rating slug; an unknown one is refused with the value and the slugs to choose from."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Rating.objects.all(), **kwargs)

    def to_internal_value(self, data):
        rating = self.get_queryset().filter(slug=data).first() if isinstance(data, str) else None
        if rating is not None:
            return rating
        slugs = ", ".join(self.get_queryset().order_by("position").values_list("slug", flat=True))
        raise serializers.ValidationError(
            _("Unknown rating “%(value)s”. Choose one of: %(choices)s.")
            % {"value": str(data)[:100], "choices": slugs},
            code="does_not_exist",
        )


class ProposeInput(VersionInput):
    rating = RatingField(help_text="A rating slug from /api/v1/ratings/ (true, mostly-true, …).")
    rationale = serializers.CharField(max_length=20_000)


class ReturnInput(VersionInput):
    reason = serializers.CharField(max_length=5_000)


class EvidenceInput(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    title = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Optional: made from the URL when blank."
    )
    source_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    excerpt = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices, default=Evidence.Stance.CONTEXT)
    note = serializers.CharField(max_length=20_000, required=False, allow_blank=True)


class CommentInput(serializers.Serializer):
    body = serializers.CharField(max_length=10_000)


class BulkInput(serializers.Serializer):
    claims = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=1000)
    action = serializers.ChoiceField(choices=["assign", "dismiss", "reopen", "in_review"])
    assignee = serializers.CharField(required=False, allow_null=True, allow_blank=True)

    def validate_assignee(self, value):
        return AssignInput().validate_assignee(value)


class BulkOutput(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    refused = serializers.ListField(child=serializers.DictField())


# --- the stale-version answer and the schema the review actions share --------------------------------


class ChangeOutput(serializers.Serializer):
    field = serializers.CharField(
        help_text="status, assignee, verdict, rationale, return_reason, speaker or type"
    )
    old = serializers.JSONField(allow_null=True, help_text="A username, a rating slug, a status, or text")
    new = serializers.JSONField(allow_null=True)
    by = serializers.CharField(allow_null=True, help_text="Who made the change")
    at = serializers.DateTimeField()
    version = serializers.IntegerField(help_text="The claim's version after the change")
    summary = serializers.CharField(help_text="The change in a sentence, in the request's language")


class StaleOutput(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    changes = ChangeOutput(many=True, help_text="Every change since the version sent, oldest first")
    claim = ClaimOutput()


STALE = {409: StaleOutput}
ERRORS = {400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT}


def workflow_schema(summary: str, request, example: dict):
    return extend_schema(
        summary=summary,
        request=request,
        responses={200: ClaimDetailOutput, **ERRORS, **STALE},
        examples=[OpenApiExample("Example", value=example, request_only=True)],
    )
