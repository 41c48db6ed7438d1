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
    """The claim's public page, `PUBLIC_BASE_URL/p/<uuid>/` (PUBLIC_BASE_URL defaults to SITE_URL).

    Always the public address, never the login-only article page: it is stable (the
    claim's public_id) and answers as soon as an editor turns the public page on.
    """
    base = (getattr(settings, "PUBLIC_BASE_URL", "") or settings.SITE_URL).rstrip("/")
    return base + reverse("public:claim", args=[claim.public_id])


def _date(value) -> str | None:
    return timezone.localtime(value).date().isoformat() if value else None


def author() -> dict:
    organisation = {"@type": "Organization", "name": settings.CLAIMREVIEW_AUTHOR_NAME}
    if settings.CLAIMREVIEW_AUTHOR_URL:
        organisation["url"] = settings.CLAIMREVIEW_AUTHOR_URL
    return organisation


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def speaker_type(claim: Claim) -> str:
    """ "Organization" when the extractor tagged the speaker's name as an organisation
    (ORG), else "Person" (a speaker with no entity is by far most often a person)."""
    speaker = _fold(claim.speaker)
    for entity in claim.entities or []:
        if not isinstance(entity, dict):
            continue
        name = _fold(str(entity.get("text", "")))
        if name and (name == speaker or name in speaker) and entity.get("label") in ("ORG", "PER"):
            return "Organization" if entity["label"] == "ORG" else "Person"
    return "Person"


def claim_author(claim: Claim) -> dict | None:
    """Who made the claim: its speaker (claim.speaker holds a desk's correction when
    there is one); with no speaker, the article's own claim: its author, else its outlet."""
    article = claim.article
    if claim.speaker:
        return {"@type": speaker_type(claim), "name": claim.speaker}
    if article.author:
        return {"@type": "Person", "name": article.author}
    if article.outlet_id:
        return {"@type": "Organization", "name": article.outlet.name}
    return None


def appearance(article) -> dict:
    """The article the claim was found in, as a CreativeWork."""
    work: dict = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    headline = article.title or article.display_title
    if headline:
        work["headline"] = headline
    if article.author:
        work["author"] = {"@type": "Person", "name": article.author}
    if article.outlet_id:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    if article.published_at:
        work["datePublished"] = _date(article.published_at)
    return work


def item_reviewed(claim: Claim) -> dict:
    article = claim.article
    item: dict = {"@type": "Claim"}
    who = claim_author(claim)
    if who:
        item["author"] = who
    # When the claim was made: the article's publication date, when known.
    if article.published_at:
        item["datePublished"] = _date(article.published_at)
    work = appearance(article)
    if len(work) > 1:
        item["appearance"] = [work]
        # The article we read is the only appearance we know of.
        item["firstAppearance"] = work
    return item


def review_rating(claim: Claim) -> dict:
    """The verdict under its name in the claim's language. A rating off the true–false
    scale (no rating_value: Unverifiable, Misleading) has a name and no number: Google
    requires only alternateName, and ratingValue/bestRating/worstRating are for
    numeric ratings, so it is never published as a point of the 1–5 scale."""
    verdict = claim.verdict
    rating: dict = {"@type": "Rating", "alternateName": verdict.name_in(claim_language(claim))}
    if verdict.rating_value is not None:
        rating.update(
            ratingValue=verdict.rating_value, bestRating=verdict.best_rating, worstRating=verdict.worst_rating
        )
    if claim.rationale:
        rating["ratingExplanation"] = claim.rationale
    return rating


def claim_language(claim: Claim) -> str:
    return claim.language or claim.article.language or ""


def claim_review(claim: Claim, *, context: bool = True) -> dict:
    """The ClaimReview of a published claim with a verdict (ValueError otherwise).

    `claim` needs article (and its outlet) and verdict loaded.
    """
    if claim.status != Claim.Status.PUBLISHED or claim.verdict_id is None:
        raise ValueError("Only a published claim with a verdict has a ClaimReview.")
    review: dict = {"@context": CONTEXT} if context else {}
    review.update(
        {
            "@type": "ClaimReview",
            "url": claim_url(claim),
            "claimReviewed": claim.text,
            "author": author(),
            "reviewRating": review_rating(claim),
            "itemReviewed": item_reviewed(claim),
        }
    )
    if claim.published_at:
        review["datePublished"] = _date(claim.published_at)
    language = claim_language(claim)
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
