"""schema.org ClaimReview for a published claim (what Google's fact-check markup reads).

Required by Google: claimReviewed, reviewRating (alternateName, ratingValue),
url, author. Recommended: itemReviewed (the claim: who said it, where, when),
datePublished, author.name. See https://developers.google.com/search/docs/appearance/structured-data/factcheck
"""
from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim

CONTEXT = "https://schema.org"


def claim_url(claim: Claim) -> str:
    """The public page when the claim has one, else its place on the (logged-in) article page."""
    if claim.is_public:
        return settings.SITE_URL + reverse("public:claim", args=[claim.public_id])
    return f"{settings.SITE_URL}{reverse('article_detail', args=[claim.article_id])}#claim-{claim.pk}"


def _date(value) -> str | None:
    return timezone.localtime(value).date().isoformat() if value else None


def author() -> dict:
    organisation = {"@type": "Organization", "name": settings.CLAIMREVIEW_AUTHOR_NAME}
    if settings.CLAIMREVIEW_AUTHOR_URL:
        organisation["url"] = settings.CLAIMREVIEW_AUTHOR_URL
    return organisation


def item_reviewed(claim: Claim) -> dict:
    article = claim.article
    item: dict = {"@type": "Claim"}
    # We only know a speaker's name; a person is by far the common case.
    if claim.speaker:
        item["author"] = {"@type": "Person", "name": claim.speaker}
    if article.published_at:
        item["datePublished"] = _date(article.published_at)
    if article.url:
        appearance = {"@type": "CreativeWork", "url": article.url}
        if article.title:
            appearance["headline"] = article.title
        if article.outlet_id:
            appearance["publisher"] = {"@type": "Organization", "name": article.outlet.name}
        item["appearance"] = [appearance]
        # The article we read is the only appearance we know of.
        item["firstAppearance"] = appearance
    return item


def claim_review(claim: Claim, *, context: bool = True) -> dict:
    """The ClaimReview of a published claim with a verdict (ValueError otherwise).

    `claim` needs article (and its outlet) and verdict loaded.
    """
    if claim.status != Claim.Status.PUBLISHED or claim.verdict_id is None:
        raise ValueError("Only a published claim with a verdict has a ClaimReview.")
    verdict = claim.verdict
    review: dict = {"@context": CONTEXT} if context else {}
    review.update({
        "@type": "ClaimReview",
        "url": claim_url(claim),
        "claimReviewed": claim.text,
        "author": author(),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdict.label,
            "ratingValue": verdict.rating_value,
            "bestRating": verdict.best_rating,
            "worstRating": verdict.worst_rating,
            "ratingExplanation": claim.rationale,
        },
        "itemReviewed": item_reviewed(claim),
    })
    if claim.published_at:
        review["datePublished"] = _date(claim.published_at)
    language = claim.language or claim.article.language
    if language:
        review["inLanguage"] = language
    return review


# Like django.utils.html.json_script: inside <script>, "</script>" or "<!--" in a
# claim's text must not end the element, so <, > and & become \u escapes (still valid JSON).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict | list) -> SafeString:
    """A complete <script type="application/ld+json"> element, safe to put in a page."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
