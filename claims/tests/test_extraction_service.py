"""Turning an article into claims: the seed article, idempotency, re-extraction, failures."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.test import override_settings

from articles.models import Article
from articles.services import article_requeue, article_submit
from claims import extraction
from claims.models import Claim
from claims.services import article_extract
from claims.tasks import extract_article

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def seed_article(seed_text, reporter):
    return article_submit(text=seed_text, title="Starlink", submitted_by=reporter).article


def spans(article):
    return sorted(Claim.objects.filter(article=article).values_list("start", "end"))


def test_the_seed_article_yields_the_starlink_terminals(seed_article):
    count = article_extract(article_id=seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.status == "extracted" and seed_article.error == ""
    assert seed_article.extractor_version == extraction.EXTRACTOR_VERSION
    assert count == Claim.objects.filter(article=seed_article).count() > 5
    starlink = Claim.objects.get(
        article=seed_article, text__contains="environ 25 000 terminaux Internet par satellite Starlink"
    )
    quantity = starlink.quantities.get(value=25000)
    assert quantity.approximate is True
    assert "terminaux" in quantity.unit
    assert seed_article.text[quantity.start : quantity.end] == quantity.raw


def test_the_seed_quotes_are_attributed_to_musk_and_dotcom(seed_article):
    article_extract(article_id=seed_article.pk)
    speakers = set(
        Claim.objects.filter(article=seed_article, claim_type="quote").values_list("speaker", flat=True)
    )
    assert any("Musk" in s for s in speakers)
    assert any("Dotcom" in s or "Schmitz" in s for s in speakers)


def test_every_claim_points_into_the_stored_text(seed_article):
    article_extract(article_id=seed_article.pk)
    for claim in Claim.objects.filter(article=seed_article):
        assert seed_article.text[claim.start : claim.end] == claim.text
        for quantity in claim.quantities.all():
            assert claim.start <= quantity.start < quantity.end <= claim.end


def test_extracting_twice_never_duplicates_claims(seed_article):
    article_extract(article_id=seed_article.pk)
    first = spans(seed_article)
    article_requeue(article=seed_article)
    article_extract(article_id=seed_article.pk)
    assert spans(seed_article) == first


def test_a_duplicate_message_for_an_extracted_article_does_nothing(seed_article):
    article_extract(article_id=seed_article.pk)
    ids = set(Claim.objects.values_list("pk", flat=True))
    assert article_extract(article_id=seed_article.pk) is None
    assert set(Claim.objects.values_list("pk", flat=True)) == ids


def test_re_extraction_keeps_claims_a_journalist_worked_on(seed_article, reporter):
    article_extract(article_id=seed_article.pk)
    reviewed = Claim.objects.filter(article=seed_article).order_by("start").first()
    reviewed.assignee = reporter
    reviewed.status = "in_review"
    reviewed.rationale = "Checking with SpaceX."
    reviewed.save()
    untouched_ids = set(Claim.objects.exclude(pk=reviewed.pk).values_list("pk", flat=True))
    article_requeue(article=seed_article)
    article_extract(article_id=seed_article.pk)
    reviewed.refresh_from_db()
    assert reviewed.rationale == "Checking with SpaceX." and reviewed.assignee == reporter
    remaining = set(Claim.objects.values_list("pk", flat=True))
    assert reviewed.pk in remaining
    assert not (untouched_ids & remaining)  # untouched claims were replaced
    assert len(spans(seed_article)) == len(set(spans(seed_article)))


def test_an_error_in_extraction_fails_the_article_with_its_reason(seed_article, monkeypatch):
    def broken(text, lang=None):
        raise ValueError("the tokenizer choked")

    monkeypatch.setattr(extraction, "extract", broken)
    extract_article.apply(args=[seed_article.pk])
    seed_article.refresh_from_db()
    assert seed_article.status == "failed"
    assert "the tokenizer choked" in seed_article.error


def test_hitting_the_time_limit_fails_the_article(seed_article, monkeypatch):
    def slow(text, lang=None):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(extraction, "extract", slow)
    extract_article.apply(args=[seed_article.pk])
    seed_article.refresh_from_db()
    assert seed_article.status == "failed" and "longer than" in seed_article.error


def test_a_transient_database_error_is_retried(seed_article, monkeypatch):
    real = extraction.extract
    calls = []

    def flaky(text, lang=None):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(text, lang=lang)

    monkeypatch.setattr(extraction, "extract", flaky)
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        extract_article.apply(args=[seed_article.pk], retries=0, throw=False)
    seed_article.refresh_from_db()
    assert len(calls) == 2
    assert seed_article.status == "extracted"


def test_an_article_without_text_fails_readably():
    article = Article.objects.create(text=" ", content_hash="9" * 64)
    article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == "failed" and "no text" in article.error


@override_settings(ARTICLE_MAX_CHARS=100)
def test_an_article_over_the_size_limit_fails_readably(seed_article):
    article_extract(article_id=seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.status == "failed" and "limit is 100" in seed_article.error


def test_an_article_that_keeps_killing_workers_is_given_up(seed_article):
    Article.objects.filter(pk=seed_article.pk).update(status="extracting", attempts=3)
    article_extract(article_id=seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.status == "failed" and "interrupted" in seed_article.error
