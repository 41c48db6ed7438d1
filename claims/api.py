"""REST API for claims: list/detail, the review workflow, evidence, comments, ratings (their
serializers: claims.api_serializers).

Every workflow action takes the claim's current `version`; a stale one is
answered with 409 and the list of changes made since (see config.api).
"""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from claims import roles, services
from claims.api_corrections import ClaimCorrectInput, ClaimCorrectionsMixin
from claims.api_serializers import (
    ERRORS,
    AssignInput,
    BulkInput,
    BulkOutput,
    ClaimDetailOutput,
    CommentInput,
    CommentOutput,
    EvidenceInput,
    EvidenceOutput,
    ProposeInput,
    RatingOutput,
    ReturnInput,
    VersionInput,
    workflow_schema,
)
from claims.filters import DEFAULT_SORT, GROUP_ORDER, SORTS, ClaimFilter
from claims.models import Claim, Rating
from claims.serializers import ClaimOutput


class ClaimCursor(CursorPagination):
    """50 claims a page in the list's `sort` order, with `next`/`previous` links carrying an
    opaque `cursor`: a page costs the same at any depth (no COUNT(*), no OFFSET)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        sort = request.query_params.get("sort") or DEFAULT_SORT
        ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])
        if request.query_params.get("group") == "cluster" and sort in GROUP_ORDER:
            # The grouped order of claims.filters: each cluster where its best member sorts, its
            # members together. The cursor's position is the cluster's value (a window annotation).
            descending = GROUP_ORDER[sort][2]
            ordering = ("-cluster_rank" if descending else "cluster_rank", "cluster_key", *ordering)
        return ordering


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Every claim across articles, with the queue's filters. Example: `/api/v1/claims/?article=7&type=quantity`.",
    ),
    retrieve=extend_schema(summary="One claim with its quantities, evidence, comments and history"),
)
class ClaimViewSet(
    ClaimCorrectionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    # The queue's filters, identical in the UI and here (claims.filters).
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    pagination_class = ClaimCursor

    def get_queryset(self):
        queryset = Claim.objects.for_list().select_related("proposed_by", "reviewed_by")
        if self.action == "retrieve":
            return queryset.prefetch_related("evidence__added_by", "comments__author")
        return queryset

    def get_serializer_class(self):
        return ClaimDetailOutput if self.action == "retrieve" else ClaimOutput

    def _respond(self, claim: Claim) -> Response:
        return Response(ClaimDetailOutput(self.get_queryset().get(pk=claim.pk)).data)

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _require_reviewer(self):
        if not roles.can_review(self.request.user):
            raise PermissionDenied("Only reporters and editors can change claims.")

    @workflow_schema(
        "Correct a claim: span, types, speaker, check-worthiness, quantities (or edit the rationale)",
        ClaimCorrectInput,
        {"speaker": "Elon Musk", "types": ["quote", "quantity"], "start": 31, "end": 55, "version": 3},
    )
    def partial_update(self, request, pk=None):
        return self.correct(request)

    @workflow_schema("Assign (or unassign with null)", AssignInput, {"assignee": "alice", "version": 1})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        self._require_reviewer()
        data = self._input(AssignInput)
        claim = services.claim_assign(
            claim=self.get_object(), to=data["assignee"], by=request.user, version=data["version"]
        )
        return self._respond(claim)

    @workflow_schema(
        "Propose a verdict",
        ProposeInput,
        {"rating": "mostly-true", "rationale": "SpaceX confirmed about 25,000 terminals.", "version": 2},
    )
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        self._require_reviewer()
        data = self._input(ProposeInput)
        claim = services.claim_propose(
            claim=self.get_object(),
            rating=data["rating"],
            rationale=data["rationale"],
            by=request.user,
            version=data["version"],
        )
        return self._respond(claim)

    @workflow_schema("Approve and publish (an editor other than the proposer)", VersionInput, {"version": 3})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        self._require_reviewer()
        data = self._input(VersionInput)
        return self._respond(
            services.claim_approve(claim=self.get_object(), by=request.user, version=data["version"])
        )

    @workflow_schema(
        "Return a proposed verdict with a reason", ReturnInput, {"reason": "Cite the source.", "version": 3}
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        self._require_reviewer()
        data = self._input(ReturnInput)
        claim = services.claim_return(
            claim=self.get_object(), reason=data["reason"], by=request.user, version=data["version"]
        )
        return self._respond(claim)

    @workflow_schema("Dismiss as not check-worthy", VersionInput, {"version": 1})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        self._require_reviewer()
        data = self._input(VersionInput)
        return self._respond(
            services.claim_dismiss(claim=self.get_object(), by=request.user, version=data["version"])
        )

    @workflow_schema("Reopen a dismissed claim", VersionInput, {"version": 2})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        self._require_reviewer()
        data = self._input(VersionInput)
        return self._respond(
            services.claim_reopen(claim=self.get_object(), by=request.user, version=data["version"])
        )

    @extend_schema(
        summary="Apply one action to many claims",
        description=(
            "`assign` (to `assignee`, or unassign with null), `in_review` (take them yourself), `dismiss`, "
            "`reopen`. Each claim succeeds or is refused on its own, with the reason."
        ),
        request=BulkInput,
        responses={200: BulkOutput, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample("Example", request_only=True, value={"claims": [12, 13], "action": "dismiss"})
        ],
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        self._require_reviewer()
        data = self._input(BulkInput)
        result = services.claims_bulk(
            claim_ids=data["claims"], action=data["action"], by=request.user, assignee=data.get("assignee")
        )
        refused = [{"id": claim_id, "reason": str(reason)} for claim_id, reason in result.refused]
        return Response({"done": result.done, "refused": refused})

    @extend_schema(
        summary="List or add evidence",
        request=EvidenceInput,
        responses={200: EvidenceOutput(many=True), 201: EvidenceOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "Example",
                request_only=True,
                value={
                    "url": "https://www.example.org/report",
                    "title": "Ministry report",
                    "stance": "supports",
                },
            )
        ],
    )
    @action(detail=True, methods=["get", "post"], url_path="evidence")
    def evidence(self, request, pk=None):
        claim = self.get_object()
        if request.method == "GET":
            return Response(EvidenceOutput(claim.evidence.select_related("added_by"), many=True).data)
        self._require_reviewer()
        evidence = services.evidence_add(claim=claim, by=request.user, **self._input(EvidenceInput))
        return Response(EvidenceOutput(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="List or add comments (@username notifies)",
        request=CommentInput,
        responses={200: CommentOutput(many=True), 201: CommentOutput, **ERRORS},
        examples=[
            OpenApiExample("Example", request_only=True, value={"body": "@alice can you check this figure?"})
        ],
    )
    @action(detail=True, methods=["get", "post"], url_path="comments")
    def comments(self, request, pk=None):
        claim = self.get_object()
        if request.method == "GET":
            return Response(CommentOutput(claim.comments.select_related("author"), many=True).data)
        self._require_reviewer()
        comment = services.claim_comment(claim=claim, by=request.user, **self._input(CommentInput))
        return Response(CommentOutput(comment).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="The verdict scale"), retrieve=extend_schema(summary="One rating")
)
class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RatingOutput
    queryset = Rating.objects.all()
    lookup_field = "slug"
    pagination_class = None


class MeOutput(serializers.Serializer):
    username = serializers.CharField()
    email = serializers.EmailField(allow_blank=True)
    role = serializers.CharField(allow_null=True, help_text="reporter, editor, admin, or null (read only)")
    unread_notifications = serializers.IntegerField()


@extend_schema(summary="The current user: name, role, unread notifications", responses={200: MeOutput})
@api_view(["GET"])
def me(request):
    user = request.user
    return Response(
        MeOutput(
            {
                "username": user.username,
                "email": user.email,
                "role": roles.role_of(user),
                "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
            }
        ).data
    )
