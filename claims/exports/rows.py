"""Queryset → row dicts, in constant memory.

The claims are read with `.iterator(chunk_size=…)` (a server-side cursor on
PostgreSQL) and every chunk gets its own prefetch of quantities and evidence, so
100,000 claims cost ~2 × 100,000 / CHUNK_SIZE extra queries and never sit in
memory together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext

from claims.filters import ClaimFilter
from claims.models import Claim, Evidence, Quantity

CHUNK_SIZE = 2000

CSV_COLUMNS = [
    "id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "text",
    "type",
    "types",
    "score",
    "checkworthy",
    "speaker",
    "quantities",
    "status",
    "assignee",
    "verdict",
    "rating_value",
    "rationale",
    "evidence_urls",
    "published_at",
    "language",
    # Readable names in the language of whoever asked (the codes above stay for scripts).
    "status_label",
    "types_label",
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
    # `group` is the report's grouping (status or verdict), not the queue's cluster grouping.
    params = params.copy()
    params.pop("group", None)
    claim_filter = ClaimFilter(params, queryset=Claim.objects.all(), request=SimpleNamespace(user=user))
    if not claim_filter.is_valid():
        raise SelectionError(claim_filter.errors.get_json_data())
    return for_export(claim_filter.qs)


def for_export(queryset: QuerySet) -> QuerySet:
    # The article's text and HTML can be megabytes each: never load them here.
    return queryset.select_related(
        "article__outlet", "assignee", "verdict", "proposed_by", "reviewed_by"
    ).defer("article__text", "article__original_html", "entities")


def iter_chunks(
    queryset: QuerySet, *, prefetch: Iterable[str] = (), size: int = CHUNK_SIZE
) -> Iterator[list[Claim]]:
    """Lists of at most `size` claims, each with `prefetch` loaded for that chunk only."""
    iterator = queryset.prefetch_related(*prefetch).iterator(chunk_size=size)
    while chunk := list(islice(iterator, size)):
        yield chunk


def iter_claims(
    queryset: QuerySet, *, prefetch: Iterable[str] = ("quantities", "evidence")
) -> Iterator[Claim]:
    for chunk in iter_chunks(queryset, prefetch=prefetch):
        yield from chunk


# --- row builders -----------------------------------------------------------------------------------


def _quantity(raw: str, value, unit: str) -> str:
    if value is None:
        return raw
    return f"{raw}={format(value.normalize(), 'f')}" + (f" {unit}" if unit else "")


def _local(value):
    return timezone.localtime(value).isoformat() if value else ""


# Spreadsheet column → the value it is read from (see flat_rows).
FLAT_SOURCES = {
    "id": "id",
    "article_id": "article_id",
    "article_title": "article__title",
    "article_url": "article__url",
    "outlet": "article__outlet__name",
    "text": "text",
    "type": "claim_type",
    "types": "types",
    "score": "checkworthiness",
    "checkworthy": "checkworthy",
    "speaker": "speaker",
    "status": "status",
    "assignee": "assignee__username",
    "verdict": "verdict__label",
    "rating_value": "verdict__rating_value",
    "rationale": "rationale",
    "published_at": "published_at",
    "language": "language",
}


def _flat(values: dict, quantities: list[str], evidence: list[str]) -> dict:
    row = {column: values[source] for column, source in FLAT_SOURCES.items()}
    row.update(
        article_title=row["article_title"] or "",
        article_url=row["article_url"] or "",
        outlet=row["outlet"] or "",
        types="; ".join(row["types"] or []),
        score=round(row["score"], 4),
        checkworthy="yes" if row["checkworthy"] else "no",
        assignee=row["assignee"] or "",
        verdict=row["verdict"] or "",
        rating_value="" if row["rating_value"] is None else row["rating_value"],
        published_at=_local(row["published_at"]),
        quantities="; ".join(quantities),
        evidence_urls="; ".join(evidence),
        status_label=_label(Claim.Status, row["status"]),
        types_label="; ".join(_label(Claim.Type, t) for t in (values["types"] or [])),
    )
    return row


def _label(choices, value: str) -> str:
    """The translated label of a choice ("in_review" → "In review" / « En cours »), or the value as stored."""
    return gettext(choices(value).label) if value in choices.values else value


def flat_rows(queryset: QuerySet) -> Iterator[dict]:
    """One spreadsheet row (CSV_COLUMNS) per claim; lists are joined with "; ".

    Read as plain values, with one query per chunk each for quantities and
    evidence: building 100,000 model instances (and Django's prefetch cache for
    each) cost four times as much as the export itself.
    """
    iterator = queryset.values(*FLAT_SOURCES.values()).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(iterator, CHUNK_SIZE)):
        ids = [values["id"] for values in chunk]
        quantities: dict[int, list[str]] = defaultdict(list)
        for claim_id, raw, value, unit in (
            Quantity.objects.filter(claim_id__in=ids)
            .order_by("claim_id", "start", "id")
            .values_list("claim_id", "raw", "value", "unit")
        ):
            quantities[claim_id].append(_quantity(raw, value, unit))
        evidence: dict[int, list[str]] = defaultdict(list)
        for claim_id, url in (
            Evidence.objects.filter(claim_id__in=ids)
            .order_by("claim_id", "created_at", "id")
            .values_list("claim_id", "url")
        ):
            evidence[claim_id].append(url)
        for values in chunk:
            yield _flat(values, quantities[values["id"]], evidence[values["id"]])


def api_rows(queryset: QuerySet) -> Iterator[dict]:
    """The API's claim shape (claims.serializers.ClaimOutput), one serializer per chunk."""
    from claims.serializers import ClaimOutput

    for chunk in iter_chunks(queryset, prefetch=["quantities"]):
        yield from ClaimOutput(chunk, many=True).data


def claimreview_rows(queryset: QuerySet) -> Iterator[dict]:
    """ClaimReview items (no @context) for the published claims of the selection."""
    from claims.exports.claimreview import claim_review

    published = queryset.filter(status=Claim.Status.PUBLISHED, verdict__isnull=False)
    for claim in iter_claims(published, prefetch=()):
        yield claim_review(claim, context=False)
