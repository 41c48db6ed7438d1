"""The desk dashboard: where the claims are, who holds the open work, what extraction owes us.

Five aggregate queries whatever the data size (plus the session's). Charts are plain
SVG drawn by the template from geometry computed here, so no JS and no inline style.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.models import Article
from claims.models import Claim, Rating

WEEKS = 12
OPEN_STATUSES = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)
BACKLOG_STATUSES = (Article.Status.QUEUED, Article.Status.EXTRACTING, Article.Status.FAILED)
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# Horizontal bar charts: label column, bar column, then the value (viewBox units).
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 150, 250, 26
# The weekly column chart.
COLUMN_WIDTH, COLUMNS_HEIGHT = 80, 120


@dataclass
class Bar:
    label: object  # text, or the week's first day for the weekly chart
    value: int
    css: str = ""
    colour: str = ""  # a validated #rrggbb, used as the SVG fill attribute (no style attribute)
    link: str = ""
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    centre: float = 0


def _hbars(bars: list[Bar]) -> dict:
    biggest = max((bar.value for bar in bars), default=0) or 1
    for index, bar in enumerate(bars):
        bar.y = index * ROW_HEIGHT
        bar.width = round(BAR_WIDTH * bar.value / biggest, 1)
    return {
        "bars": bars,
        "total": sum(bar.value for bar in bars),
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "width": LABEL_WIDTH + BAR_WIDTH + 50,
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
    }


def _columns(bars: list[Bar]) -> dict:
    biggest = max((bar.value for bar in bars), default=0) or 1
    for index, bar in enumerate(bars):
        bar.height = round(COLUMNS_HEIGHT * bar.value / biggest, 1)
        bar.x = index * COLUMN_WIDTH + 16
        bar.y = 20 + COLUMNS_HEIGHT - bar.height
        bar.width = COLUMN_WIDTH - 32
        bar.centre = bar.x + bar.width / 2
    return {
        "bars": bars,
        "total": sum(bar.value for bar in bars),
        "width": len(bars) * COLUMN_WIDTH,
        "height": COLUMNS_HEIGHT + 50,
        "baseline": 20 + COLUMNS_HEIGHT,
    }


def _week_starts(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]


def dashboard_data() -> dict:
    by_status = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    ratings = list(
        Rating.objects.annotate(
            n=Count("claims"),
            n_published=Count("claims", filter=Q(claims__status=Claim.Status.PUBLISHED)),
        ).order_by("position", "pk")
    )
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
    weeks = _week_starts(timezone.localdate())
    since = timezone.make_aware(dt.datetime.combine(weeks[0], dt.time.min))
    per_week = {
        (week.date() if isinstance(week, dt.datetime) else week): n
        for week, n in Claim.objects.filter(status=Claim.Status.PUBLISHED, published_at__gte=since)
        .annotate(week=TruncWeek("published_at"))
        .order_by()
        .values_list("week")
        .annotate(n=Count("id"))
    }
    return {
        "status_chart": _hbars(
            [
                Bar(
                    label=str(label),
                    value=by_status.get(value, 0),
                    css=f"status-{value}",
                    link=f"?status={value}",
                )
                for value, label in Claim.Status.choices
            ]
        ),
        "verdict_chart": _hbars(
            [
                Bar(
                    label=r.display_label,
                    value=r.n,
                    colour=r.colour if HEX_COLOUR.match(r.colour) else "#777777",
                    css="rated",
                    link=f"?{urlencode({'verdict': r.slug})}",
                )
                for r in ratings
            ]
        ),
        "ratings": ratings,
        "workload": workload,
        "workload_chart": _hbars(
            [
                Bar(
                    label=row["assignee__username"],
                    value=row["total"],
                    link=f"?{urlencode({'assignee': row['assignee__username']})}",
                )
                for row in workload
            ]
        ),
        "backlog_chart": _hbars(
            [
                Bar(label=str(label), value=backlog.get(value, 0), css=f"status-{value}")
                for value, label in Article.Status.choices
                if value in BACKLOG_STATUSES
            ]
        ),
        "weekly_chart": _columns([Bar(label=week, value=per_week.get(week, 0)) for week in weeks]),
        "open_total": sum(by_status.get(s, 0) for s in OPEN_STATUSES),
        "total": sum(by_status.values()),
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/dashboard.html", dashboard_data())


urlpatterns = [path("dashboard/", dashboard, name="dashboard")]
