"""One history differ (claims.selectors.claim_history) behind the review timeline, the 409 of a
stale edit and the API's `history`: the same changes, cut at the same length, in a constant
number of queries however long the history."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, Rating
from claims.selectors import SHOWN_LENGTH, changes_since, claim_history
from claims.services import (
    StaleClaimError,
    claim_assign,
    claim_dismiss,
    claim_propose,
    claim_reopen,
    claim_return,
)

pytestmark = pytest.mark.django_db
LONG = "Le chiffre officiel est différent : " + "x" * 300


@pytest.fixture
def claim():
    article = Article.objects.create(
        title="Budget",
        text="Le budget a augmenté de 12 % en 2025.",
        content_hash="h" * 64,
        status=Article.Status.EXTRACTED,
    )
    return Claim.objects.create(article=article, text="Le budget a augmenté de 12 %", start=0, end=28)


def proposed(claim, reporter, rationale=LONG):
    claim = claim_assign(claim=claim, to=reporter, by=reporter, version=claim.version)
    return claim_propose(
        claim=claim,
        rating=Rating.objects.get(slug="false"),
        rationale=rationale,
        by=reporter,
        version=claim.version,
    )


def test_the_409_the_timeline_and_the_api_show_the_same_changes_cut_alike(client, claim, reporter, editor):
    claim = proposed(claim, reporter)
    with pytest.raises(StaleClaimError) as stale:
        claim_dismiss(claim=claim, by=editor, version=1)
    cut = LONG[: SHOWN_LENGTH - 1] + "…"
    by_409 = {c.field: c for c in stale.value.changes}
    assert by_409["rationale"].new_shown == cut and by_409["rationale"].new == LONG  # API values stay whole
    assert by_409["verdict"].new == "false" and by_409["assignee"].new == "reporter"

    client.force_login(editor)
    timeline = client.get(reverse("claims:review_panel", args=[claim.pk])).content.decode()
    assert f"Rationale: — → {cut}" in timeline
    assert str(by_409["status"].detail) in timeline  # "Status: In review → Verdict proposed", the same words

    api = APIClient()
    api.force_authenticate(editor)
    history = api.get(f"/api/v1/claims/{claim.pk}/").json()["history"]
    api_changes = {c["field"]: c for record in history for c in record["changes"]}
    assert {f: (c["old"], c["new"], c["summary"]) for f, c in api_changes.items()} == {
        f: (c.old, c.new, str(c)) for f, c in by_409.items()
    }
    assert [r["version"] for r in history] == sorted(r["version"] for r in history)


def test_the_differ_reads_three_queries_however_long_the_history(claim, reporter, editor):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            claim_history(Claim.objects.get(pk=claim.pk))
        return len(queries) - 1  # the claim itself

    claim = proposed(claim, reporter)
    short = count()
    for _ in range(4):
        claim = claim_return(claim=claim, reason="Sources?", by=editor, version=claim.version)
        claim = claim_propose(
            claim=claim,
            rating=Rating.objects.get(slug="true"),
            rationale="Checked again.",
            by=reporter,
            version=claim.version,
        )
    assert len(claim_history(claim)) > 10
    assert count() == short == 3  # records, users, ratings


def test_changes_since_a_version_leave_out_the_earlier_ones(claim, reporter, editor):
    claim = proposed(claim, reporter)
    version = claim.version
    claim = claim_return(claim=claim, reason="Sources?", by=editor, version=claim.version)
    changes = changes_since(claim, version)
    assert {c.field for c in changes} == {"status", "return_reason"}
    assert all(c.version > version and c.by == "editor" for c in changes)


def test_a_claim_older_than_its_history_is_compared_with_how_claims_start(claim, editor):
    Claim.history.filter(id=claim.pk).delete()
    claim.status = Claim.Status.DISMISSED
    claim.version += 1
    claim._history_user = editor
    claim.save()
    (entry,) = claim_history(claim)
    assert entry.first and [(c.field, c.old, c.new) for c in entry.changes] == [
        ("status", "new", "dismissed")
    ]


def test_a_reopened_claim_shows_each_move_once(claim, reporter, editor):
    claim = claim_dismiss(claim=claim, by=editor, version=claim.version)
    claim = claim_reopen(claim=claim, by=editor, version=claim.version)
    moves = [(c.old, c.new) for e in claim_history(claim) for c in e.changes if c.field == "status"]
    assert moves == [("new", "dismissed"), ("dismissed", "new")]
