"""The rules the database keeps for claims, quantities and ratings."""

import pytest
from django.db import IntegrityError

from articles.models import Article
from claims.models import Claim, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return Article.objects.create(text="Environ 25 000 terminaux ont été livrés.", content_hash="h" * 64)


def test_a_claim_span_must_be_ordered(article):
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=article, text="x", start=5, end=5)


def test_two_claims_cannot_share_a_span(article):
    Claim.objects.create(article=article, text="Environ", start=0, end=7)
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=article, text="Environ", start=0, end=7)


def test_a_score_outside_zero_one_is_refused(article):
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=article, text="Environ", start=0, end=7, checkworthiness=1.5)


def test_an_unknown_claim_type_is_refused(article):
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=article, text="Environ", start=0, end=7, claim_type="rumour")


def test_the_default_rating_scale_is_seeded():
    assert list(Rating.objects.values_list("slug", flat=True)) == [
        "true",
        "mostly-true",
        "mixed",
        "mostly-false",
        "false",
        "misleading",
        "unverifiable",
    ]


def test_a_rating_value_must_lie_within_its_scale():
    with pytest.raises(IntegrityError):
        Rating.objects.create(slug="off-scale", label="Off", rating_value=9, best_rating=5, worst_rating=1)


def test_untouched_means_nobody_worked_on_it(article, django_user_model):
    fresh = Claim.objects.create(article=article, text="Environ", start=0, end=7)
    assigned = Claim.objects.create(
        article=article,
        text="25 000",
        start=8,
        end=14,
        assignee=django_user_model.objects.create(username="x"),
    )
    dismissed = Claim.objects.create(article=article, text="terminaux", start=15, end=24, status="dismissed")
    assert set(Claim.objects.untouched()) == {fresh}
    assert set(Claim.objects.touched()) == {assigned, dismissed}
