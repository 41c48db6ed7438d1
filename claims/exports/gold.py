"""The desk's corrections as gold data, in the format of ../shared/eval/GUIDELINES.md.

One line per article the desk has reviewed (at least one claim touched):
{"doc_id": "article-<id>", "lang": "fr", "claims": [{"text", "types", "checkworthy", "speaker", "quantities"}]}
- every claim that is not dismissed is an item, with the desk's (corrected) values;
- a claim dismissed as "not check-worthy" is an item with checkworthy false;
- a claim dismissed as "not a claim" is left out.
Item texts are the claims' own texts, exact substrings of the article text, in text order
(so score_articles.py maps a repeated text to its n-th place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Prefetch, Q

from articles.models import Article
from claims.models import Claim, Quantity
from claims.services.corrections_checks import quantity_dicts

BATCH = 200


def doc_id(article_id: int) -> str:
    return f"article-{article_id}"


def article_id_from_doc_id(value: str) -> int | None:
    prefix, _, number = value.partition("-")
    return int(number) if prefix == "article" and number.isdigit() else None


def reviewed_articles(*, article_ids=None, since: dt.date | None = None, outlet: str | None = None):
    touched = Claim.objects.touched()
    if since is not None:
        touched = touched.filter(updated_at__date__gte=since)
    articles = Article.objects.filter(pk__in=touched.values("article_id"))
    if article_ids:
        articles = articles.filter(pk__in=article_ids)
    if outlet:
        articles = articles.filter(outlet__name__iexact=outlet)
    return articles.order_by("pk")


def gold_item(claim: Claim) -> dict:
    dismissed = claim.status == Claim.Status.DISMISSED
    return {
        "text": claim.text,
        "types": list(claim.types) or [claim.claim_type],
        "checkworthy": bool(claim.checkworthy) and not dismissed,
        "speaker": claim.speaker or None,
        "quantities": quantity_dicts(claim.quantities.all()),
    }


def gold_lines(articles) -> Iterator[tuple[dict, dict]]:
    """(gold line, article line {doc_id, lang, text}) per article, a constant number of queries per batch."""
    claims = (
        Claim.objects.exclude(
            Q(status=Claim.Status.DISMISSED) & Q(dismiss_reason=Claim.DismissReason.NOT_A_CLAIM)
        )
        .order_by("start", "end", "pk")
        .prefetch_related(Prefetch("quantities", queryset=Quantity.objects.order_by("start", "pk")))
    )
    ids = list(articles.values_list("pk", flat=True))
    for at in range(0, len(ids), BATCH):
        batch = (
            Article.objects.filter(pk__in=ids[at : at + BATCH])
            .order_by("pk")
            .prefetch_related(Prefetch("claims", queryset=claims, to_attr="gold_claims"))
        )
        for article in batch:
            lang = article.language or (article.gold_claims[0].language if article.gold_claims else "")
            yield (
                {
                    "doc_id": doc_id(article.pk),
                    "lang": lang,
                    "claims": [gold_item(c) for c in article.gold_claims],
                },
                {"doc_id": doc_id(article.pk), "lang": lang, "title": article.title, "text": article.text},
            )
