"""The review workflow through /api/v1/claims/: actions, optimistic locking (409) and permissions."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def claim():
    article = Article.objects.create(
        text="Le milliardaire a fait don d'environ 25 000 terminaux.",
        content_hash="c" * 64,
        status="extracted",
    )
    return Claim.objects.create(
        article=article, text="environ 25 000 terminaux", start=31, end=55, claim_type="quantity"
    )


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(claim, action=""):
    return f"/api/v1/claims/{claim.pk}/" + (f"{action}/" if action else "")


def test_a_reporter_takes_a_claim_and_proposes_a_verdict(claim, reporter):
    api = client_for(reporter)
    assigned = api.post(url(claim, "assign"), {"assignee": "reporter", "version": 1}, format="json")
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["status"] == "in_review" and assigned.json()["version"] == 2
    proposed = api.post(
        url(claim, "propose"),
        {"rating": "mostly-true", "rationale": "SpaceX confirmed 25,000.", "version": 2},
        format="json",
    )
    assert proposed.status_code == 200, proposed.content
    body = proposed.json()
    assert (body["status"], body["verdict"], body["proposed_by"]) == (
        "verdict_proposed",
        "mostly-true",
        "reporter",
    )


def test_a_stale_version_gets_409_with_what_changed(claim, reporter, editor):
    client_for(editor).post(url(claim, "assign"), {"assignee": "reporter", "version": 1}, format="json")
    stale = client_for(reporter).post(url(claim, "dismiss"), {"version": 1}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_version"] == 2
    assert {"field": "assignee", "old": None, "new": "reporter", "by": "editor"}.items() <= body["changes"][
        0
    ].items()
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_an_editor_other_than_the_proposer_approves(claim, reporter, editor):
    client_for(reporter).post(
        url(claim, "propose"), {"rating": "true", "rationale": "Checked.", "version": 1}, format="json"
    )
    approved = client_for(editor).post(url(claim, "approve"), {"version": 2}, format="json")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "published" and approved.json()["reviewed_by"] == "editor"


def test_an_editor_cannot_approve_her_own_verdict(claim, editor):
    api = client_for(editor)
    api.post(url(claim, "propose"), {"rating": "true", "rationale": "Checked.", "version": 1}, format="json")
    refused = api.post(url(claim, "approve"), {"version": 2}, format="json")
    assert refused.status_code == 400
    assert "another editor" in refused.json()["detail"].lower()


def test_a_reporter_cannot_approve(claim, reporter, other_user):
    client_for(other_user).post(
        url(claim, "propose"), {"rating": "true", "rationale": "x", "version": 1}, format="json"
    )
    assert client_for(reporter).post(url(claim, "approve"), {"version": 2}, format="json").status_code == 403


def test_return_needs_a_reason_and_goes_back_to_review(claim, reporter, editor):
    client_for(reporter).post(
        url(claim, "propose"), {"rating": "false", "rationale": "No.", "version": 1}, format="json"
    )
    api = client_for(editor)
    assert api.post(url(claim, "return"), {"version": 2}, format="json").status_code == 400
    returned = api.post(
        url(claim, "return"), {"reason": "Cite the ministry figures.", "version": 2}, format="json"
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == "in_review"
    assert returned.json()["return_reason"] == "Cite the ministry figures."


def test_a_reporter_cannot_assign_a_colleague(claim, reporter, other_user):
    response = client_for(reporter).post(
        url(claim, "assign"), {"assignee": "colleague", "version": 1}, format="json"
    )
    assert response.status_code == 403


def test_a_user_without_a_role_can_read_but_not_change(claim, no_role_user):
    api = client_for(no_role_user)
    assert api.get(url(claim)).status_code == 200
    assert api.post(url(claim, "dismiss"), {"version": 1}, format="json").status_code == 403
    assert api.patch(url(claim), {"rationale": "x", "version": 1}, format="json").status_code == 403


def test_patch_edits_free_fields_with_locking(claim, reporter):
    api = client_for(reporter)
    ok = api.patch(url(claim), {"speaker": "Elon Musk", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["speaker"] == "Elon Musk"
    assert api.patch(url(claim), {"speaker": "X", "version": 1}, format="json").status_code == 409
    assert (
        api.patch(url(claim), {"status": "published", "version": 2}, format="json").json()["status"] == "new"
    )


@pytest.mark.parametrize(
    "payload",
    [{}, {"version": "two"}, {"version": 0}, {"assignee": "ghost", "version": 1}, [1, 2], "text"],
)
def test_malformed_payloads_get_400(claim, reporter, payload):
    response = client_for(reporter).post(url(claim, "assign"), payload, format="json")
    assert response.status_code == 400


def test_evidence_and_comments(claim, reporter, other_user, mailoutbox, django_capture_on_commit_callbacks):
    api = client_for(reporter)
    evidence = api.post(
        url(claim, "evidence"),
        {"url": "https://www.spacex.com/updates", "title": "SpaceX update", "stance": "supports"},
        format="json",
    )
    assert evidence.status_code == 201
    assert (
        api.post(
            url(claim, "evidence"), {"url": "javascript:alert(1)", "title": "x"}, format="json"
        ).status_code
        == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        comment = api.post(
            url(claim, "comments"), {"body": "@colleague can you check the Pentagon figure?"}, format="json"
        )
    assert comment.status_code == 201
    assert other_user.notifications.filter(kind="mentioned").exists()
    assert [m.to for m in mailoutbox] == [["colleague@newsroom.test"]]
    detail = api.get(url(claim)).json()
    assert detail["evidence"][0]["title"] == "SpaceX update"
    assert detail["comments"][0]["author"] == "reporter"


def test_detail_includes_the_history(claim, reporter):
    api = client_for(reporter)
    api.post(url(claim, "assign"), {"assignee": "reporter", "version": 1}, format="json")
    history = api.get(url(claim)).json()["history"]
    assert history[-1]["by"] == "reporter" and history[-1]["action"] == "assign"


def test_ratings_are_listed(reporter):
    ratings = client_for(reporter).get("/api/v1/ratings/").json()
    assert [r["slug"] for r in ratings][:2] == ["true", "mostly-true"]


def test_bulk_actions_report_each_claim(claim, reporter, other_user):
    article = claim.article
    mine = Claim.objects.create(article=article, text="Le milliardaire", start=0, end=15)
    api = client_for(reporter)
    response = api.post(
        "/api/v1/claims/bulk/", {"claims": [claim.pk, mine.pk, 999999], "action": "dismiss"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert sorted(body["done"]) == sorted([claim.pk, mine.pk])
    assert [r["id"] for r in body["refused"]] == [999999]
    refused = api.post(
        "/api/v1/claims/bulk/",
        {"claims": [mine.pk], "action": "assign", "assignee": "colleague"},
        format="json",
    )
    assert refused.json()["refused"][0]["id"] == mine.pk  # reporters cannot assign a colleague
    assert (
        api.post("/api/v1/claims/bulk/", {"claims": [], "action": "dismiss"}, format="json").status_code
        == 400
    )


def test_me_tells_the_user_their_role(reporter, no_role_user):
    assert client_for(reporter).get("/api/v1/me/").json()["role"] == "reporter"
    assert client_for(no_role_user).get("/api/v1/me/").json()["role"] is None
    assert APIClient().get("/api/v1/me/").status_code == 401


# --- the second-reviewer rule cannot be bypassed by editing the rationale (issue 17) ---------------


def test_an_editor_cannot_rewrite_a_pending_rationale_and_approve_it(claim, reporter, editor):
    proposed = client_for(reporter).post(
        url(claim, "propose"),
        {"rating": "true", "rationale": "SpaceX confirmed it.", "version": 1},
        format="json",
    )
    assert proposed.status_code == 200
    api = client_for(editor)
    rewritten = api.patch(url(claim), {"rationale": "My own unreviewed words.", "version": 2}, format="json")
    assert rewritten.status_code == 400, rewritten.content
    assert "frozen" in rewritten.json()["detail"]
    approved = api.post(url(claim, "approve"), {"version": 2}, format="json")
    assert approved.status_code == 200
    body = approved.json()
    assert (body["status"], body["rationale"], body["proposed_by"]) == (
        "published",
        "SpaceX confirmed it.",
        "reporter",
    )


def test_a_reporter_cannot_rewrite_a_colleagues_pending_rationale(claim, reporter, other_user):
    client_for(reporter).post(
        url(claim, "propose"), {"rating": "true", "rationale": "Checked.", "version": 1}, format="json"
    )
    for who in (other_user, reporter):
        rewritten = client_for(who).patch(
            url(claim), {"rationale": "Rewritten.", "version": 2}, format="json"
        )
        assert rewritten.status_code == 400, rewritten.content
    claim.refresh_from_db()
    assert (claim.rationale, claim.version) == ("Checked.", 2)


def test_a_returned_verdict_can_be_reworded_and_proposed_again(claim, reporter, editor):
    client_for(reporter).post(
        url(claim, "propose"), {"rating": "true", "rationale": "Checked.", "version": 1}, format="json"
    )
    client_for(editor).post(url(claim, "return"), {"reason": "Cite it.", "version": 2}, format="json")
    edited = client_for(reporter).patch(
        url(claim), {"rationale": "Checked: see the filing.", "version": 3}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["rationale"] == "Checked: see the filing."
