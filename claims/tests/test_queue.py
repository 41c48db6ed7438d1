"""The claim queue (/claims/), its filters (claims.filters), search (claims.search) and bulk actions."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Outlet
from claims.filters import ClaimFilter
from claims.models import Claim, Rating
from claims.tests.factories import make_claim
from conftest import make_user

QUEUE = reverse("claims:queue")
BULK = reverse("claims:bulk")
_hashes = itertools.count()


def make_article(title: str = "An article", *, outlet: Outlet | None = None, language: str = "fr") -> Article:
    return Article.objects.create(
        title=title,
        text="Some text.",
        content_hash=f"{next(_hashes):064d}",
        outlet=outlet,
        language=language,
        status=Article.Status.EXTRACTED,
    )


def filtered(params: str, user=None) -> list[Claim]:
    request = RequestFactory().get("/claims/?" + params)
    request.user = user or AnonymousUser()
    filterset = ClaimFilter(QueryDict(params), queryset=Claim.objects.all(), request=request)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def errors_for(params: str) -> dict:
    filterset = ClaimFilter(QueryDict(params), queryset=Claim.objects.all(), request=None)
    assert not filterset.is_valid()
    return filterset.errors


# Personas from conftest.py: reporter, editor, no_role_user (web is logged in as the reporter).


# --- filters ---------------------------------------------------------------------------------------


@pytest.mark.embedded
@pytest.mark.django_db
def test_status_filter_keeps_only_the_statuses_asked_for():
    new, in_review, _published = (make_claim(status=s) for s in ("new", "in_review", "published"))
    assert set(filtered("status=new&status=in_review")) == {new, in_review}


@pytest.mark.embedded
@pytest.mark.django_db
def test_type_filter_matches_the_main_claim_type():
    quote, quantity = make_claim(claim_type="quote"), make_claim(claim_type="quantity")
    make_claim(claim_type="event")
    assert set(filtered("type=quote&type=quantity")) == {quote, quantity}


@pytest.mark.embedded
@pytest.mark.django_db
def test_assignee_filter_takes_a_username_me_or_unassigned(django_user_model, reporter):
    other = make_user(django_user_model, "otto", "reporter")
    mine, theirs, nobodys = make_claim(assignee=reporter), make_claim(assignee=other), make_claim()
    assert filtered("assignee=otto") == [theirs]
    assert filtered("assignee=me", user=reporter) == [mine]
    assert filtered("assignee=unassigned") == [nobodys]


@pytest.mark.embedded
@pytest.mark.django_db
def test_assignee_me_matches_nothing_without_a_logged_in_user(reporter):
    make_claim(assignee=reporter)
    assert filtered("assignee=me") == []


@pytest.mark.embedded
@pytest.mark.django_db
def test_verdict_filter_takes_a_rating_slug():
    false, true = Rating.objects.get(slug="false"), Rating.objects.get(slug="true")
    rated_false = make_claim(verdict=false)
    make_claim(verdict=true)
    make_claim()
    assert filtered("verdict=false") == [rated_false]


@pytest.mark.embedded
@pytest.mark.django_db
def test_language_filter_matches_the_claim_language():
    english = make_claim(language="en")
    make_claim(language="fr")
    assert filtered("language=en") == [english]


@pytest.mark.embedded
@pytest.mark.django_db
def test_outlet_filter_takes_an_outlet_id_or_its_name_in_any_case():
    monde, bbc = Outlet.objects.create(name="Le Monde"), Outlet.objects.create(name="BBC News")
    in_monde = make_claim(make_article(outlet=monde))
    make_claim(make_article(outlet=bbc))
    make_claim()
    assert filtered(f"outlet={monde.pk}") == [in_monde]
    assert filtered("outlet=le+monde") == [in_monde]


@pytest.mark.embedded
@pytest.mark.django_db
def test_article_filter_takes_an_article_id():
    article = make_article()
    first, second = make_claim(article), make_claim(article)
    make_claim()
    assert set(filtered(f"article={article.pk}")) == {first, second}


@pytest.mark.embedded
@pytest.mark.django_db
def test_created_after_and_before_are_inclusive_dates_on_the_claim_creation_time():
    old, middle, recent = make_claim(), make_claim(), make_claim()
    for claim, day in ((old, 1), (middle, 10), (recent, 20)):
        moment = timezone.make_aware(dt.datetime(2026, 3, day, 23, 30))
        Claim.objects.filter(pk=claim.pk).update(created_at=moment)
    assert filtered("created_after=2026-03-10&created_before=2026-03-10") == [middle]
    assert set(filtered("created_after=2026-03-05")) == {middle, recent}
    assert set(filtered("created_before=2026-03-10")) == {old, middle}


@pytest.mark.embedded
@pytest.mark.django_db
def test_score_range_and_checkworthy_filter_on_checkworthiness():
    low = make_claim(checkworthiness=0.1)
    mid = make_claim(checkworthiness=0.5, checkworthy=True)
    high = make_claim(checkworthiness=0.9, checkworthy=True)
    assert set(filtered("score_min=0.5")) == {mid, high}
    assert set(filtered("score_min=0.2&score_max=0.5")) == {mid}
    assert filtered("checkworthy=false") == [low]
    assert set(filtered("checkworthy=true")) == {mid, high}


@pytest.mark.embedded
@pytest.mark.django_db
def test_sort_defaults_to_most_checkworthy_and_offers_newest_and_oldest():
    first = make_claim(checkworthiness=0.2)
    second = make_claim(checkworthiness=0.9)
    third = make_claim(checkworthiness=0.5)
    for claim, day in ((first, 1), (second, 2), (third, 3)):
        Claim.objects.filter(pk=claim.pk).update(created_at=timezone.make_aware(dt.datetime(2026, 1, day)))
    assert filtered("") == [second, third, first]
    assert filtered("sort=score") == [second, third, first]
    assert filtered("sort=newest") == [third, second, first]
    assert filtered("sort=oldest") == [first, second, third]


@pytest.mark.embedded
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ("status=bogus", "status"),
        ("type=opinion", "type"),
        ("assignee=nobody-at-all", "assignee"),
        ("verdict=no-such-rating", "verdict"),
        ("language=<script>", "language"),
        ("outlet=No+Such+Outlet", "outlet"),
        ("outlet=99999999999999999999999", "outlet"),
        ("article=abc", "article"),
        ("article=1.5", "article"),
        ("article=99999999999999999999999", "article"),
        ("created_after=2026-02-30", "created_after"),
        ("created_before=yesterday", "created_before"),
        ("created_after=2026-03-02&created_before=2026-03-01", "created_before"),
        ("score_min=2", "score_min"),
        ("score_max=-0.5", "score_max"),
        ("score_min=nan", "score_min"),
        ("score_min=0.9&score_max=0.1", "score_max"),
        ("checkworthy=maybe", "checkworthy"),
        ("sort=random", "sort"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_invalid_filter_values_are_form_errors(params, field):
    assert field in errors_for(params)


@pytest.mark.embedded
@pytest.mark.django_db
def test_extreme_but_valid_dates_do_not_overflow():
    make_claim()
    assert filtered("created_after=0001-01-01&created_before=9999-12-31")


@pytest.mark.embedded
@pytest.mark.django_db
@pytest.mark.parametrize("params", ["status=bogus", "article=abc&score_min=x", "created_after=2026-13-45"])
def test_queue_page_shows_filter_errors_instead_of_failing(web, params):
    make_claim(text="Should not be listed")
    response = web.get(QUEUE + "?" + params)
    assert response.status_code == 200
    assert b"Some filters are not valid" in response.content
    assert b"Should not be listed" not in response.content


# --- search ----------------------------------------------------------------------------------------


@pytest.mark.embedded
@pytest.mark.django_db
def test_search_covers_claim_text_speaker_and_article_title():
    by_text = make_claim(text="Le budget des transports augmente.")
    by_speaker = make_claim(text="Nous allons gagner.", speaker="Marie Budget")
    by_title = make_claim(make_article("Le budget voté"), text="Une hausse de 12 %.")
    make_claim(text="Rien à voir.")
    assert set(filtered("q=budget")) == {by_text, by_speaker, by_title}


@pytest.mark.embedded
@pytest.mark.django_db
def test_a_blank_search_changes_nothing():
    claims = {make_claim(), make_claim()}
    assert set(filtered("q=+++")) == claims


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search"
)


@needs_postgresql
@pytest.mark.django_db
def test_french_search_matches_other_forms_of_the_word():
    plural = make_claim(text="Environ 25 000 terminaux ont été livrés en Ukraine.")
    assert filtered("q=terminal") == [plural]
    singular = make_claim(text="Le terminal coûte 500 euros.")
    assert set(filtered("q=terminaux")) == {plural, singular}


@needs_postgresql
@pytest.mark.django_db
def test_english_search_matches_other_forms_of_the_word():
    flooding = make_claim(text="Flooding has cost local businesses £12 million.", language="en")
    make_claim(text="The council approved the budget.", language="en")
    assert filtered("q=floods") == [flooding]


@needs_postgresql
@pytest.mark.django_db
def test_search_understands_web_search_syntax():
    both = make_claim(text="Le budget des transports augmente.")
    budget_only = make_claim(text="Le budget de la culture baisse.")
    assert filtered('q="budget des transports"') == [both]
    assert filtered("q=budget+-transports") == [budget_only]


@needs_postgresql
@pytest.mark.django_db
def test_search_is_served_by_the_full_text_indexes():
    make_claim(text="Environ 25 000 terminaux ont été livrés.")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    sql, params = ClaimFilter(
        QueryDict("q=terminal"), queryset=Claim.objects.all(), request=request
    ).qs.query.sql_with_params()
    with connection.cursor() as cursor:
        # The tables are tiny: forbid sequential scans so the plan shows which index could serve the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The stored tsvector of claim text, speaker and article title (claims.search, migration 0013).
    assert "claim_search_document_idx" in plan


# --- the page ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_queue_requires_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.embedded
@pytest.mark.django_db
def test_queue_rows_link_to_the_claim_on_its_article_page(web):
    article = make_article("Montvert : le budget", outlet=Outlet.objects.create(name="La Gazette"))
    claim = make_claim(
        article, text="<b>1,2 milliard</b> d'euros", claim_type="quantity", types=["quantity", "event"]
    )
    response = web.get(QUEUE)
    html = response.content.decode()
    assert f'<tr class="claim-row" data-claim="{claim.pk}" tabindex="0">' in html
    assert f'href="/articles/{article.pk}/#claim-{claim.pk}"' in html
    assert "&lt;b&gt;1,2 milliard&lt;/b&gt;" in html
    assert "La Gazette" in html and "Montvert : le budget" in html
    assert "type-badge type-event" in html


@pytest.mark.embedded
@pytest.mark.django_db
def test_htmx_requests_get_only_the_results(web):
    make_claim(text="Swapped in")
    response = web.get(QUEUE + "?status=new", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Swapped in" in html
    assert "<html" not in html and 'id="queue-filters"' not in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_page_size_is_chosen_from_the_offered_sizes(web):
    article = make_article()
    for _ in range(30):
        make_claim(article)
    assert len(web.get(QUEUE + "?per_page=10").context["page"].object_list) == 10
    assert len(web.get(QUEUE + "?per_page=50").context["page"].object_list) == 30
    assert web.get(QUEUE + "?per_page=7").context["page"].paginator.per_page == 25
    assert web.get(QUEUE + "?per_page=all").context["page"].paginator.per_page == 25


@pytest.mark.django_db
def test_pagination_links_keep_the_filters(web):
    article = make_article()
    for _ in range(12):
        make_claim(article, status="new")
    html = web.get(QUEUE + "?status=new&per_page=10").content.decode()
    assert 'href="?status=new&amp;per_page=10&amp;page=2"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", [10, 100])
def test_queue_issues_a_constant_number_of_queries_whatever_the_page_size(
    client, editor, django_user_model, page_size, django_assert_max_num_queries
):
    outlets = [Outlet.objects.create(name=f"Outlet {i}") for i in range(3)]
    ratings = list(Rating.objects.all())
    people = [make_user(django_user_model, f"person{i}", "reporter") for i in range(3)]
    for i in range(120):
        article = make_article(f"Article {i}", outlet=outlets[i % 3]) if i % 4 == 0 else article  # noqa: F821
        make_claim(
            article,
            assignee=people[i % 3] if i % 2 else None,
            verdict=ratings[i % len(ratings)] if i % 3 == 0 else None,
            types=["quantity", "quote"],
        )
    client.force_login(editor)
    # session, user, user's groups (role), count, page rows, reviewers, ratings, outlets, languages,
    # followed sources (the Source dropdown).
    with django_assert_max_num_queries(11):  # +1: the top bar's unread-notification count
        response = client.get(QUEUE + f"?per_page={page_size}&status=new&q=claim")
    assert len(response.context["page"].object_list) == page_size


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_an_htmx_swap_reads_only_what_the_results_show(client, django_user_model, role):
    # The filter form is not in the swap: no ratings, outlets, languages or followed sources; the
    # reviewers only for the editor's "assign to" menu.
    make_claim(
        make_article(outlet=Outlet.objects.create(name="La Gazette")),
        assignee=make_user(django_user_model, "rita2", "reporter"),
    )
    client.force_login(make_user(django_user_model, f"the-{role}", role))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE + "?status=new", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "La Gazette" in response.content.decode()
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("claims_rating", "articles_outlet", "sources_source"):
        assert f'FROM "{table}"' not in sql
    assert "MIN(language)" not in sql
    # session, user, role, count, rows (+ the editor's reviewers)
    assert len(queries.captured_queries) == (6 if role == "editor" else 5)
    assert ('DISTINCT "auth_user"."id", "auth_user"."username"' in sql) == (role == "editor")


# --- bulk actions -------------------------------------------------------------------------------------


def bulk(client, claims, action: str, next_url: str = QUEUE + "?status=new", **extra):
    data = {"claims": [c.pk for c in claims], "action": action, "next": next_url, **extra}
    return client.post(BULK, data)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.embedded
@pytest.mark.django_db
def test_bulk_dismiss_goes_back_to_the_same_filtered_queue_with_a_summary(client, reporter):
    claims = [make_claim(), make_claim()]
    client.force_login(reporter)
    response = bulk(client, claims, "dismiss", next_url=QUEUE + "?status=new&sort=newest", confirmed="1")
    assert response.status_code == 302
    assert response["Location"] == QUEUE + "?status=new&sort=newest"
    assert messages_of(response) == ["2 claims updated."]
    assert {c.status for c in Claim.objects.all()} == {"dismissed"}


@pytest.mark.embedded
@pytest.mark.django_db
def test_bulk_refuses_claims_the_workflow_does_not_allow_and_says_why(client, reporter):
    fresh, published = make_claim(), make_claim(status="published")
    client.force_login(reporter)
    response = bulk(client, [fresh, published], "dismiss", confirmed="1")
    [summary] = messages_of(response)
    assert summary.startswith("1 claim updated. 1 claim refused:")
    assert "cannot be dismissed" in summary and f"#{published.pk}" in summary
    fresh.refresh_from_db()
    published.refresh_from_db()
    assert (fresh.status, published.status) == ("dismissed", "published")


@pytest.mark.embedded
@pytest.mark.django_db
def test_bulk_dismiss_of_several_claims_asks_first_and_changes_nothing_until_confirmed(client, reporter):
    claims = [make_claim(), make_claim(), make_claim()]
    client.force_login(reporter)
    response = bulk(client, claims, "dismiss", next_url=QUEUE + "?status=new")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dismiss 3 claims?" in page
    assert {c.status for c in Claim.objects.all()} == {"new"}
    # The confirmation form carries the same selection; posting it dismisses them.
    assert page.count('name="claims"') == 3 and 'name="confirmed" value="1"' in page
    assert 'href="/claims/?status=new"' in page
    response = bulk(client, claims, "dismiss", next_url=QUEUE + "?status=new", confirmed="1")
    assert response.status_code == 302
    assert {c.status for c in Claim.objects.all()} == {"dismissed"}


@pytest.mark.django_db
def test_bulk_dismiss_confirmation_never_links_back_off_site(client, reporter):
    claims = [make_claim(), make_claim()]
    client.force_login(reporter)
    page = bulk(client, claims, "dismiss", next_url="javascript:alert(1)").content.decode()
    assert "javascript:" not in page.split('name="next"')[0] and 'href="/claims/"' in page


@pytest.mark.django_db
def test_bulk_reopen_and_mark_in_review_call_the_workflow(client, reporter):
    dismissed, fresh = make_claim(status="dismissed"), make_claim()
    client.force_login(reporter)
    bulk(client, [dismissed], "reopen")
    bulk(client, [fresh], "in_review")
    dismissed.refresh_from_db()
    fresh.refresh_from_db()
    assert dismissed.status == "new"
    assert (fresh.status, fresh.assignee) == ("in_review", reporter)
    assert fresh.history.first().history_user == reporter


@pytest.mark.django_db
def test_assign_to_me_takes_the_claims(client, reporter):
    claim = make_claim()
    client.force_login(reporter)
    bulk(client, [claim], "assign_me")
    claim.refresh_from_db()
    assert claim.assignee == reporter


@pytest.mark.django_db
def test_editors_assign_claims_to_a_reviewer(client, editor, reporter):
    claims = [make_claim(), make_claim()]
    client.force_login(editor)
    response = bulk(client, claims, "assign", assignee=reporter.pk)
    assert messages_of(response) == ["2 claims updated."]
    assert set(Claim.objects.values_list("assignee", flat=True)) == {reporter.pk}


@pytest.mark.django_db
def test_assigning_without_choosing_a_reviewer_changes_nothing(client, editor):
    claim = make_claim()
    client.force_login(editor)
    response = bulk(client, [claim], "assign")
    assert response.status_code == 302
    assert messages_of(response) == ["Choose who to assign the claims to."]
    claim.refresh_from_db()
    assert claim.assignee is None


@pytest.mark.django_db
def test_reporters_cannot_assign_claims_to_someone_else(client, reporter, editor):
    claim = make_claim()
    client.force_login(reporter)
    assert bulk(client, [claim], "assign", assignee=editor.pk).status_code == 403
    claim.refresh_from_db()
    assert claim.assignee is None


@pytest.mark.embedded
@pytest.mark.django_db
def test_bulk_actions_need_a_review_role(client, no_role_user):
    claim = make_claim()
    client.force_login(no_role_user)
    assert bulk(client, [claim], "dismiss").status_code == 403
    claim.refresh_from_db()
    assert claim.status == "new"


@pytest.mark.django_db
def test_bulk_actions_require_login_and_post(client, reporter):
    claim = make_claim()
    assert "/login/" in bulk(client, [claim], "dismiss")["Location"]
    client.force_login(reporter)
    assert client.get(BULK).status_code == 405


@pytest.mark.django_db
def test_bulk_with_nothing_selected_or_bad_ids_says_so(client, reporter):
    client.force_login(reporter)
    assert messages_of(bulk(client, [], "dismiss")) == ["Select at least one claim."]
    # Messages pile up until a page shows them: look at the newest.
    response = client.post(BULK, {"claims": ["x"], "action": "dismiss"})
    assert messages_of(response)[-1] == "Claim ids must be numbers."
    response = client.post(BULK, {"claims": [123456789], "action": "dismiss"})
    assert "No such claim." in messages_of(response)[-1]


@pytest.mark.django_db
def test_bulk_never_redirects_off_site(client, reporter):
    client.force_login(reporter)
    response = bulk(client, [make_claim()], "dismiss", next_url="https://evil.example/")
    assert response["Location"] == QUEUE


@pytest.mark.embedded
@pytest.mark.django_db
@pytest.mark.parametrize("query", ["&|!():*'", '"unclosed', "-", "or or", "l'État", "😀", "a" * 200])
def test_search_never_fails_on_odd_input(query):
    make_claim(text="L'État a dépensé 3 milliards.")
    params = QueryDict(mutable=True)
    params["q"] = query
    filtered(params.urlencode())


@pytest.mark.embedded
@pytest.mark.django_db
def test_every_filter_has_a_label_and_the_page_has_no_inline_script_or_style(web):
    make_claim(verdict=Rating.objects.get(slug="false"))
    html = web.get(QUEUE + "?article=1").content.decode()
    for name in (
        "q",
        "sort",
        "per_page",
        "assignee",
        "verdict",
        "language",
        "checkworthy",
        "outlet",
        "score_min",
        "score_max",
        "created_after",
        "created_before",
        "article",
    ):
        assert f'<label for="id_{name}">' in html, name
    assert "<legend>Status</legend>" in html and "<legend>Type</legend>" in html
    assert "style=" not in html and " onclick=" not in html and " onchange=" not in html
    assert "<script>" not in html


@pytest.mark.embedded
@pytest.mark.django_db
def test_multiple_choice_filters_add_no_distinct_that_would_defeat_the_sort_indexes():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    params = QueryDict("status=new&status=in_review&type=quote&type=event&q=budget")
    sql = str(ClaimFilter(params, queryset=Claim.objects.all(), request=request).qs.query)
    assert "DISTINCT" not in sql.upper()


@pytest.mark.django_db
def test_the_page_title_is_plain_text(web):
    html = web.get(QUEUE).content.decode()
    assert "<title>Claim queue · Claimtrack</title>" in html
