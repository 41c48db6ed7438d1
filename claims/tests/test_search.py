"""Search ignores accents, case and the kind of apostrophe, and matches words in any order.

Marked `embedded`: `make test` runs these on PostgreSQL and again on SQLite.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from claims.filters import ClaimFilter
from claims.models import Claim
from claims.search import fold, parse
from claims.tests.test_queue import filtered, make_article, make_claim

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


def texts(params: str) -> set[str]:
    return {claim.text for claim in filtered(params)}


@pytest.fixture
def desk():
    make_claim(text="La part du nucléaire a atteint 70 % en 2022.")
    make_claim(text="Les centrales nucléaires produisent moins qu’en 2021.")
    make_claim(text="Le CHÔMAGE est au plus bas depuis 2008.", speaker="Élisabeth Borne")
    make_claim(text="Selon l’ONU, 3,9 millions de personnes ont fui.")
    make_claim(text="Le budget des transports augmente de 12 %.")
    make_claim(make_article("Élections régionales : le bilan"), text="La participation a baissé de 4 points.")
    make_claim(text="Rien à voir.", speaker="Œuvre collective")


def test_accents_do_not_matter(desk):
    with_accent = texts("q=nucléaire")
    assert len(with_accent) == 2
    assert texts("q=nucleaire") == with_accent
    assert texts("q=NUCLEAIRE") == with_accent


def test_case_and_accents_on_capitals(desk):
    assert texts("q=chômage") == {"Le CHÔMAGE est au plus bas depuis 2008."}
    assert texts("q=CHÔMAGE") == texts("q=chomage") == {"Le CHÔMAGE est au plus bas depuis 2008."}
    # The article's title and the speaker are searched the same way.
    assert texts("q=Élections") == texts("q=elections") == {"La participation a baissé de 4 points."}
    assert texts("q=elisabeth") == {"Le CHÔMAGE est au plus bas depuis 2008."}
    assert texts("q=oeuvre") == {"Rien à voir."}


@pytest.mark.parametrize("typed", ["l'ONU", "l’ONU", "lʼonu", "l`ONU", "ONU", "onu"])
def test_any_apostrophe_finds_the_text(desk, typed):
    assert texts("q=" + typed) == {"Selon l’ONU, 3,9 millions de personnes ont fui."}


def test_words_match_in_any_order(desk):
    expected = {"Le budget des transports augmente de 12 %."}
    assert texts("q=budget+transports") == expected
    assert texts("q=transports+budget") == expected
    # Every word must match: one word elsewhere is not enough.
    assert texts("q=budget+nucleaire") == set()


def test_words_may_match_across_the_claim_and_its_article_title(desk):
    assert texts("q=participation+regionales") == {"La participation a baissé de 4 points."}


def test_a_word_matches_the_start_of_a_word_only(desk):
    assert len(texts("q=nucl")) == 2
    assert texts("q=ucleaire") == set()


def test_punctuation_inside_a_word_and_quoted_phrases_keep_their_order(desk):
    assert texts("q=3,9") == {"Selon l’ONU, 3,9 millions de personnes ont fui."}
    assert texts('q="budget des transports"') == {"Le budget des transports augmente de 12 %."}
    assert texts('q="transports des budget"') == set()


def test_excluding_a_word(desk):
    assert texts("q=nucleaire+-centrales") == {"La part du nucléaire a atteint 70 % en 2022."}


def test_search_is_the_same_in_the_api(api, desk):
    response = api.get("/api/v1/claims/", {"q": "NUCLEAIRE"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


def test_queue_page_search(web, desk):
    response = web.get(reverse("claims:queue"), {"q": "l'onu"})
    assert response.status_code == 200
    assert "Selon l’ONU" in response.content.decode()
    assert "nucléaire a atteint" not in response.content.decode()


def test_fold_and_parse():
    assert fold("L’ÉTÉ « chaud », 3,9 %", "Œuvre") == " l’ete « chaud », 3,9 % oeuvre"
    assert parse('l\'ONU  -Nucléaire "le  budget"') == ([r"\Wl\W+onu", r"\Wle\W+budget"], [r"\Wnucleaire"])
    assert parse("+++ '' -") == ([], [])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
def test_search_is_served_by_the_trigram_indexes():
    make_claim(make_article("Le nucléaire en débat"), text="La part du nucléaire a atteint 70 %.")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    query = ClaimFilter(QueryDict("q=nucleaire"), queryset=Claim.objects.all(), request=request).qs.query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        # Tiny tables: forbid plain scans so the plan shows which index serves each lookup.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claim_search_folded_trgm_idx" in plan
    assert "claim_search_document_idx" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers")
def test_stored_search_columns_follow_every_write():
    """The triggers keep the stored columns right whatever writes the claim or its article."""
    article = make_article("Le budget des transports")
    claim = make_claim(article, text="Une hausse de 12 %.")
    assert texts("q=transports") == {"Une hausse de 12 %."}  # the title, through INSERT
    Claim.objects.filter(pk=claim.pk).update(text="Le chômage recule de 12 %.")  # update(): no save()
    assert texts("q=chomage") == {"Le chômage recule de 12 %."}
    article.title = "Emploi"
    article.save(update_fields=["title"])  # the article's trigger refreshes its claims
    assert texts("q=transports") == set() and texts("q=emploi") == {"Le chômage recule de 12 %."}
    Claim.objects.bulk_create(
        [Claim(article=article, text="La dette atteint 3 000 milliards.", start=90, end=95)]
    )
    assert texts("q=dette+emploi") == {"La dette atteint 3 000 milliards."}
