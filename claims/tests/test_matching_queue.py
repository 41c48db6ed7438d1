"""The queue and matching: clusters of matched claims, "group by cluster", "appears elsewhere"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimCluster, ClaimLink
from claims.services.clusters import clusters_refresh
from claims.services.matching import decide
from claims.tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db
QUEUE = reverse("claims:queue")


def link(a, b, status="auto", score=0.9):
    """Both directions, as matching stores them."""
    ClaimLink.objects.create(claim=a, other=b, score=score, status=status)
    ClaimLink.objects.create(claim=b, other=a, score=score, status=status)


def claims(n: int, **fields):
    return [
        make_claim(make_article(f"Article {i}. Text.", title=f"Article {i}"), f"Claim {i}", **fields)
        for i in range(n)
    ]


def roots(*items) -> list[int | None]:
    found = dict(ClaimCluster.objects.filter(claim__in=items).values_list("claim_id", "root"))
    return [found.get(c.pk) for c in items]


@pytest.mark.embedded
def test_claims_linked_through_a_third_are_one_cluster_named_by_the_smallest_id():
    a, b, c, alone = claims(4)
    link(a, b)
    link(b, c, status="confirmed")
    clusters_refresh([c.pk, alone.pk])
    assert roots(a, b, c, alone) == [a.pk, a.pk, a.pk, None]


@pytest.mark.embedded
def test_a_suggested_link_never_joins_a_cluster():
    """Suggestions are questions for the desk: a chain of them grouped seven different claims of the
    demo under "the same claim, 7 times". Confirming one makes it count."""
    a, b, c, d = claims(4)
    link(a, b, status="suggested")
    link(b, c, status="suggested")
    link(c, d)
    clusters_refresh([a.pk, b.pk, c.pk, d.pk])
    assert roots(a, b, c, d) == [None, None, c.pk, c.pk]
    decide(ClaimLink.objects.get(claim=a, other=b), confirm=True, by=None)
    assert roots(a, b, c, d) == [a.pk, a.pk, c.pk, c.pk]


@pytest.mark.embedded
def test_deleting_the_claim_that_joined_a_cluster_regroups_the_others(django_capture_on_commit_callbacks):
    a, b, c, d = claims(4)
    link(a, b)
    link(b, c, status="confirmed")
    link(c, d)
    clusters_refresh([a.pk])
    assert roots(a, b, c, d) == [a.pk] * 4
    with django_capture_on_commit_callbacks(execute=True):
        Claim.objects.filter(pk=c.pk).delete()  # d was in the cluster through c only
    assert roots(a, b, d) == [a.pk, a.pk, None]
    with django_capture_on_commit_callbacks(execute=True):
        a.delete()  # the root goes: b is left alone
    assert roots(b, d) == [None, None]
    assert not ClaimCluster.objects.exists()


@pytest.mark.embedded
def test_rejecting_the_link_that_held_a_cluster_together_splits_it():
    a, b, c = claims(3)
    link(a, b)
    link(b, c)
    clusters_refresh([a.pk])
    decide(ClaimLink.objects.get(claim=b, other=c), confirm=False, by=None)
    assert roots(a, b, c) == [a.pk, a.pk, None]


def test_the_migration_and_the_service_agree(django_db_blocker):
    """The migration's union-find builds the same clusters as clusters_refresh (checked on one graph),
    and drops the clusters that suggestions made."""
    import importlib

    from django.apps import apps

    a, b, c, d, e, f = claims(6)
    link(a, c)
    link(c, e, status="confirmed")
    link(b, d)
    link(d, e, status="rejected")
    link(e, f, status="suggested")
    ClaimCluster.objects.create(claim=f, root=a.pk)  # as 0015 built it from the suggestion
    importlib.import_module("claims.migrations.0016_s6m_clusters_confirmed_auto").build_clusters(apps, None)
    built = roots(a, b, c, d, e, f)
    ClaimCluster.objects.all().delete()
    clusters_refresh([x.pk for x in (a, b, c, d, e, f)])
    assert roots(a, b, c, d, e, f) == built == [a.pk, b.pk, a.pk, b.pk, a.pk, None]


@pytest.mark.embedded
def test_appears_elsewhere_keeps_claims_with_a_live_link_to_another_article(web):
    linked, suggested, rejected, alone = claims(4)
    other, other2 = claims(2)
    link(linked, other, status="confirmed")
    link(suggested, other2, status="suggested")
    link(rejected, alone, status="rejected")
    shown = {c.pk for c in web.get(QUEUE + "?elsewhere=true&per_page=100").context["page"].object_list}
    assert shown == {linked.pk, other.pk, suggested.pk, other2.pk}
    hidden = {c.pk for c in web.get(QUEUE + "?elsewhere=false&per_page=100").context["page"].object_list}
    assert hidden == {rejected.pk, alone.pk}
    response = web.get(QUEUE + "?elsewhere=maybe")
    assert "Appears elsewhere" in response.content.decode() and not response.context["page"].object_list


@pytest.mark.embedded
def test_grouping_puts_matched_claims_together_under_a_heading(web):
    best, middle, low = claims(1, score=0.9) + claims(1, score=0.5) + claims(1, score=0.1)
    link(best, low)  # the cluster {best, low} sorts by its best member, before `middle`
    clusters_refresh([best.pk])
    plain = web.get(QUEUE)
    assert [c.pk for c in plain.context["page"].object_list] == [best.pk, middle.pk, low.pk]
    assert (
        "also in 1 article" in plain.content.decode() and 'class="cluster-head"' not in plain.content.decode()
    )
    grouped = web.get(QUEUE + "?group=cluster")
    assert [c.pk for c in grouped.context["page"].object_list] == [best.pk, low.pk, middle.pk]
    html = grouped.content.decode()
    assert html.count('class="cluster-head"') == 1 and "The same claim, 2 times" in html
    assert f'id="cluster-{best.pk}"' in html
    # The two rows of the cluster are marked as such; `middle`, alone, is not.
    assert (
        html.count(' in-cluster" data-claim="') == 2 and f'in-cluster" data-claim="{middle.pk}"' not in html
    )
    # Oldest first: the cluster goes by its oldest member (`best`, created first).
    oldest = web.get(QUEUE + "?group=cluster&sort=oldest").context["page"].object_list
    assert [c.pk for c in oldest] == [best.pk, low.pk, middle.pk]
    assert list(web.get(QUEUE + "?group=nonsense").context["page"].object_list) == []


@pytest.mark.parametrize("page_size", [10, 100])
def test_the_grouped_queue_issues_a_constant_number_of_queries(
    client, editor, reporter, page_size, django_assert_num_queries
):
    from claims.models import Rating

    items = claims(120)
    ratings = list(Rating.objects.all())
    for i, item in enumerate(items):  # assignees and verdicts, so that every relation is fetched
        item.assignee = reporter if i % 2 else None
        item.verdict = ratings[i % len(ratings)] if i % 3 == 0 else None
        item.save(update_fields=["assignee", "verdict"])
    for i in range(0, 120, 3):  # clusters of three, all linked
        link(items[i], items[i + 1])
        link(items[i + 1], items[i + 2], status="confirmed")
    clusters_refresh([c.pk for c in items[::3]])
    client.force_login(editor)
    # session, user, groups, unread notifications, count (without the windows), rows (cluster, size
    # and matches in the same query), the page's articles with outlets, assignees and verdicts
    # (prefetched: see grouped_rows), reviewers, ratings, outlets, languages, followed sources.
    with django_assert_num_queries(14):
        response = client.get(QUEUE + f"?per_page={page_size}&group=cluster&elsewhere=true")
    assert len(response.context["page"].object_list) == page_size
    assert response.content.decode().count('class="cluster-head"') >= page_size // 3


def test_the_api_takes_the_same_parameters(api):
    best, middle, low = claims(1, score=0.9) + claims(1, score=0.5) + claims(1, score=0.1)
    link(best, low)
    clusters_refresh([best.pk])
    ids = [row["id"] for row in api.get("/api/v1/claims/?group=cluster").json()["results"]]
    assert ids == [best.pk, low.pk, middle.pk]
    assert {row["id"] for row in api.get("/api/v1/claims/?elsewhere=true").json()["results"]} == {
        best.pk,
        low.pk,
    }
    assert api.get("/api/v1/claims/?elsewhere=perhaps").status_code == 400


def test_the_grouped_api_walks_every_claim_once_by_cursor(api):
    # Clusters of two, walked two claims a page: the cursor follows the grouped order across pages.
    made = claims(6, score=0.5)
    for i, claim in enumerate(made):
        Claim.objects.filter(pk=claim.pk).update(checkworthiness=0.1 * (i + 1))
    for a, b in ((made[0], made[5]), (made[1], made[4])):
        link(a, b)
    clusters_refresh([c.pk for c in made])
    url, seen = "/api/v1/claims/?group=cluster&page_size=2", []
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    # Clusters by their best score (0.6, 0.5, then the lone 0.4 and 0.3), best member first.
    assert seen == [made[i].pk for i in (5, 0, 4, 1, 3, 2)]


@pytest.mark.embedded
def test_a_re_extraction_that_deletes_a_clustered_claim_regroups_the_others(
    seed_text, rita, django_capture_on_commit_callbacks
):
    """The claim that joined two others is replaced by re-extraction (nobody touched it): the two are
    no longer one cluster as soon as the re-extraction commits, not at the next matching run."""
    from articles.services import article_requeue, article_submit
    from claims.services import article_extract

    article = article_submit(text=seed_text, title="Starlink", submitted_by=rita).article
    article_extract(article_id=article.pk)
    middle = Claim.objects.filter(article=article).order_by("start").first()
    a, b = claims(2)
    link(a, middle)
    link(middle, b)
    clusters_refresh([a.pk])
    assert roots(a, middle, b) == [middle.pk] * 3  # the smallest id: the article came first
    article_requeue(article=article)
    with django_capture_on_commit_callbacks(execute=True):
        article_extract(article_id=article.pk)
    assert not Claim.objects.filter(pk=middle.pk).exists()
    assert roots(a, b) == [None, None]
