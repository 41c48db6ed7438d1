"""The desk dashboard: where the claims are, who holds the open work, what extraction owes us.

The aggregates come from claims.selectors: the page reads the summary row a worker refreshes
every minute (claims.tasks.refresh_dashboard), so its cost does not grow with the claims;
dashboard_data() without arguments counts live (tests, the summary itself). Charts are plain
SVG drawn by the template from geometry computed here, so no JS and no inline style.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.models import Article
from claims.models import Claim, Rating
from claims.selectors import BACKLOG_STATUSES, OPEN_STATUSES, dashboard_counts, dashboard_summary, week_starts

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


def dashboard_data(counts: dict | None = None) -> dict:
    """The charts, from dashboard_counts() (live by default; the page passes the worker's summary)."""
    counts = counts if counts is not None else dashboard_counts()
    by_status, backlog, workload = counts["by_status"], counts["backlog"], counts["workload"]
    ratings = list(Rating.objects.order_by("position", "pk"))
    for rating in ratings:
        found = counts["by_rating"].get(str(rating.pk), {})
        rating.n, rating.n_published = found.get("n", 0), found.get("published", 0)
    weeks = week_starts(timezone.localdate())
    per_week = {dt.date.fromisoformat(day): n for day, n in counts["per_week"].items()}
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
        "computed_at": dt.datetime.fromisoformat(counts["computed_at"])
        if counts.get("computed_at")
        else None,
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/dashboard.html", dashboard_data(dashboard_summary()))


urlpatterns = [path("dashboard/", dashboard, name="dashboard")]
