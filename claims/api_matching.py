"""Matching API routes; included before the router in config/api_urls.py.

POST /api/v1/matches/search/ {"text": "…"}           claims and fact-checks like this text (any language)
GET  /api/v1/claims/{id}/matches/                     the claim's links: same claim elsewhere, checked before
POST /api/v1/claims/{id}/matches/{link}/confirm/      a person confirms a suggested link (reporters and up)
POST /api/v1/claims/{id}/matches/{link}/reject/       … or rejects it: never suggested again
POST /api/v1/claims/{id}/matches/apply-verdict/       a published verdict proposed for its confirmed matches
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import roles
from claims.models import Claim, ClaimLink


class SearchInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000, trim_whitespace=True)
    top = serializers.IntegerField(min_value=1, max_value=50, default=10)


class MatchOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["claim", "fact_check"])
    id = serializers.IntegerField()
    score = serializers.FloatField()
    text = serializers.CharField()
    language = serializers.CharField(allow_blank=True)
    status = serializers.CharField(allow_blank=True, help_text="the claim's review status (claims only)")
    verdict = serializers.CharField(
        allow_blank=True, help_text="the claim's verdict, or the fact-check's rating"
    )
    article = serializers.IntegerField(allow_null=True)
    article_title = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True, help_text="the fact-check's URL")
    publisher = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)


class SearchMatchOutput(MatchOutput):
    strength = serializers.ChoiceField(
        choices=["autolink", "suggest"],
        help_text="the threshold the score reaches: matching would link without asking, or suggest",
    )
    differs = serializers.ChoiceField(
        choices=["", "numbers", "dates", "names"],
        allow_blank=True,
        help_text="what keeps it from being linked without a person: other figures, dates or names ('' if none)",
    )


class LinkOutput(MatchOutput):
    link = serializers.IntegerField()
    link_status = serializers.ChoiceField(choices=ClaimLink.Status.choices)


def describe(score: float, claim: Claim | None = None, fact_check=None) -> dict:
    if claim is not None:
        return {
            "kind": "claim",
            "id": claim.pk,
            "score": round(score, 4),
            "text": claim.text,
            "language": claim.language,
            "status": claim.status,
            "verdict": claim.verdict.display_label if claim.verdict else "",
            "article": claim.article_id,
            "article_title": claim.article.display_title,
            "url": "",
            "publisher": "",
            "date": claim.published_at.date() if claim.published_at else None,
        }
    return {
        "kind": "fact_check",
        "id": fact_check.pk,
        "score": round(score, 4),
        "text": fact_check.claim_text,
        "language": fact_check.language,
        "status": "",
        "verdict": fact_check.rating,
        "article": None,
        "article_title": "",
        "url": fact_check.url,
        "publisher": fact_check.publisher,
        "date": fact_check.published_on,
    }


def claim_links(claim: Claim) -> list[dict]:
    links = (
        ClaimLink.objects.filter(claim=claim)
        .exclude(status=ClaimLink.Status.REJECTED)
        .select_related("other__article", "other__verdict", "fact_check")
    )
    return [
        {**describe(link.score, link.other, link.fact_check), "link": link.pk, "link_status": link.status}
        for link in links
    ]


@extend_schema(
    summary="Check a claim: claims and fact-checks like this text, in any language",
    request=SearchInput,
    responses={200: inline_serializer("MatchSearchOutput", {"results": SearchMatchOutput(many=True)})},
)
class MatchSearchView(APIView):
    """`score` is the link score, as in the claim's matches: only results that reach the suggest
    threshold are returned (an empty list when nothing is close enough)."""

    def post(self, request):
        from claims.services.matching import search

        data = SearchInput(data=request.data)
        data.is_valid(raise_exception=True)
        found = search(data.validated_data["text"], top=data.validated_data["top"])
        return Response(
            {
                "results": [
                    {**describe(c.score, c.claim, c.fact_check), "strength": c.strength, "differs": c.differs}
                    for c in found
                ]
            }
        )


@extend_schema(
    summary="The claim's matches: the same claim in other articles, and fact-checks of it",
    responses={
        200: inline_serializer(
            "ClaimMatchesOutput", {"claim": serializers.IntegerField(), "matches": LinkOutput(many=True)}
        )
    },
)
class ClaimMatchesView(APIView):
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim, pk=pk)
        return Response({"claim": claim.pk, "matches": claim_links(claim)})


@extend_schema(summary="Confirm or reject a suggested match", request=None, responses={200: LinkOutput})
class LinkDecisionView(APIView):
    confirm = True

    def post(self, request, pk: int, link: int):
        from claims.services.matching import decide

        if not roles.can_review(request.user):
            raise PermissionDenied("Only reporters and editors can confirm or reject matches.")
        item = get_object_or_404(
            ClaimLink.objects.select_related("other__article", "other__verdict", "fact_check"),
            pk=link,
            claim_id=pk,
        )
        item = decide(item, confirm=self.confirm, by=request.user)
        return Response(
            {**describe(item.score, item.other, item.fact_check), "link": item.pk, "link_status": item.status}
        )


class ApplyVerdictOutput(serializers.Serializer):
    proposed = serializers.ListField(
        child=serializers.IntegerField(), help_text="claims now with a proposed verdict"
    )
    refused = serializers.ListField(
        child=inline_serializer(
            "ApplyVerdictRefusal", {"id": serializers.IntegerField(), "reason": serializers.CharField()}
        )
    )


@extend_schema(
    summary="Propose this published verdict for each confirmed match under review (approval as usual)",
    request=None,
    responses={200: ApplyVerdictOutput},
)
class ApplyVerdictView(APIView):
    def post(self, request, pk: int):
        from claims.services.match_verdicts import verdict_apply_to_matches

        result = verdict_apply_to_matches(claim=get_object_or_404(Claim, pk=pk), by=request.user)
        return Response(
            {"proposed": result.done, "refused": [{"id": i, "reason": r} for i, r in result.refused]}
        )


urlpatterns = [
    path(
        "claims/<int:pk>/matches/apply-verdict/", ApplyVerdictView.as_view(), name="api-match-apply-verdict"
    ),
    path("matches/search/", MatchSearchView.as_view(), name="api-match-search"),
    path("claims/<int:pk>/matches/", ClaimMatchesView.as_view(), name="api-claim-matches"),
    path(
        "claims/<int:pk>/matches/<int:link>/confirm/",
        LinkDecisionView.as_view(confirm=True),
        name="api-match-confirm",
    ),
    path(
        "claims/<int:pk>/matches/<int:link>/reject/",
        LinkDecisionView.as_view(confirm=False),
        name="api-match-reject",
    ),
]
