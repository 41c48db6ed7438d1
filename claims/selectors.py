"""The read side of the desk: the queries behind the queue, the dashboard, the reviewer lists
and a claim's history, in one place, each costing the same whatever the number of claims.

- queue: `queue_claims()` (what a row shows, joined), `claim_languages()` (a loose index
  scan: one index probe per language, not a DISTINCT over every claim) and `QueuePaginator`
  (page numbers with a count that is exact up to a cap and estimated beyond it).
- reviewers: `reviewers()`, the users who can be given claims.
- dashboard: `dashboard_counts()`, every aggregate the dashboard draws, and `dashboard_summary()`,
  the same read from the summary a worker refreshes (claims.tasks.refresh_dashboard).
- history: `claim_history()`, the one differ of a claim's django-simple-history records, used by
  the review timeline, the 409 of a stale edit and the API's `history`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

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


def queue_claims() -> QuerySet:
    """Everything a queue row shows, in one query: article, outlet, assignee, verdict joined, and
    the number of other articles where the same claim appears."""
    # The article's text and HTML can be megabytes each; a row needs its title only.
    return (
        with_matches(Claim.objects.all())
        .select_related("article__outlet", "assignee", "verdict")
        .defer("article__text", "article__original_html", "entities", "rationale", "return_reason")
    )


def grouped_rows(claims: QuerySet) -> QuerySet:
    """The grouped queue without joins: its window functions see every filtered claim, and joining
    the article, outlet, assignee and verdict to each of them (100,000 rows) before sorting cost
    seconds (bench/matching_queue.py). The page's rows get theirs in three small queries."""
    articles = Article.objects.select_related("outlet").defer("text", "original_html")
    return claims.select_related(None).prefetch_related(
        Prefetch("article", queryset=articles), "assignee", "verdict"
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
        found = self.count_queryset.order_by()[: self.lower_bound + 1].count()
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


# --- dashboard -------------------------------------------------------------------------------------

OPEN_STATUSES = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)
BACKLOG_STATUSES = (Article.Status.QUEUED, Article.Status.EXTRACTING, Article.Status.FAILED)
WEEKS = 12


def week_starts(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]


def dashboard_counts() -> dict:
    """Every figure the dashboard draws, as plain JSON-able data (five aggregate queries)."""
    by_status = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    by_rating = {
        pk: {"n": n, "published": published}
        for pk, n, published in Claim.objects.filter(verdict__isnull=False)
        .order_by()
        .values_list("verdict")
        .annotate(n=Count("id"), published=Count("id", filter=Q(status=Claim.Status.PUBLISHED)))
    }
    workload = list(
        Claim.objects.filter(assignee__isnull=False, status__in=OPEN_STATUSES)
        .order_by()
        .values("assignee__username")
        .annotate(
            total=Count("id"),
            in_review=Count("id", filter=Q(status__in=(Claim.Status.NEW, Claim.Status.IN_REVIEW))),
            proposed=Count("id", filter=Q(status=Claim.Status.VERDICT_PROPOSED)),
        )
        .order_by("-total", "assignee__username")
    )
    backlog = dict(
        Article.objects.filter(status__in=BACKLOG_STATUSES)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    weeks = week_starts(timezone.localdate())
    since = timezone.make_aware(dt.datetime.combine(weeks[0], dt.time.min))
    per_week = {
        (week.date() if isinstance(week, dt.datetime) else week).isoformat(): n
        for week, n in Claim.objects.filter(status=Claim.Status.PUBLISHED, published_at__gte=since)
        .annotate(week=TruncWeek("published_at"))
        .order_by()
        .values_list("week")
        .annotate(n=Count("id"))
    }
    return {
        "by_status": by_status,
        "by_rating": {str(k): v for k, v in by_rating.items()},
        "workload": workload,
        "backlog": backlog,
        "per_week": per_week,
        "computed_at": timezone.now().isoformat(),
    }


def dashboard_summary() -> dict:
    """dashboard_counts() as the worker last stored it (claims.tasks.refresh_dashboard), computed
    and stored here when there is none younger than DASHBOARD_MAX_AGE_SECONDS (no worker)."""
    from claims.models import DashboardSummary

    summary = DashboardSummary.objects.filter(pk=1).first()
    max_age = dt.timedelta(seconds=settings.DASHBOARD_MAX_AGE_SECONDS)
    if summary is not None and timezone.now() - summary.computed_at <= max_age:
        return summary.data
    return refresh_dashboard_summary()


def refresh_dashboard_summary() -> dict:
    from claims.models import DashboardSummary

    data = dashboard_counts()
    DashboardSummary.objects.update_or_create(pk=1, defaults={"data": data, "computed_at": timezone.now()})
    return data


# --- history ---------------------------------------------------------------------------------------

# Model field → the API's name; the fields a history shows, in this order.
HISTORY_FIELDS = {
    "assignee_id": "assignee",
    "status": "status",
    "verdict_id": "verdict",
    "rationale": "rationale",
    "return_reason": "return_reason",
    "speaker": "speaker",
    "claim_type": "type",
    "checkworthy": "checkworthy",
}
# Every extracted claim starts so (claims.services.extract): a claim older than its history's
# first record is compared with this.
AS_EXTRACTED = {
    "status": Claim.Status.NEW,
    "assignee_id": None,
    "verdict_id": None,
    "rationale": "",
    "return_reason": "",
}
SHOWN_LENGTH = 140  # longer text values are cut here, with an ellipsis, wherever a change is shown


def _labels() -> dict[str, str]:
    return {
        "status": _("Status"),
        "assignee_id": _("Assignee"),
        "verdict_id": _("Verdict"),
        "rationale": _("Rationale"),
        "return_reason": _("Reason for return"),
        "speaker": _("Speaker"),
        "claim_type": _("Type"),
        "checkworthy": _("Check-worthy"),
    }


@dataclass
class Change:
    field: str  # the API's name
    old: object  # API values: a username, a rating slug, a status, text
    new: object
    old_shown: str  # as people read them: a rating label, a status label, cut text
    new_shown: str
    label: str
    by: str | None
    at: datetime
    version: int

    def __str__(self) -> str:
        return _("%(who)s changed %(field)s: %(old)s → %(new)s") % {
            "who": self.by or _("someone"),
            "field": self.label[:1].lower() + self.label[1:],
            "old": self.old_shown,
            "new": self.new_shown,
        }

    @property
    def detail(self) -> str:
        return _("%(field)s: %(old)s → %(new)s") % {
            "field": self.label,
            "old": self.old_shown,
            "new": self.new_shown,
        }

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "by": self.by,
            "at": self.at,
            "version": self.version,
            "summary": str(self),
        }


@dataclass
class HistoryEntry:
    """One history record of a claim and what it changed compared with the record before."""

    record: object  # the HistoricalClaim row
    first: bool
    changes: list[Change] = field(default_factory=list)

    @property
    def by(self) -> str | None:
        return self.record.history_user.username if self.record.history_user else None


class _Names:
    """Usernames and ratings for every id the records mention: two queries at most."""

    def __init__(self, records: list):
        users = {r.assignee_id for r in records if r.assignee_id}
        self.users = get_user_model().objects.in_bulk(users) if users else {}
        self.ratings = Rating.objects.in_bulk() if any(r.verdict_id for r in records) else {}

    def value(self, name: str, raw):
        if raw in (None, ""):
            return None if name in ("assignee_id", "verdict_id") else raw
        if name == "assignee_id":
            return self.users[raw].username if raw in self.users else str(raw)
        if name == "verdict_id":
            return self.ratings[raw].slug if raw in self.ratings else str(raw)
        return raw

    def shown(self, name: str, raw) -> str:
        if raw in (None, ""):
            return "—"
        if name == "verdict_id":
            return self.ratings[raw].display_label if raw in self.ratings else str(raw)
        if name == "status":
            return str(Claim.Status(raw).label) if raw in Claim.Status.values else str(raw)
        if name == "claim_type":
            return str(Claim.Type(raw).label) if raw in Claim.Type.values else str(raw)
        if isinstance(raw, bool):
            return _("yes") if raw else _("no")
        text = str(self.value(name, raw))
        return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def claim_history(claim: Claim, *, since_version: int | None = None) -> list[HistoryEntry]:
    """The claim's history records, oldest first, each with the changes it made to the shown
    fields; only the records after `since_version` when given. Three queries whatever the
    length of the history (records, users, ratings)."""
    records = list(claim.history.select_related("history_user").order_by("history_date", "history_id"))
    names = _Names(records)
    labels = _labels()
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        if previous is not None:
            before = {name: getattr(previous, name) for name in HISTORY_FIELDS}
        elif record.history_type == "~":
            before = AS_EXTRACTED  # the claim is older than its history
        else:
            before = {}
        entry = HistoryEntry(record=record, first=previous is None)
        who = entry.by
        for name in HISTORY_FIELDS:
            if name not in before:
                continue
            old, new = before[name], getattr(record, name)
            if old == new:
                continue
            entry.changes.append(
                Change(
                    field=HISTORY_FIELDS[name],
                    old=names.value(name, old),
                    new=names.value(name, new),
                    old_shown=names.shown(name, old),
                    new_shown=names.shown(name, new),
                    label=str(labels[name]),
                    by=who,
                    at=record.history_date,
                    version=record.version,
                )
            )
        entries.append(entry)
        previous = record
    if since_version is not None:
        entries = [e for e in entries if e.record.version > since_version]
    return entries


def changes_since(claim: Claim, version: int) -> list[Change]:
    """Every change to a shown field recorded after `version`, oldest first (the body of a 409)."""
    return [change for entry in claim_history(claim, since_version=version) for change in entry.changes]


def history_as_api(claim: Claim) -> list[dict]:
    """The API's `history`: one item per record, with the same changes the timeline shows."""
    return [
        {
            "version": e.record.version,
            "status": e.record.status,
            "assignee_id": e.record.assignee_id,
            "verdict_id": e.record.verdict_id,
            "by": e.by,
            "action": e.record.history_change_reason
            or ("created" if e.record.history_type == "+" else "changed"),
            "at": e.record.history_date,
            "changes": [c.as_dict() for c in e.changes],
        }
        for e in claim_history(claim)
    ]
