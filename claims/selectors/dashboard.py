"""The dashboard's reads: `dashboard_counts()`, every aggregate the dashboard draws, and
`dashboard_summary()`, the same read from the summary a worker refreshes
(claims.tasks.refresh_dashboard)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from articles.models import Article
from claims.models import Claim

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
