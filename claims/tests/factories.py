"""Small factories for the tests: an article, a claim (with its verdict, evidence, public page).

One `make_claim` for the whole suite. A claim's offsets are where its text occurs in the article,
or a fresh range past the text when it does not; whatever the caller names overrides the defaults.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from articles.models import Article, Outlet
from claims.models import Claim, Evidence, Rating

_counter = itertools.count(1)


def make_article(
    text: str = "",
    *,
    title: str = "Budget speech",
    url: str | None = None,
    outlet: str | Outlet | None = "Le Quotidien",
    language: str = "fr",
    published_at: dt.datetime | None = None,
    status: str = "extracted",
) -> Article:
    n = next(_counter)
    if isinstance(outlet, str):
        outlet = Outlet.objects.get_or_create(name=outlet)[0] if outlet else None
    return Article.objects.create(
        title=title,
        text=text or f"Article {n}. Le ministre a dit que le chômage a baissé de 12 %.",
        url=url if url is not None else f"https://news.example/{n}",
        outlet=outlet,
        language=language,
        status=status,
        content_hash=f"{n:064d}",
        published_at=published_at or timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0)),
    )


def make_claim(
    article: Article | None = None,
    text: str = "A claim.",
    *,
    status: str = "new",
    verdict: str | Rating | None = None,
    score: float = 0.3,
    evidence: list[str] = (),
    **fields,
) -> Claim:
    """A claim in `article` (a new one if None). `verdict` is a rating or its slug; `score` the
    check-worthiness; `evidence` URLs to attach; any other Claim field passes through."""
    # Without an article, a plain one whose title and outlet no search or filter would pick up.
    article = article or make_article("Some text.", title="An article", outlet=None)
    start = article.text.find(text)
    if start < 0:
        start = 10_000 + next(_counter) * 1000
    if isinstance(verdict, str):
        verdict = Rating.objects.get(slug=verdict)
    defaults = {
        "checkworthiness": score,
        "language": article.language,
        "claim_type": "quantity",
        "published_at": timezone.make_aware(dt.datetime(2026, 3, 5, 15, 30))
        if status == "published"
        else None,
    }
    claim = Claim.objects.create(
        article=article,
        text=text,
        start=start,
        end=start + len(text),
        status=status,
        verdict=verdict,
        **{**defaults, **fields},
    )
    for url in evidence:
        Evidence.objects.create(
            claim=claim,
            url=url,
            title=f"Source {url.rsplit('/', 1)[-1]}",
            source_name="INSEE",
            stance="refutes",
        )
    return claim
