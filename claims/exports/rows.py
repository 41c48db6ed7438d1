"""Queryset → row dicts, in constant memory.

The claims are read with `.iterator(chunk_size=…)` (a server-side cursor on
PostgreSQL) and every chunk gets its own prefetch of quantities and evidence, so
100,000 claims cost ~2 × 100,000 / CHUNK_SIZE extra queries and never sit in
memory together.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from claims.filters import ClaimFilter
from claims.models import Claim

CHUNK_SIZE = 2000

CSV_COLUMNS = [
    "id", "article_id", "article_title", "article_url", "outlet", "text", "type", "types", "score",
    "checkworthy", "speaker", "quantities", "status", "assignee", "verdict", "rating_value", "rationale",
    "evidence_urls", "published_at", "language",
]


class SelectionError(Exception):
    """The filters are invalid: `errors` is the filter form's error dict (a 400)."""

    def __init__(self, errors: dict):
        super().__init__(str(errors))
        self.errors = errors


# Parameters that choose the format or the layout, not the claims.
NOT_FILTERS = {"format", "page", "page_size"}


def filter_params(params: QueryDict | dict) -> dict[str, list[str]]:
    """The filters as a JSON-able dict of lists (what an Export row stores)."""
    if isinstance(params, QueryDict):
        items = {key: params.getlist(key) for key in params}
    else:
        items = {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    return {key: [str(v) for v in values] for key, values in items.items() if key not in NOT_FILTERS}


def as_querydict(filters: dict[str, list[str]]) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, values in filters.items():
        params.setlist(key, values)
    return params


def select_claims(*, filters: QueryDict | dict, user) -> QuerySet:
    """The claims the queue (and the API list) would show for these filters, ready to export.

    `user` stands for the request's user (`assignee=me`), so a worker selects
    exactly what the person who asked saw.
    """
    params = filters if isinstance(filters, QueryDict) else as_querydict(filter_params(filters))
    claim_filter = ClaimFilter(params, queryset=Claim.objects.all(), request=SimpleNamespace(user=user))
    if not claim_filter.is_valid():
        raise SelectionError(claim_filter.errors.get_json_data())
    return for_export(claim_filter.qs)


def for_export(queryset: QuerySet) -> QuerySet:
    # The article's text and HTML can be megabytes each: never load them here.
    return queryset.select_related(
        "article__outlet", "assignee", "verdict", "proposed_by", "reviewed_by"
    ).defer("article__text", "article__original_html", "entities")


def iter_chunks(queryset: QuerySet, *, prefetch: Iterable[str] = (), size: int = CHUNK_SIZE) -> Iterator[list[Claim]]:
    """Lists of at most `size` claims, each with `prefetch` loaded for that chunk only."""
    iterator = queryset.prefetch_related(*prefetch).iterator(chunk_size=size)
    while chunk := list(islice(iterator, size)):
        yield chunk


def iter_claims(queryset: QuerySet, *, prefetch: Iterable[str] = ("quantities", "evidence")) -> Iterator[Claim]:
    for chunk in iter_chunks(queryset, prefetch=prefetch):
        yield from chunk


# --- row builders -----------------------------------------------------------------------------------

def _quantity(q) -> str:
    if q.value is None:
        return q.raw
    value = format(q.value.normalize(), "f")
    return f"{q.raw}={value}" + (f" {q.unit}" if q.unit else "")


def _local(value):
    return timezone.localtime(value).isoformat() if value else ""


def flat_row(claim: Claim) -> dict:
    """One claim as a spreadsheet row (CSV_COLUMNS); lists are joined with "; "."""
    article = claim.article
    verdict = claim.verdict
    return {
        "id": claim.pk,
        "article_id": claim.article_id,
        "article_title": article.title,
        "article_url": article.url or "",
        "outlet": article.outlet.name if article.outlet else "",
        "text": claim.text,
        "type": claim.claim_type,
        "types": "; ".join(claim.types or []),
        "score": round(claim.checkworthiness, 4),
        "checkworthy": "yes" if claim.checkworthy else "no",
        "speaker": claim.speaker,
        "quantities": "; ".join(_quantity(q) for q in claim.quantities.all()),
        "status": claim.status,
        "assignee": claim.assignee.username if claim.assignee else "",
        "verdict": verdict.label if verdict else "",
        "rating_value": verdict.rating_value if verdict else "",
        "rationale": claim.rationale,
        "evidence_urls": "; ".join(e.url for e in claim.evidence.all()),
        "published_at": _local(claim.published_at),
        "language": claim.language,
    }


def flat_rows(queryset: QuerySet) -> Iterator[dict]:
    for claim in iter_claims(queryset):
        yield flat_row(claim)


def api_rows(queryset: QuerySet) -> Iterator[dict]:
    """The API's claim shape (claims.api.ClaimOutput), one serializer per chunk."""
    from claims.api import ClaimOutput

    for chunk in iter_chunks(queryset, prefetch=["quantities"]):
        yield from ClaimOutput(chunk, many=True).data


def claimreview_rows(queryset: QuerySet) -> Iterator[dict]:
    """ClaimReview items (no @context) for the published claims of the selection."""
    from claims.exports.claimreview import claim_review

    published = queryset.filter(status=Claim.Status.PUBLISHED, verdict__isnull=False)
    for claim in iter_claims(published, prefetch=()):
        yield claim_review(claim, context=False)
