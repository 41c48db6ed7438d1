"""Reads whose cost does not grow with the data (issue 16): query counts per page stay the same as
claims pile up, the API pages with cursors, the queue counts up to a cap, the dashboard reads its
summary, a long article's cards come in pages. Speed itself is measured in bench/scale.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, DashboardSummary, Rating
from claims.selectors import claim_languages, dashboard_summary, refresh_dashboard_summary
from claims.tests.test_queue import make_article

pytestmark = pytest.mark.django_db
QUEUE = reverse("claims:queue")
DASHBOARD = reverse("claims:dashboard")


def add_claims(n: int, article=None, **fields) -> list[Claim]:
    article = article or make_article()
    start = Claim.objects.filter(article=article).count() * 10
    return Claim.objects.bulk_create(
        [
            Claim(
                article=article,
                text=f"Claim {start + i}.",
                start=(start + i) * 10,
                end=(start + i) * 10 + 5,
                checkworthiness=((start + i) % 7) / 7,
                language="fr",
                **fields,
            )
            for i in range(n)
        ]
    )


def queries_for(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(queries), response


# --- the queue -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [QUEUE, QUEUE + "?status=new", QUEUE + "?q=claim", QUEUE + "?page=2&per_page=10"]
)
def test_the_queue_makes_as_many_queries_with_ten_times_the_claims(web, url):
    add_claims(30)
    few, _ = queries_for(web, url)
    add_claims(300)
    many, _ = queries_for(web, url)
    assert few == many


def test_the_queue_counts_exactly_up_to_the_cap(web, settings):
    settings.QUEUE_COUNT_CAP = 50
    add_claims(40)
    body = web.get(QUEUE + "?status=new").content.decode()
    assert "40 claims" in body and "Page 1 of 2" in body


def test_beyond_the_cap_it_says_more_than_and_next_still_leads_on(web, settings):
    settings.QUEUE_COUNT_CAP = 20
    add_claims(95)
    body = web.get(QUEUE + "?status=new&per_page=10").content.decode()
    assert "more than 20 claims" in body and "Page 1 of about 3" in body
    # Page 6 is past the cap: counted as far as that page (and one more row), rows shown, next offered.
    page6 = web.get(QUEUE + "?status=new&per_page=10&page=6").content.decode()
    assert "more than 60 claims" in page6 and 'rel="next"' in page6
    assert page6.count('class="claim-row') == 10
    last = web.get(QUEUE + "?status=new&per_page=10&page=10").content.decode()
    assert "95 claims" in last and 'rel="next"' not in last and last.count('class="claim-row') == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_class.reltuples")
def test_the_unfiltered_queue_shows_the_tables_estimate(web, settings):
    settings.QUEUE_COUNT_CAP = 20
    add_claims(60)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    body = web.get(QUEUE).content.decode()
    assert "about 60 claims" in body


def test_languages_come_from_the_index_one_probe_each():
    article = make_article()
    for n, language in enumerate(("fr", "en", "fr", "de", "")):
        Claim.objects.create(article=article, text="x", start=n, end=n + 1, language=language)
    assert claim_languages() == ["de", "en", "fr"]


# --- the API ------------------------------------------------------------------------------------------


def walk(api, url: str) -> tuple[list[int], list[int]]:
    ids, counts = [], []
    while url:
        with CaptureQueriesContext(connection) as queries:
            page = api.get(url)
        assert page.status_code == 200, page.content[:300]
        body = page.json()
        assert "count" not in body and set(body) == {"next", "previous", "results"}
        ids += [row["id"] for row in body["results"]]
        counts.append(len(queries))
        url = body["next"]
    return ids, counts


@pytest.mark.parametrize("sort", ["score", "newest", "oldest"])
def test_the_claims_api_pages_with_a_cursor_without_gaps_or_repeats(api, sort):
    # checkworthiness takes 7 values: plenty of ties for the cursor to get past.
    claims = add_claims(130)
    ids, counts = walk(api, f"/api/v1/claims/?sort={sort}")
    assert sorted(ids) == sorted(c.pk for c in claims) and len(ids) == len(set(ids)) == 130
    assert len(set(counts)) == 1  # the third page costs what the first does
    if sort == "score":
        scores = dict(Claim.objects.values_list("pk", "checkworthiness"))
        assert [scores[i] for i in ids] == sorted(scores.values(), reverse=True)


def test_a_bad_cursor_is_a_404_not_a_500(api):
    assert api.get("/api/v1/claims/?cursor=not-a-cursor").status_code == 404


def test_the_articles_api_counts_claims_per_article_with_a_cursor(api):
    articles = [make_article(f"Article {i}") for i in range(60)]
    for i, article in enumerate(articles[:3]):
        add_claims(i + 1, article=article)
    ids, counts = walk(api, "/api/v1/articles/")
    assert ids == [a.pk for a in reversed(articles)] and len(counts) == 2 and counts[0] == counts[1]
    listing = (
        api.get("/api/v1/articles/").json()["results"]
        + api.get(api.get("/api/v1/articles/").json()["next"]).json()["results"]
    )
    by_id = {row["id"]: row["claim_count"] for row in listing}
    assert [by_id[a.pk] for a in articles[:4]] == [1, 2, 3, 0]


# --- the dashboard ------------------------------------------------------------------------------------


def test_the_dashboard_reads_its_summary_in_the_same_queries_whatever_the_claims(client, editor):
    client.force_login(editor)
    add_claims(10, status="new")
    refresh_dashboard_summary()
    few, _ = queries_for(client, DASHBOARD)
    add_claims(200, status="published", verdict=Rating.objects.first(), published_at=timezone.now())
    refresh_dashboard_summary()
    many, response = queries_for(client, DASHBOARD)
    assert few == many <= 6  # session, user, summary, ratings, the top bar's notifications…
    assert "210" in response.content.decode()


def test_the_summary_is_recounted_when_the_worker_has_not_for_too_long(settings):
    add_claims(3)
    first = dashboard_summary()
    assert sum(first["by_status"].values()) == 3
    add_claims(2)
    assert sum(dashboard_summary()["by_status"].values()) == 3  # fresh enough: the stored one
    DashboardSummary.objects.update(
        computed_at=timezone.now() - dt.timedelta(seconds=settings.DASHBOARD_MAX_AGE_SECONDS + 1)
    )
    assert sum(dashboard_summary()["by_status"].values()) == 5


def test_the_worker_task_refreshes_the_summary():
    from claims.tasks import refresh_dashboard

    add_claims(4)
    refresh_dashboard.apply()  # the task's body, in this process
    assert sum(DashboardSummary.objects.get(pk=1).data["by_status"].values()) == 4


# --- a long article ----------------------------------------------------------------------------------


def test_a_long_articles_cards_come_in_pages(client, editor):
    from claims.views.article import CARDS_PER_PAGE

    client.force_login(editor)
    article = make_article()
    article.text = "x" * 2000
    article.save()
    add_claims(CARDS_PER_PAGE * 2 + 7, article=article)
    few_queries, page = queries_for(client, reverse("article_detail", args=[article.pk]))
    body = page.content.decode()
    assert body.count('class="claim-card') == CARDS_PER_PAGE
    assert body.count("<mark ") == CARDS_PER_PAGE * 2 + 7  # every claim is highlighted in the text
    more = reverse("article_claims", args=[article.pk])
    assert f'hx-get="{more}?page=2"' in body and 'hx-trigger="revealed"' in body
    second = client.get(more + "?page=2").content.decode()
    assert second.count('class="claim-card') == CARDS_PER_PAGE and f"{more}?page=3" in second
    third = client.get(more + "?page=3").content.decode()
    assert third.count('class="claim-card') == 7 and "page=4" not in third
    shown = [c.pk for c in Claim.objects.filter(article=article).order_by("start", "end")]
    assert f'id="claim-{shown[CARDS_PER_PAGE]}"' in second and f'id="claim-{shown[-1]}"' in third
    add_claims(300, article=article)
    many_queries, _ = queries_for(client, reverse("article_detail", args=[article.pk]))
    assert few_queries == many_queries


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999"])
def test_a_bad_card_page_is_a_400(client, editor, page):
    client.force_login(editor)
    article = make_article()
    assert client.get(reverse("article_claims", args=[article.pk]) + f"?page={page}").status_code == 400


def test_highlight_segments_follow_their_definition_on_overlapping_spans():
    """The sweep in claims.highlight gives, for every piece, the claims covering it and the shortest."""
    import random
    from types import SimpleNamespace

    from claims.highlight import segments

    rng = random.Random(7)
    text = "".join(rng.choice("abc ") for _ in range(300))
    for _ in range(50):
        spans = []
        for _ in range(rng.randint(0, 25)):
            start = rng.randint(-5, 300)
            spans.append(SimpleNamespace(start=start, end=start + rng.randint(0, 60)))
        pieces = segments(text, spans)
        assert "".join(p.text for p in pieces) == text
        valid = [c for c in spans if 0 <= c.start < c.end <= len(text)]
        left = 0
        for piece in pieces:
            right = left + len(piece.text)
            covering = [c for c in valid if c.start <= left and right <= c.end]
            assert piece.depth == len(covering)
            expected = min(covering, key=lambda c: c.end - c.start) if covering else None
            assert (piece.claim is None) == (expected is None)
            if expected is not None:
                assert piece.claim.end - piece.claim.start == expected.end - expected.start
            left = right
