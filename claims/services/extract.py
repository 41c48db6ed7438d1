"""Claim-side workflows: turning an article into claims."""

from __future__ import annotations

import logging
import time
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from articles.models import Article
from claims import extraction
from claims.models import Claim, Quantity
from claims.signals import claims_extracted

logger = logging.getLogger(__name__)

# After this many starts without finishing (the worker was killed each time),
# an article is marked failed instead of being queued again forever.
MAX_EXTRACTION_ATTEMPTS = 3


class ExtractionTimeout(Exception):
    """The extractor returned after the deadline; its result is not trusted."""


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None
    # max_digits=40, decimal_places=6 → at most 34 digits before the point.
    return number if abs(number) < Decimal("1e33") else None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < kept_end and kept_start < end for kept_start, kept_end in spans)


def article_claim_for_extraction(*, article_id: int) -> Article | None:
    """Mark the article `extracting`, or return None if there is nothing to do.

    A compare-and-set update: an article already extracted (a duplicate
    message) or deleted is left alone; one redelivered after a worker died
    (still `extracting`) is taken again.
    """
    claimed = Article.objects.filter(
        pk=article_id, status__in=[Article.Status.QUEUED, Article.Status.EXTRACTING]
    ).update(status=Article.Status.EXTRACTING, status_changed_at=timezone.now(), attempts=F("attempts") + 1)
    if not claimed:
        return None
    return Article.objects.get(pk=article_id)


def article_fail(*, article_id: int, reason: str) -> None:
    """Mark an article being extracted as failed.

    Only from `extracting`: a late failure report (a hard time limit noticed by
    the worker's main process) must not undo another worker's finished extraction.
    """
    Article.objects.filter(pk=article_id, status=Article.Status.EXTRACTING).update(
        status=Article.Status.FAILED, error=reason[:2000], status_changed_at=timezone.now()
    )


def article_extract(*, article_id: int, deadline: float | None = None) -> int | None:
    """Extract an article's claims and store them; return how many were written.

    1. Claim the article (see `article_claim_for_extraction`).
    2. Refuse what cannot be extracted (no text, over the size limit, too many attempts).
    3. Run the extractor outside any transaction (CPU work, no locks held). If
       it returns after `deadline` (time.monotonic()), raise ExtractionTimeout:
       the extractor catches its own errors and falls back to cruder rules, so
       it may have swallowed the task's SoftTimeLimitExceeded and returned a
       partial result that must not be stored as the article's claims.
    4. In one transaction, with the article row and its claims locked: delete
       the claims nobody has touched (`Claim.objects.untouched()`), insert the
       new ones except where a kept desk claim equals or overlaps the span, and
       mark the article `extracted`.
    Running it twice gives the same claims, never duplicates.
    """
    article = article_claim_for_extraction(article_id=article_id)
    if article is None:
        return None
    if not article.text.strip():
        if article.url:  # A URL article not fetched yet: fetching comes first.
            Article.objects.filter(pk=article_id).update(status=Article.Status.QUEUED)
            return None
        article_fail(article_id=article_id, reason="The article has no text to extract claims from.")
        return None
    if len(article.text) > settings.ARTICLE_MAX_CHARS:
        article_fail(
            article_id=article_id,
            reason=f"The article is {len(article.text):,} characters long; the limit is {settings.ARTICLE_MAX_CHARS:,}.",
        )
        return None
    if article.attempts > MAX_EXTRACTION_ATTEMPTS:
        article_fail(
            article_id=article_id,
            reason=f"Extraction was interrupted {MAX_EXTRACTION_ATTEMPTS} times (the worker stopped or was killed).",
        )
        return None

    result = extraction.extract(article.text, lang=article.language or None)
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout
    return _store_extraction(article_id=article_id, result=result)


def _store_extraction(*, article_id: int, result) -> int:
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        claims = Claim.objects.filter(article=article)
        # Lock the article's claims first: evidence or a comment being added
        # right now (its foreign key holds a share lock on the claim) commits
        # before the rule below is read, so that claim counts as the desk's.
        list(claims.select_for_update().values_list("pk", flat=True))
        # Only claims nobody touched in any way are replaced (Claim.objects.touched()
        # is the desk's rule). Desk claims keep their ids and offsets; a new machine
        # claim equal to or overlapping one of them is dropped.
        claims.untouched().delete()
        kept = list(claims.values_list("start", "end"))
        seen: set[tuple[int, int]] = set()
        text_length = len(article.text)
        new_claims: list[Claim] = []
        quantities: list[list] = []
        for found in result.claims:
            span = (found.start, found.end)
            if not (0 <= found.start < found.end <= text_length) or span in seen or _overlaps(*span, kept):
                continue
            seen.add(span)
            new_claims.append(
                Claim(
                    article=article,
                    text=article.text[found.start : found.end],
                    start=found.start,
                    end=found.end,
                    claim_type=found.type,
                    types=list(found.types),
                    checkworthiness=min(max(float(found.score), 0.0), 1.0),
                    checkworthy=bool(found.checkworthy),
                    speaker=(found.speaker or "")[:300],
                    entities=[
                        {"text": e.text, "label": e.label, "start": e.start, "end": e.end}
                        for e in found.entities
                    ],
                    language=result.language,
                    extractor_version=result.extractor_version,
                )
            )
            quantities.append(found.quantities)
        # With their creation in the history: a later change (and a 409) can say what it changed from.
        created = bulk_create_with_history(new_claims, Claim)
        Quantity.objects.bulk_create(
            Quantity(
                claim=claim,
                raw=q.raw[:200],
                value=_decimal(q.value),
                unit=(q.unit or "")[:200],
                approximate=q.approximate,
                vague=q.vague,
                start=q.start,
                end=q.end,
            )
            for claim, found_quantities in zip(created, quantities)
            for q in found_quantities
            if 0 <= q.start < q.end <= text_length
        )
        if settings.MATCHING_ENABLED:
            from claims.services.matching import keep_vectors

            # The vectors check-worthiness just computed: the matching task reuses them (issue 11).
            keep_vectors(created, getattr(result, "encoded", None) or {})
        article.status = Article.Status.EXTRACTED
        article.error = ""
        article.status_changed_at = timezone.now()
        article.extractor_version = result.extractor_version
        article.attempts = 0
        article.language = article.language or result.language
        article.save(
            update_fields=[
                "status",
                "error",
                "status_changed_at",
                "extractor_version",
                "attempts",
                "language",
                "updated_at",
            ]
        )
        claim_ids = [claim.pk for claim in created]
        transaction.on_commit(lambda: _announce(article_id, claim_ids))
    return len(created)


def _announce(article_id: int, claim_ids: list[int]) -> None:
    """Tell listeners (watchlists) about the new claims; their failures never fail extraction."""
    for receiver, outcome in claims_extracted.send_robust(
        sender=Claim, article_id=article_id, claim_ids=claim_ids
    ):
        if isinstance(outcome, Exception):
            logger.error("claims_extracted receiver %r failed: %r", receiver, outcome)
