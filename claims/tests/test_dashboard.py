"""The desk dashboard (/claims/dashboard/): counts, open work, backlog, weekly publications."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from claims.models import Rating
from claims.tests.factories import make_claim
from claims.views.dashboard import dashboard_data

DASHBOARD = reverse("claims:dashboard")
_hashes = itertools.count(10_000)


def make_article(status: str = Article.Status.EXTRACTED) -> Article:
    return Article.objects.create(text="Some text.", content_hash=f"{next(_hashes):064d}", status=status)


def bars(chart) -> dict:
    return {str(bar.label): bar.value for bar in chart["bars"]}


@pytest.mark.django_db
def test_dashboard_requires_login(client):
    assert "/login/" in client.get(DASHBOARD)["Location"]


@pytest.mark.embedded
@pytest.mark.django_db
def test_it_counts_claims_by_status_and_by_verdict():
    false, true = Rating.objects.get(slug="false"), Rating.objects.get(slug="true")
    for status in ("new", "new", "in_review", "dismissed"):
        make_claim(status=status)
    make_claim(status="verdict_proposed", verdict=false)
    make_claim(status="published", verdict=false, published_at=timezone.now())
    make_claim(status="published", verdict=true, published_at=timezone.now())
    data = dashboard_data()
    assert bars(data["status_chart"]) == {
        "New": 2,
        "In review": 1,
        "Verdict proposed": 1,
        "Published": 2,
        "Dismissed": 1,
    }
    by_verdict = bars(data["verdict_chart"])
    assert (by_verdict["False"], by_verdict["True"], by_verdict["Mixed"]) == (2, 1, 0)
    assert (data["total"], data["open_total"]) == (7, 4)


@pytest.mark.embedded
@pytest.mark.django_db
def test_verdict_bars_use_the_rating_colours_and_never_an_unsafe_value():
    Rating.objects.filter(slug="false").update(colour="#A4161A")
    Rating.objects.filter(slug="true").update(colour='"><b>x')
    colours = {bar.label: bar.colour for bar in dashboard_data()["verdict_chart"]["bars"]}
    assert colours["False"] == "#A4161A"
    assert colours["True"] == "#777777"


@pytest.mark.embedded
@pytest.mark.django_db
def test_open_work_per_reviewer_leaves_out_published_and_dismissed_claims(reporter, editor):
    for status in ("in_review", "in_review", "verdict_proposed", "published", "dismissed"):
        make_claim(status=status, assignee=reporter)
    make_claim(status="in_review", assignee=editor)
    make_claim(status="new")
    workload = {row["assignee__username"]: row for row in dashboard_data()["workload"]}
    assert set(workload) == {"reporter", "editor"}
    assert (
        workload["reporter"]["total"],
        workload["reporter"]["in_review"],
        workload["reporter"]["proposed"],
    ) == (3, 2, 1)
    assert workload["editor"]["total"] == 1


@pytest.mark.embedded
@pytest.mark.django_db
def test_extraction_backlog_counts_queued_extracting_and_failed_articles():
    for status in ("queued", "queued", "extracting", "failed", "extracted"):
        make_article(status=status)
    assert bars(dashboard_data()["backlog_chart"]) == {"Queued": 2, "Extracting": 1, "Failed": 1}


@pytest.mark.embedded
@pytest.mark.django_db
def test_it_counts_verdicts_published_per_week_over_twelve_weeks():
    now = timezone.localtime()
    this_week, three_weeks_ago, too_old = now, now - dt.timedelta(weeks=3), now - dt.timedelta(weeks=13)
    for moment in (this_week, this_week, three_weeks_ago, too_old):
        make_claim(status="published", published_at=moment)
    make_claim(status="verdict_proposed")
    chart = dashboard_data()["weekly_chart"]
    values = [bar.value for bar in chart["bars"]]
    assert len(values) == 12
    assert values[-1] == 2 and values[-4] == 1
    assert sum(values) == chart["total"] == 3
    monday = now.date() - dt.timedelta(days=now.weekday())
    assert chart["bars"][-1].label == monday


@pytest.mark.embedded
@pytest.mark.django_db
def test_the_page_draws_accessible_charts_with_their_numbers(web, reporter):
    make_claim(status="in_review", assignee=reporter)
    html = web.get(DASHBOARD).content.decode()
    assert html.count('role="img"') == 5
    assert "<title>Claims by status</title>" in html
    assert 'aria-label="Claims by status: New 0, In review 1,' in html
    assert 'href="/claims/?assignee=reporter"' in html
    assert "style=" not in html and "<script>" not in html


@pytest.mark.django_db
def test_dashboard_issues_a_constant_number_of_queries(
    client, editor, django_user_model, django_assert_max_num_queries
):
    people = [django_user_model.objects.create_user(f"person{i}") for i in range(5)]
    ratings = list(Rating.objects.all())
    for i in range(60):
        make_claim(
            status=("in_review", "published", "new")[i % 3],
            assignee=people[i % 5],
            verdict=ratings[i % len(ratings)],
            published_at=timezone.now() - dt.timedelta(days=i),
        )
    client.force_login(editor)
    # The first visit counts (no summary yet): session, user, summary, then status, verdicts, workload,
    # backlog, weeks, the summary stored (a savepoint, select, insert), ratings and the top bar's notifications.
    with django_assert_max_num_queries(16):
        assert client.get(DASHBOARD).status_code == 200
    # Later visits read the summary the worker refreshes: session, user, summary, ratings, notifications.
    with django_assert_max_num_queries(5):
        assert client.get(DASHBOARD).status_code == 200
