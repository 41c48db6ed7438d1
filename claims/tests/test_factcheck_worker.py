"""A real worker embeds the fact-checks imported from the web page, so new claims meet them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import ClaimLink, FactCheck
from claims.services.matching import link_article
from claims.tests.factories import make_article, make_claim
from tests.celery_helpers import drain_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

REVIEW = {
    "@type": "ClaimReview",
    "claimReviewed": "SpaceX a offert 25 000 terminaux Starlink à l'Ukraine.",
    "url": "https://factuel.example/starlink",
    "author": {"@type": "Organization", "name": "AFP Factuel"},
    "datePublished": "2022-10-12",
    "inLanguage": "fr",
    "reviewRating": {"@type": "Rating", "alternateName": "Faux"},
}
EN = "SpaceX donated 25,000 Starlink terminals to Ukraine, Elon Musk said."


def test_fact_checks_imported_on_the_page_are_embedded_by_the_worker_and_matched(client, editor, tmp_path):
    drain_queue("matching")
    client.force_login(editor)
    upload = SimpleUploadedFile("afp.jsonld", json.dumps(REVIEW).encode())
    assert client.post("/claims/factchecks/import/", {"file": upload}).status_code == 302
    check = FactCheck.objects.get()
    assert check.vector is None  # the request only stores it
    worker = start_worker(log_path=tmp_path / "worker.log", extra_env={"WORKER_LOAD_MODELS": "0"})
    try:
        wait_for(
            lambda: FactCheck.objects.filter(pk=check.pk, vector__isnull=False).exists(),
            timeout=180,
            message="the worker to embed the fact-check",
        )
    finally:
        stop_worker(worker)
    claim = make_claim(make_article(EN, language="en"), EN)
    link_article(claim.article_id)
    assert ClaimLink.objects.filter(claim=claim, fact_check=check).exists()
