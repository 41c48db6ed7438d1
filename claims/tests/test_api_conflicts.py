"""A stale `version` is a 409 that lists every change since: field, old and new value, who, when (issue 13)."""

import pytest
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from articles.models import Article
from articles.services import article_submit
from claims.models import Claim
from claims.services import article_extract

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TEXT = "Unemployment fell to 3.9% last year, the statistics office said on Tuesday."


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def extracted_claim(reporter):
    """A claim as the extraction worker stores it."""
    article = article_submit(text=TEXT, title="Jobs", submitted_by=reporter).article
    assert article_extract(article_id=article.pk) > 0
    return Claim.objects.filter(article=article).order_by("start").first()


@pytest.fixture
def claim_extracted_before_history(reporter):
    """A claim stored by the extractor before it recorded its claims' creation (bulk_create, no history row)."""
    article = Article.objects.create(text=TEXT, content_hash="e" * 64, status="extracted", language="en")
    Claim.objects.bulk_create(
        [Claim(article=article, text=TEXT[:25], start=0, end=25, claim_type="quantity")]
    )
    return Claim.objects.get(article=article)


def stale_dismiss(claim, user, version=1):
    response = client_for(user).post(
        f"/api/v1/claims/{claim.pk}/dismiss/", {"version": version}, format="json"
    )
    assert response.status_code == 409, response.content
    return response.json()


def essentials(changes):
    return [(c["field"], c["old"], c["new"], c["by"], c["version"]) for c in changes]


@pytest.mark.parametrize("fixture", ["extracted_claim", "claim_extracted_before_history"])
def test_the_409_lists_the_assignee_and_status_change_and_who_made_it(request, fixture, reporter, editor):
    claim = request.getfixturevalue(fixture)
    assigned = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": "reporter", "version": 1}, format="json"
    )
    assert assigned.status_code == 200, assigned.content
    body = stale_dismiss(claim, reporter)
    assert body["current_version"] == 2 and body["claim"]["status"] == "in_review"
    assert sorted(essentials(body["changes"])) == [
        ("assignee", None, "reporter", "editor", 2),
        ("status", "new", "in_review", "editor", 2),
    ]
    for change in body["changes"]:
        assert parse_datetime(change["at"]) is not None
        assert change["summary"].startswith("editor changed ")
    claim.refresh_from_db()
    assert claim.status == "in_review" and claim.version == 2


def test_the_409_lists_every_change_by_each_person_in_order(extracted_claim, reporter, editor, second_editor):
    claim = extracted_claim
    client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": "reporter", "version": 1}, format="json"
    )
    proposed = client_for(reporter).post(
        f"/api/v1/claims/{claim.pk}/propose/",
        {"rating": "mostly-true", "rationale": "The office says 3.9%.", "version": 2},
        format="json",
    )
    assert proposed.status_code == 200, proposed.content
    body = stale_dismiss(claim, second_editor, version=2)
    assert body["current_version"] == 3
    assert sorted(essentials(body["changes"])) == [
        ("rationale", "", "The office says 3.9%.", "reporter", 3),
        ("status", "in_review", "verdict_proposed", "reporter", 3),
        ("verdict", None, "mostly-true", "reporter", 3),
    ]
    everything = stale_dismiss(claim, second_editor, version=1)
    assert [c["version"] for c in everything["changes"]] == sorted(
        c["version"] for c in everything["changes"]
    )
    assert {c["by"] for c in everything["changes"]} == {"editor", "reporter"}


def test_an_edited_speaker_is_listed_with_its_value_as_extracted(extracted_claim, reporter, editor):
    """Extraction records each claim's creation, so a first edit of an extracted field has an old value."""
    extracted_speaker = extracted_claim.speaker
    edited = client_for(editor).patch(
        f"/api/v1/claims/{extracted_claim.pk}/",
        {"speaker": "The statistics office", "version": 1},
        format="json",
    )
    assert edited.status_code == 200, edited.content
    body = stale_dismiss(extracted_claim, reporter)
    assert essentials(body["changes"]) == [
        ("speaker", extracted_speaker, "The statistics office", "editor", 2)
    ]
