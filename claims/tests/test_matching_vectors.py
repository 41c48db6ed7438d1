"""Matching reuses the vectors check-worthiness computed at extraction (issue 11): same text, same
bits, no second encoding; a claim whose text changed since is encoded again."""

from __future__ import annotations

import pytest

from claims import services
from claims.matching.encoder import Encoder, vector_key
from claims.models import Claim, ClaimVector
from claims.services import matching
from claims.services.extract import article_extract
from claims.tasks import match_article
from claims.tests.factories import make_article

pytestmark = pytest.mark.django_db

TEXT = (
    "Le gouvernement a annoncé mardi que le chômage était tombé à 7,1 % au troisième trimestre 2022, "
    "son plus bas niveau depuis 2008. Selon l'Insee, 25 000 emplois ont été créés dans l'industrie. "
    "Le ministre du Travail a déclaré que le pays comptait 1,2 million de chômeurs de moins qu'en 2017."
)


@pytest.fixture
def extracted():
    article = make_article(TEXT, language="fr", status="queued")
    assert article_extract(article_id=article.pk)
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(claims) >= 2
    return article, claims


@pytest.fixture
def encoded(monkeypatch):
    """Every text the matching encoder is asked for (the real encoder still encodes them)."""
    asked: list[str] = []
    real = Encoder.embed

    def embed(self, texts, kind="query"):
        asked.extend(texts)
        return real(self, texts, kind)

    monkeypatch.setattr(Encoder, "embed", embed)
    return asked


def test_extraction_keeps_for_each_claim_the_vector_matching_would_compute(extracted):
    _article, claims = extracted
    rows = {row.pk: row for row in ClaimVector.objects.filter(claim__in=claims)}
    assert set(rows) == {c.pk for c in claims}
    # What embed_claims computes for these claims: one batch of their texts, query prefix.
    expected = matching.encoder().embed([c.text for c in claims], kind="query")
    for claim, vector in zip(claims, expected):
        row = rows[claim.pk]
        assert bytes(row.vector) == matching.to_bytes(vector)  # bit for bit
        assert row.key == vector_key(claim.text) and row.indexed is False


def test_kept_vectors_stay_out_of_the_vector_store_until_their_matching_runs(extracted):
    _article, claims = extracted
    store = matching.VectorStore("claim")
    store.refresh()
    assert not set(store.ids.tolist()) & {c.pk for c in claims}
    match_article(claims[0].article_id)
    store.refresh()
    assert {c.pk for c in claims} <= set(store.ids.tolist())


def test_the_matching_task_does_not_encode_claims_whose_vectors_came_from_extraction(extracted, encoded):
    article, claims = extracted
    kept = {row.pk: bytes(row.vector) for row in ClaimVector.objects.filter(claim__in=claims)}
    match_article(article.pk)
    assert not set(encoded) & {c.text for c in claims}
    rows = ClaimVector.objects.filter(claim__in=claims)
    assert all(row.indexed for row in rows)
    assert {row.pk: bytes(row.vector) for row in rows} == kept


def test_an_edited_claim_is_encoded_again_and_the_others_are_not(extracted, encoded, reporter):
    article, claims = extracted
    edited = claims[0]
    services.claim_correct(claim=edited, by=reporter, version=edited.version, end=edited.end - 5)
    edited.refresh_from_db()
    match_article(article.pk)
    assert encoded == [edited.text]
    row = ClaimVector.objects.get(pk=edited.pk)
    assert row.indexed and row.key == vector_key(edited.text)
    assert bytes(row.vector) == matching.to_bytes(matching.encoder().embed([edited.text])[0])


def test_a_claim_without_a_kept_vector_is_encoded(extracted, encoded):
    article, claims = extracted
    ClaimVector.objects.filter(pk=claims[-1].pk).delete()
    match_article(article.pk)
    assert encoded == [claims[-1].text]
    assert ClaimVector.objects.get(pk=claims[-1].pk).indexed


def test_nothing_is_kept_when_matching_is_off(settings):
    settings.MATCHING_ENABLED = False
    article = make_article(TEXT, language="fr", status="queued")
    assert article_extract(article_id=article.pk)
    assert not ClaimVector.objects.filter(claim__article=article).exists()


def test_an_extraction_hands_over_only_vectors_of_its_claims_exact_texts():
    from claims import extraction

    result = extraction.extract(TEXT, lang="fr")
    assert result.encoded and set(result.encoded) <= {c.text for c in result.claims}
    assert "encoded" not in extraction_fields(result)


def extraction_fields(result) -> dict:
    from dataclasses import asdict

    return asdict(result)  # what the CLI prints as JSON: no vectors in it
