"""The review workflow services: transitions, roles, two-person approval, locking, notifications, history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article
from claims.models import Claim, Evidence, Notification, Rating
from claims.services import (
    StaleClaimError,
    WorkflowError,
    claim_approve,
    claim_assign,
    claim_comment,
    claim_dismiss,
    claim_propose,
    claim_reopen,
    claim_return,
    evidence_add,
)

pytestmark = pytest.mark.django_db
Status = Claim.Status


@pytest.fixture
def claim():
    article = Article.objects.create(text="Le budget a augmenté de 12 % en 2025.", content_hash="s" * 64)
    return Claim.objects.create(article=article, text="Le budget a augmenté de 12 %", start=0, end=28)


@pytest.fixture
def rating():
    return Rating.objects.get(slug="mostly-false")


def in_state(claim: Claim, status: str, *, by, rating: Rating) -> Claim:
    """Move a fresh claim to `status` through the services."""
    if status == Status.NEW:
        return claim
    if status == Status.DISMISSED:
        return claim_dismiss(claim=claim, by=by, version=claim.version)
    claim = claim_assign(claim=claim, to=by, by=by, version=claim.version)
    if status == Status.IN_REVIEW:
        return claim
    claim = claim_propose(claim=claim, rating=rating, rationale="Because.", by=by, version=claim.version)
    if status == Status.VERDICT_PROPOSED:
        return claim
    editor = type(by).objects.filter(groups__name="editor").exclude(pk=by.pk).first()
    return claim_approve(claim=claim, by=editor, version=claim.version)


# --- every transition, legal and illegal -----------------------------------------------------------

ACTIONS = {
    "assign": lambda c, user, rating: claim_assign(claim=c, to=user, by=user, version=c.version),
    "propose": lambda c, user, rating: claim_propose(
        claim=c, rating=rating, rationale="Why.", by=user, version=c.version
    ),
    "dismiss": lambda c, user, rating: claim_dismiss(claim=c, by=user, version=c.version),
    "reopen": lambda c, user, rating: claim_reopen(claim=c, by=user, version=c.version),
}
LEGAL = {
    ("assign", Status.NEW): Status.IN_REVIEW,
    ("assign", Status.IN_REVIEW): Status.IN_REVIEW,
    ("assign", Status.VERDICT_PROPOSED): Status.VERDICT_PROPOSED,
    ("propose", Status.NEW): Status.VERDICT_PROPOSED,
    ("propose", Status.IN_REVIEW): Status.VERDICT_PROPOSED,
    ("dismiss", Status.NEW): Status.DISMISSED,
    ("dismiss", Status.IN_REVIEW): Status.DISMISSED,
    ("reopen", Status.DISMISSED): Status.NEW,
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("status", Status.values)
def test_each_transition_is_allowed_only_from_its_statuses(action, status, claim, eddie, erin, rating):
    claim = in_state(claim, status, by=eddie, rating=rating)
    expected = LEGAL.get((action, status))
    if expected is None:
        with pytest.raises(WorkflowError):
            ACTIONS[action](claim, erin, rating)
        claim.refresh_from_db()
        assert claim.status == status
    else:
        ACTIONS[action](claim, erin, rating)
        claim.refresh_from_db()
        assert claim.status == expected


@pytest.mark.parametrize("status", Status.values)
def test_approve_and_return_only_apply_to_a_proposed_verdict(status, claim, rita, eddie, erin, rating):
    claim = in_state(claim, status, by=rita, rating=rating)
    if status == Status.VERDICT_PROPOSED:
        claim_approve(claim=claim, by=eddie, version=claim.version)
        claim.refresh_from_db()
        assert claim.status == Status.PUBLISHED
    else:
        with pytest.raises(WorkflowError):
            claim_approve(claim=claim, by=eddie, version=claim.version)
        with pytest.raises(WorkflowError):
            claim_return(claim=claim, reason="No.", by=eddie, version=claim.version)


def test_reopening_an_assigned_claim_puts_it_back_in_review(claim, rita, rating):
    claim = claim_assign(claim=claim, to=rita, by=rita, version=claim.version)
    claim = claim_dismiss(claim=claim, by=rita, version=claim.version)
    claim = claim_reopen(claim=claim, by=rita, version=claim.version)
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


# --- roles -------------------------------------------------------------------------------------------


def test_a_reporter_can_take_a_claim_herself(claim, rita):
    claim_assign(claim=claim, to=rita, by=rita, version=claim.version)
    claim.refresh_from_db()
    assert claim.assignee == rita
    assert claim.status == Status.IN_REVIEW


def test_a_reporter_cannot_assign_a_colleague(claim, rita, rob):
    with pytest.raises(PermissionDenied):
        claim_assign(claim=claim, to=rob, by=rita, version=claim.version)
    claim.refresh_from_db()
    assert claim.assignee is None


def test_a_reporter_cannot_take_a_claim_away_from_a_colleague(claim, rita, rob, eddie):
    claim = claim_assign(claim=claim, to=rob, by=eddie, version=claim.version)
    with pytest.raises(PermissionDenied):
        claim_assign(claim=claim, to=None, by=rita, version=claim.version)


def test_an_editor_can_assign_anyone_with_a_role(claim, eddie, rob):
    claim_assign(claim=claim, to=rob, by=eddie, version=claim.version)
    claim.refresh_from_db()
    assert claim.assignee == rob


def test_nobody_can_be_given_a_claim_without_a_role(claim, eddie, nobody):
    with pytest.raises(PermissionDenied):
        claim_assign(claim=claim, to=nobody, by=eddie, version=claim.version)


@pytest.mark.parametrize("action", ["assign", "propose", "dismiss"])
def test_a_user_without_a_role_cannot_change_anything(action, claim, nobody, rating):
    with pytest.raises(PermissionDenied):
        ACTIONS[action](claim, nobody, rating)
    with pytest.raises(PermissionDenied):
        evidence_add(claim=claim, by=nobody, url="https://example.org/", title="Source")
    with pytest.raises(PermissionDenied):
        claim_comment(claim=claim, by=nobody, body="Hello")


def test_a_reporter_cannot_approve(claim, rita, rob, rating):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, by=rob, version=claim.version)


# --- verdicts: proposal, second pair of eyes, return ------------------------------------------------


def test_a_verdict_needs_a_rating_and_a_rationale(claim, rita, rating):
    with pytest.raises(WorkflowError):
        claim_propose(claim=claim, rating=None, rationale="Why.", by=rita, version=claim.version)
    with pytest.raises(WorkflowError):
        claim_propose(claim=claim, rating=rating, rationale="   ", by=rita, version=claim.version)
    claim.refresh_from_db()
    assert claim.status == Status.NEW and claim.verdict is None


def test_proposing_records_the_verdict_and_who_proposed_it(claim, rita, rating):
    claim_propose(claim=claim, rating=rating, rationale="It rose 9 %.", by=rita, version=claim.version)
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.rationale, claim.proposed_by) == (
        Status.VERDICT_PROPOSED,
        rating,
        "It rose 9 %.",
        rita,
    )
    assert claim.assignee == rita  # an unassigned claim goes to its proposer


def test_an_editor_cannot_approve_her_own_verdict(claim, eddie, rating):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=eddie, rating=rating)
    with pytest.raises(WorkflowError, match="Another editor"):
        claim_approve(claim=claim, by=eddie, version=claim.version)
    with pytest.raises(WorkflowError):
        claim_return(claim=claim, reason="Hmm.", by=eddie, version=claim.version)
    claim.refresh_from_db()
    assert claim.status == Status.VERDICT_PROPOSED


def test_another_editor_approves_and_publishes(claim, eddie, erin, rating):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=eddie, rating=rating)
    claim_approve(claim=claim, by=erin, version=claim.version)
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    assert claim.reviewed_by == erin and claim.published_at is not None


def test_a_return_needs_a_reason(claim, rita, eddie, rating):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    with pytest.raises(WorkflowError):
        claim_return(claim=claim, reason=" ", by=eddie, version=claim.version)


def test_a_returned_verdict_goes_back_in_review_with_the_reason_for_the_proposer(claim, rita, eddie, rating):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    claim_return(claim=claim, reason="Cite the budget document.", by=eddie, version=claim.version)
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW
    assert claim.return_reason == "Cite the budget document."
    assert claim.proposed_by == rita
    note = Notification.objects.get(recipient=rita, kind=Notification.Kind.RETURNED)
    assert "Cite the budget document." in note.message


def test_proposing_again_clears_the_return_reason(claim, rita, eddie, rating):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    claim = claim_return(claim=claim, reason="Cite it.", by=eddie, version=claim.version)
    claim_propose(claim=claim, rating=rating, rationale="Cited.", by=rita, version=claim.version)
    claim.refresh_from_db()
    assert claim.return_reason == ""


# --- optimistic locking -------------------------------------------------------------------------------


def test_a_stale_version_is_refused_with_the_changes_listed(claim, rita, eddie, rating):
    seen = claim.version
    claim_assign(claim=claim, to=eddie, by=eddie, version=seen)
    with pytest.raises(StaleClaimError) as caught:
        claim_propose(claim=claim, rating=rating, rationale="Mine.", by=rita, version=seen)
    error = caught.value
    assert error.expected_version == seen and error.claim.version == seen + 1
    lines = [str(change) for change in error.changes]
    assert any("eddie" in line and "In review" in line for line in lines)
    assert any("eddie" in line for line in lines if "assignee" in line.lower())
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW and claim.verdict is None


def test_every_change_bumps_the_version(claim, rita, rating):
    first = claim.version
    claim = claim_assign(claim=claim, to=rita, by=rita, version=first)
    claim = claim_propose(claim=claim, rating=rating, rationale="Why.", by=rita, version=claim.version)
    claim.refresh_from_db()
    assert claim.version == first + 2


# --- notifications and email --------------------------------------------------------------------------


def test_assigning_a_colleague_notifies_and_emails_them(
    claim, eddie, rob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_assign(claim=claim, to=rob, by=eddie, version=claim.version)
    note = Notification.objects.get(recipient=rob)
    assert (note.kind, note.actor, note.claim) == (Notification.Kind.ASSIGNED, eddie, claim)
    assert [m.to for m in mailoutbox] == [["rob@newsroom.test"]]
    assert f"#claim-{claim.pk}" in mailoutbox[0].body


def test_taking_a_claim_yourself_notifies_nobody(claim, rita, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim_assign(claim=claim, to=rita, by=rita, version=claim.version)
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_returning_a_verdict_notifies_and_emails_the_proposer(
    claim, rita, eddie, rating, mailoutbox, django_capture_on_commit_callbacks
):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    with django_capture_on_commit_callbacks(execute=True):
        claim_return(claim=claim, reason="Check the source.", by=eddie, version=claim.version)
    assert Notification.objects.filter(recipient=rita, kind=Notification.Kind.RETURNED).count() == 1
    assert [m.to for m in mailoutbox] == [["rita@newsroom.test"]]
    assert "Check the source." in mailoutbox[0].subject


def test_publishing_notifies_and_emails_the_proposer(
    claim, rita, eddie, rating, mailoutbox, django_capture_on_commit_callbacks
):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(claim=claim, by=eddie, version=claim.version)
    assert (
        Notification.objects.filter(recipient=rita, kind=Notification.Kind.PUBLISHED, actor=eddie).count()
        == 1
    )
    assert [m.to for m in mailoutbox] == [["rita@newsroom.test"]]


def test_a_mention_notifies_and_emails_the_colleague(
    claim, rita, rob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = claim_comment(claim=claim, by=rita, body="@rob can you check the 2024 figure? cc @ghost")
    assert list(comment.mentions.all()) == [rob]
    note = Notification.objects.get(recipient=rob)
    assert note.kind == Notification.Kind.MENTIONED and note.actor == rita
    assert [m.to for m in mailoutbox] == [["rob@newsroom.test"]]


def test_an_empty_comment_is_refused(claim, rita):
    with pytest.raises(WorkflowError):
        claim_comment(claim=claim, by=rita, body="   ")


# --- evidence -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/file", "not a url", ""])
def test_evidence_needs_an_http_url(url, claim, rita):
    with pytest.raises(WorkflowError):
        evidence_add(claim=claim, by=rita, url=url, title="Budget")
    assert not Evidence.objects.exists()


def test_evidence_is_stored_with_who_added_it(claim, rita):
    evidence_add(
        claim=claim,
        by=rita,
        url="https://example.org/budget.pdf",
        title=" Budget 2025 ",
        source_name="Métropole",
        stance=Evidence.Stance.REFUTES,
        excerpt="+9 %",
        note="Page 4",
    )
    stored = Evidence.objects.get()
    assert (stored.url, stored.title, stored.stance, stored.added_by) == (
        "https://example.org/budget.pdf",
        "Budget 2025",
        "refutes",
        rita,
    )
    assert stored.history.get().history_user == rita


def test_evidence_with_an_unknown_stance_is_refused(claim, rita):
    with pytest.raises(WorkflowError):
        evidence_add(claim=claim, by=rita, url="https://example.org/", title="T", stance="maybe")


# --- history ----------------------------------------------------------------------------------------------


def test_history_records_who_changed_what(claim, rita, eddie, rating):
    claim = claim_assign(claim=claim, to=rita, by=rita, version=claim.version)
    claim = claim_propose(claim=claim, rating=rating, rationale="Because.", by=rita, version=claim.version)
    claim_return(claim=claim, reason="Sources?", by=eddie, version=claim.version)
    records = list(claim.history.order_by("history_date", "history_id"))
    assert [(r.history_user, r.history_change_reason, r.status) for r in records[1:]] == [
        (rita, "assign", Status.IN_REVIEW),
        (rita, "propose", Status.VERDICT_PROPOSED),
        (eddie, "return", Status.IN_REVIEW),
    ]
    assert records[-1].return_reason == "Sources?"
    assert records[2].verdict_id == rating.pk


# --- mail that must not be dropped (issue 17) ---------------------------------------------------------


def test_a_return_reason_with_line_breaks_is_still_emailed(
    claim, rita, eddie, rating, mailoutbox, django_capture_on_commit_callbacks
):
    claim = in_state(claim, Status.VERDICT_PROPOSED, by=rita, rating=rating)
    with django_capture_on_commit_callbacks(execute=True):
        claim_return(
            claim=claim,
            reason="Check the source.\r\nAnd the date.\n\tThanks",
            by=eddie,
            version=claim.version,
        )
    assert [m.to for m in mailoutbox] == [["rita@newsroom.test"]]
    subject = mailoutbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert "Check the source. And the date. Thanks" in subject
    assert "Check the source.\r\nAnd the date." in mailoutbox[0].body


def test_a_mention_in_a_multi_line_comment_is_still_emailed(
    claim, rita, rob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_comment(claim=claim, by=rita, body="@rob two things:\n1. the figure\n2. the date")
    assert [m.to for m in mailoutbox] == [["rob@newsroom.test"]]
    assert (
        mailoutbox[0].subject == "[Claimtrack] rita mentioned you: @rob two things: 1. the figure 2. the date"
    )


def test_a_mail_that_cannot_be_sent_is_logged_and_the_action_stands(
    claim, rita, rob, settings, caplog, django_capture_on_commit_callbacks
):
    # A real SMTP connection to a port where nothing listens: refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    with caplog.at_level("ERROR", logger="claims.services.review"):
        with django_capture_on_commit_callbacks(execute=True):
            claim_comment(claim=claim, by=rita, body="@rob look")
    assert Notification.objects.filter(recipient=rob).count() == 1
    failures = [r for r in caplog.records if r.name == "claims.services.review" and r.levelname == "ERROR"]
    assert len(failures) == 1 and "rob@newsroom.test" in failures[0].getMessage() and failures[0].exc_info
