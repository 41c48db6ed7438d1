"""The extractor measured by the desk: how often each field is corrected, per week and per
language, with links to the examples (Correction rows written by claims.services.corrections).

Two queries whatever the data size (plus the session's): one aggregate, one page of examples.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from claims.models import Correction

WEEKS = 12
EXAMPLES = 30
FIELDS = [value for value, _label in Correction.Field.choices]


def _week_starts(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=i) for i in range(WEEKS)]  # newest first


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _show(value) -> str:
    """A before/after value, short and readable."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, dict):
        text = value.get("text")
        return text if text is not None else ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return (
                "; ".join(f"{q.get('raw')} = {q.get('value')} {q.get('unit') or ''}".strip() for q in value)
                or "—"
            )
        return ", ".join(str(v) for v in value) or "—"
    return str(value) or "—"


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@login_required
@require_GET
def corrections_dashboard(request: HttpRequest) -> HttpResponse:
    weeks = _week_starts(timezone.localdate())
    since = timezone.make_aware(dt.datetime.combine(weeks[-1], dt.time.min))
    counts: dict[tuple[str, dt.date, str], int] = {}
    languages: set[str] = set()
    for language, week, field, n in (
        Correction.objects.filter(at__gte=since)
        .annotate(week=TruncWeek("at"))
        .order_by()
        .values_list("language", "week", "field")
        .annotate(n=Count("id"))
    ):
        counts[(language or "?", _as_date(week), field)] = n
        languages.add(language or "?")

    tables = []
    for language in sorted(languages):
        rows = []
        for week in weeks:
            cells = [
                {
                    "n": counts.get((language, week, field), 0),
                    "link": "?"
                    + urlencode({"lang": language, "week": week.isoformat(), "field": field})
                    + "#examples",
                }
                for field in FIELDS
            ]
            rows.append({"week": week, "cells": cells, "total": sum(c["n"] for c in cells)})
        totals = [sum(r["cells"][i]["n"] for r in rows) for i in range(len(FIELDS))]
        tables.append({"language": language, "rows": rows, "totals": totals, "total": sum(totals)})

    # The examples: the newest corrections, narrowed by the cell that was clicked.
    examples = Correction.objects.select_related("claim", "by").order_by("-at", "-id")
    chosen = {key: request.GET.get(key, "") for key in ("lang", "week", "field")}
    if chosen["lang"]:
        examples = examples.filter(language="" if chosen["lang"] == "?" else chosen["lang"])
    if chosen["field"] in FIELDS:
        examples = examples.filter(field=chosen["field"])
    try:
        week = dt.date.fromisoformat(chosen["week"]) if chosen["week"] else None
    except ValueError:
        week = None
    if week:
        start = timezone.make_aware(dt.datetime.combine(week, dt.time.min))
        examples = examples.filter(at__gte=start, at__lt=start + dt.timedelta(weeks=1))
    example_rows = [
        {
            "correction": c,
            "before": _clip(_show(c.before)),
            "after": _clip(_show(c.after)),
            "claim_text": _clip(c.claim.text),
            "link": f"/articles/{c.article_id}/#claim-{c.claim_id}",
        }
        for c in examples[:EXAMPLES]
    ]
    context = {
        "fields": Correction.Field.choices,
        "tables": tables,
        "examples": example_rows,
        "chosen": chosen,
        "chosen_label": dict(Correction.Field.choices).get(chosen["field"], ""),
    }
    return render(request, "claims/corrections_dashboard.html", context)


urlpatterns = [path("dashboard/corrections/", corrections_dashboard, name="corrections_dashboard")]
