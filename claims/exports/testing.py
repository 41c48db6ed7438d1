"""Small factories for the export, report, public-page and import tests."""
from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from articles.models import Article, Outlet
from claims.models import Claim, Evidence, Rating

_counter = itertools.count(1)


def make_article(text: str = "", *, title: str = "Budget speech", url: str | None = None, outlet: str = "Le Quotidien",
                 language: str = "fr", published_at: dt.datetime | None = None) -> Article:
    n = next(_counter)
    return Article.objects.create(
        title=title, text=text or f"Article {n}. Le ministre a dit que le chômage a baissé de 12 %.",
        url=url if url is not None else f"https://news.example/{n}",
        outlet=Outlet.objects.get_or_create(name=outlet)[0] if outlet else None,
        language=language, status="extracted", content_hash=f"{n:064d}",
        published_at=published_at or timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0)),
    )


def make_claim(article: Article, text: str, *, status: str = "new", verdict: str | None = None,
               rationale: str = "", speaker: str = "", checkworthy: bool = False, score: float = 0.3,
               evidence: list[str] = (), is_public: bool = False, **extra) -> Claim:
    start = article.text.find(text)
    if start < 0:
        start = 10_000 + next(_counter) * 1000
    published = status == "published"
    claim = Claim.objects.create(
        article=article, text=text, start=start, end=start + len(text), status=status,
        verdict=Rating.objects.get(slug=verdict) if verdict else None, rationale=rationale, speaker=speaker,
        checkworthy=checkworthy, checkworthiness=score, language=article.language, claim_type="quantity",
        published_at=timezone.make_aware(dt.datetime(2026, 3, 5, 15, 30)) if published else None,
        is_public=is_public, **extra,
    )
    for url in evidence:
        Evidence.objects.create(claim=claim, url=url, title=f"Source {url.rsplit('/', 1)[-1]}", source_name="INSEE",
                                stance="refutes")
    return claim
