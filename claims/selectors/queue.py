"""The queue's reads, each costing the same whatever the number of claims: `queue_claims()` (what a
row shows, joined), `claim_languages()` (a loose index scan: one index probe per language, not a
DISTINCT over every claim), `QueuePaginator` (page numbers with a count that is exact up to a cap
and estimated beyond it), and `reviewers()`, the users who can be given claims."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Prefetch, Q, QuerySet
from django.utils.functional import cached_property

from articles.models import Article
from claims import roles
from claims.filters import with_matches
from claims.models import Claim, Rating

# --- reviewers -------------------------------------------------------------------------------------


def reviewers() -> QuerySet:
    """Users who can be given claims: anyone with a review role (or a superuser)."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=roles.ROLES) | Q(is_superuser=True), is_active=True)
        .distinct()
        .only("pk", "username")
        .order_by("username")
    )


# --- queue -----------------------------------------------------------------------------------------


# The columns a queue row prints (templates/claims/_queue_rows.html, claims.views.queue): a claim
# has some thirty, among them the entities, the machine's original and the timestamps, which cost
# the database and the web process their reading and parsing 25 times a page for nothing.
ROW_FIELDS = (
    "article",
    "text",
    "claim_type",
    "types",
    "checkworthiness",
    "checkworthy",
    "speaker",
    "language",
    "status",
    "assignee",
    "verdict",
)
ROW_ARTICLE_FIELDS = ("title", "url", "outlet", "outlet__name")
ROW_VERDICT_FIELDS = ("label", "labels", "colour")


def queue_claims() -> QuerySet:
    """Everything a queue row shows, in one query: article, outlet, assignee, verdict joined, and
    the number of other articles where the same claim appears; only the columns a row prints."""
    return (
        with_matches(Claim.objects.all())
        .select_related("article__outlet", "assignee", "verdict")
        .only(
            *ROW_FIELDS,
            *(f"article__{name}" for name in ROW_ARTICLE_FIELDS),
            "assignee__username",
            *(f"verdict__{name}" for name in ROW_VERDICT_FIELDS),
        )
    )


def grouped_rows(claims: QuerySet) -> QuerySet:
    """The grouped queue without joins: its window functions see every filtered claim, and joining
    the article, outlet, assignee and verdict to each of them (100,000 rows) before sorting cost
    seconds (bench/matching_queue.py). The page's rows get theirs in three small queries."""
    return (
        claims.select_related(None)
        .defer(None)
        .only(*ROW_FIELDS)
        .prefetch_related(
            Prefetch("article", queryset=Article.objects.select_related("outlet").only(*ROW_ARTICLE_FIELDS)),
            Prefetch("assignee", queryset=get_user_model().objects.only("username")),
            Prefetch("verdict", queryset=Rating.objects.only(*ROW_VERDICT_FIELDS)),
        )
    )


def claim_languages() -> list[str]:
    """The languages claims are in, from claim_language_idx: one probe per language (a recursive
    "loose index scan"), where SELECT DISTINCT would read every claim."""
    table = connections["default"].ops.quote_name(Claim._meta.db_table)
    sql = f"""
        WITH RECURSIVE languages(code) AS (
            SELECT MIN(language) FROM {table} WHERE language > ''
            UNION ALL
            SELECT (SELECT MIN(language) FROM {table} WHERE language > languages.code)
            FROM languages WHERE languages.code IS NOT NULL
        )
        SELECT code FROM languages WHERE code IS NOT NULL
    """
    with connections["default"].cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def estimated_rows(model) -> int | None:
    """PostgreSQL's own estimate of a table's row count (pg_class.reltuples, kept by ANALYZE and
    autovacuum), or None where there is none (SQLite, a table never analysed)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] and row[0] > 0 else None


class QueuePaginator(Paginator):
    """Page numbers without COUNT(*) over the whole match.

    The count is exact up to `cap` rows (counted with a LIMIT, so it stops there). Beyond,
    `count_kind` says what is shown: "about" the table's estimate (`estimate`, for the
    unfiltered queue), or "more_than" the cap, which is pushed past the page asked for so
    that "next" always leads on: page 400 counts up to 400 pages' worth, no further.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        cap: int,
        page: int = 1,
        estimate: int | None = None,
        count_queryset=None,
    ):
        super().__init__(object_list, per_page)
        # What is counted: the listed rows, or the same rows without costly annotations (grouping).
        self.count_queryset = object_list if count_queryset is None else count_queryset
        self.lower_bound = max(cap, page * per_page)
        self.estimate = estimate
        self.count_kind = "exact"  # or "about" (the table's estimate) or "more_than" (the cap)

    @property
    def count_is_estimate(self) -> bool:
        return self.count_kind != "exact"

    @cached_property
    def count(self) -> int:
        # Ids only: the rows' annotations (the "elsewhere" subquery) are not computed to be counted.
        found = self.count_queryset.order_by().values("pk")[: self.lower_bound + 1].count()
        if found <= self.lower_bound:
            return found
        if self.estimate and self.estimate > found:
            self.count_kind = "about"
            return self.estimate
        self.count_kind = "more_than"
        return found


def page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1
