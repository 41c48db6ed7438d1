"""Re-extraction through the API with a real Celery worker keeps the desk's claims (issue 17).

The issue's reproduction: a reporter adds evidence, a comment and a speaker
edit to a claim still `new` (version 2); an editor asks for re-extraction; the
claim must still be there afterwards, with its id, offsets, evidence, comments
and mention notification.
"""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, Notification
from conftest import make_user
from tests.celery_helpers import drain_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.embedded, pytest.mark.django_db(transaction=True)]


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_re_extraction_by_a_real_worker_keeps_a_claim_the_desk_worked_on(
    seed_text, tmp_path, django_user_model
):
    rita = make_user(django_user_model, "rita", "reporter")
    make_user(django_user_model, "rob", "reporter")
    eddie = make_user(django_user_model, "eddie", "editor")
    reporter, editor = client_for(rita), client_for(eddie)
    log = tmp_path / "worker.log"
    drain_queue()
    worker = start_worker(log_path=log)
    try:
        created = reporter.post("/api/v1/articles/", {"text": seed_text, "title": "Starlink"}, format="json")
        assert created.status_code == 201, created.content
        article_id = created.json()["id"]

        def finished():
            return Article.objects.filter(pk=article_id, status__in=["extracted", "failed"]).first()

        article = wait_for(finished, timeout=180, message="the worker to extract the article")
        assert article.status == "extracted", (article.error, log.read_text()[-3000:])

        claim = Claim.objects.filter(article_id=article_id, status="new").order_by("start").first()
        url = f"/api/v1/claims/{claim.pk}/"
        assert (
            reporter.post(
                url + "evidence/", {"url": "https://www.example.org/s", "title": "SpaceX"}, format="json"
            ).status_code
            == 201
        )
        assert (
            reporter.post(url + "comments/", {"body": "@rob can you call them?"}, format="json").status_code
            == 201
        )
        edited = reporter.patch(url, {"speaker": "Le PDG de SpaceX", "version": 1}, format="json")
        assert edited.status_code == 200, edited.content
        assert (edited.json()["status"], edited.json()["version"]) == ("new", 2)
        untouched = set(
            Claim.objects.filter(article_id=article_id).exclude(pk=claim.pk).values_list("pk", flat=True)
        )

        asked = timezone.now()
        response = editor.post(f"/api/v1/articles/{article_id}/reextract/")
        assert response.status_code == 202, response.content

        def extracted_again():
            return Article.objects.filter(
                pk=article_id, status__in=["extracted", "failed"], status_changed_at__gt=asked
            ).first()

        article = wait_for(extracted_again, timeout=120, message="the worker to extract the article again")
        assert article.status == "extracted", (article.error, log.read_text()[-3000:])

        after = reporter.get(url)
        assert after.status_code == 200
        body = after.json()
        assert (body["start"], body["end"], body["speaker"], body["version"]) == (
            claim.start,
            claim.end,
            "Le PDG de SpaceX",
            2,
        )
        assert [e["title"] for e in body["evidence"]] == ["SpaceX"]
        assert [c["body"] for c in body["comments"]] == ["@rob can you call them?"]
        assert Notification.objects.filter(claim_id=claim.pk, recipient__username="rob").count() == 1
        # The untouched claims were replaced, and no new claim overlaps the kept one.
        assert not Claim.objects.filter(pk__in=untouched).exists()
        assert Claim.objects.filter(article_id=article_id).count() > 5
        overlapping = Claim.objects.filter(article_id=article_id, start__lt=claim.end, end__gt=claim.start)
        assert list(overlapping.values_list("pk", flat=True)) == [claim.pk]
    finally:
        stop_worker(worker)
