"""The review panel, its POSTs, the article page and My work, through the test client."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from articles.models import Article
from claims.models import Claim, Comment, Evidence, Notification, Rating
from claims.services import claim_assign, claim_comment, claim_propose, claim_return, evidence_add

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def article():
    return Article.objects.create(
        title="Budget",
        text="Le budget a augmenté de 12 % en 2025. La dette atteint 900 millions.",
        content_hash="v" * 64,
        status=Article.Status.EXTRACTED,
    )


@pytest.fixture
def claim(article):
    return Claim.objects.create(article=article, text="Le budget a augmenté de 12 %", start=0, end=28)


@pytest.fixture
def rating():
    return Rating.objects.get(slug="mostly-false")


def login(client, user):
    client.force_login(user)
    return client


def panel(client, claim, **extra):
    return client.get(reverse("claims:review_panel", args=[claim.pk]), **{**HTMX, **extra})


def post(client, name: str, claim, data: dict, htmx: bool = True):
    return client.post(reverse(f"claims:{name}", args=[claim.pk]), data, **(HTMX if htmx else {}))


def propose(claim, by, rating):
    claim = claim_assign(claim=claim, to=by, by=by, version=claim.version)
    return claim_propose(claim=claim, rating=rating, rationale="It rose 9 %.", by=by, version=claim.version)


# --- the panel for each role -------------------------------------------------------------------------


def test_the_panel_is_a_partial_for_htmx_and_a_page_without_it(client, rita, claim):
    login(client, rita)
    partial = panel(client, claim)
    assert partial.status_code == 200
    assert b"<html" not in partial.content and b"data-review-panel" in partial.content
    page = client.get(reverse("claims:review_panel", args=[claim.pk]))
    assert b"<html" in page.content and b"data-review-panel" in page.content


def test_a_user_without_a_role_gets_a_read_only_panel(client, nobody, claim):
    body = panel(login(client, nobody), claim).content.decode()
    assert claim.text in body
    assert "Ask an editor for the reporter role" in body
    assert "<form" not in body


def test_a_reporter_can_take_the_claim_but_not_give_it_away(client, rita, claim):
    body = panel(login(client, rita), claim).content.decode()
    assert 'data-action="assign-me"' in body
    assert f'name="assign-assignee" value="{rita.pk}"' in body
    assert "<select" in body  # the rating select of the verdict form
    assert 'id="id_assign-assignee"' not in body
    assert "Approve and publish" not in body


def test_an_editor_can_assign_anyone_with_a_role(client, eddie, rita, nobody, claim):
    body = panel(login(client, eddie), claim).content.decode()
    assert 'id="id_assign-assignee"' in body
    assert f'<option value="{rita.pk}">rita</option>' in body
    assert f'<option value="{nobody.pk}">nobody</option>' not in body


def test_an_editor_sees_approve_and_return_for_a_colleagues_verdict(client, eddie, rita, claim, rating):
    propose(claim, rita, rating)
    body = panel(login(client, eddie), claim).content.decode()
    assert "Approve and publish" in body and "Return to proposer" in body


def test_the_proposer_is_told_another_editor_must_approve(client, eddie, claim, rating):
    propose(claim, eddie, rating)
    body = panel(login(client, eddie), claim).content.decode()
    assert "Approve and publish" not in body
    assert "another editor has to approve or return it" in body


def test_the_verdict_shows_with_its_rating_colour(client, rita, claim, rating):
    propose(claim, rita, rating)
    body = panel(login(client, rita), claim).content.decode()
    assert rating.label in body and f'fill="{rating.colour}"' in body


def test_the_panel_of_an_unknown_claim_is_a_404(client, rita):
    assert login(client, rita).get(reverse("claims:review_panel", args=[999999]), **HTMX).status_code == 404


def test_the_panel_requires_login(client, claim):
    response = panel(client, claim)
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- each POST ---------------------------------------------------------------------------------------


def test_assign_to_me_saves_and_tells_the_page(client, rita, claim):
    response = post(
        login(client, rita),
        "review_assign",
        claim,
        {"assign-version": claim.version, "assign-assignee": rita.pk},
    )
    assert response.status_code == 200
    assert "Assignment saved." in response.content.decode()
    claim.refresh_from_db()
    assert claim.assignee == rita and claim.status == Status.IN_REVIEW
    event = json.loads(response["HX-Trigger"])["claimUpdated"]
    assert event == {
        "id": claim.pk,
        "status": "in_review",
        "statusLabel": "In review",
        "assignee": "rita",
        "verdict": "",
        "verdictColour": "",
        "version": claim.version,
    }


def test_an_editor_assigns_a_reporter(client, eddie, rob, claim):
    post(
        login(client, eddie),
        "review_assign",
        claim,
        {"assign-version": claim.version, "assign-assignee": rob.pk},
    )
    claim.refresh_from_db()
    assert claim.assignee == rob
    assert Notification.objects.filter(recipient=rob, kind=Notification.Kind.ASSIGNED).exists()


def test_a_reporter_cannot_assign_a_colleague(client, rita, rob, claim):
    response = post(
        login(client, rita),
        "review_assign",
        claim,
        {"assign-version": claim.version, "assign-assignee": rob.pk},
    )
    assert response.status_code == 403
    assert "Only editors can assign claims to someone else." in response.content.decode()
    claim.refresh_from_db()
    assert claim.assignee is None


def test_unassign(client, rita, claim):
    claim = claim_assign(claim=claim, to=rita, by=rita, version=claim.version)
    post(
        login(client, rita), "review_assign", claim, {"assign-version": claim.version, "assign-assignee": ""}
    )
    claim.refresh_from_db()
    assert claim.assignee is None


def test_propose_a_verdict(client, rita, claim, rating):
    response = post(
        login(client, rita),
        "review_propose",
        claim,
        {
            "propose-version": claim.version,
            "propose-rating": rating.pk,
            "propose-rationale": "It rose 9 %.",
        },
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.proposed_by) == (Status.VERDICT_PROPOSED, rating, rita)


def test_a_verdict_without_rationale_is_a_400_with_the_field_error(client, rita, claim, rating):
    response = post(
        login(client, rita),
        "review_propose",
        claim,
        {
            "propose-version": claim.version,
            "propose-rating": rating.pk,
            "propose-rationale": "",
        },
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.NEW


def test_a_workflow_error_is_a_400_with_its_message(client, rita, claim):
    claim.status = Status.PUBLISHED
    claim.save()
    response = post(login(client, rita), "review_dismiss", claim, {"version": claim.version})
    assert response.status_code == 400
    assert "cannot be dismissed" in response.content.decode()


def test_another_editor_approves(client, eddie, erin, claim, rating):
    claim = propose(claim, eddie, rating)
    response = post(login(client, erin), "review_approve", claim, {"version": claim.version})
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED and claim.reviewed_by == erin


def test_the_proposer_cannot_approve_her_own_verdict(client, eddie, claim, rating):
    claim = propose(claim, eddie, rating)
    response = post(login(client, eddie), "review_approve", claim, {"version": claim.version})
    assert response.status_code == 400
    assert "you proposed it" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.VERDICT_PROPOSED


def test_a_reporter_cannot_approve(client, rita, rob, claim, rating):
    claim = propose(claim, rita, rating)
    response = post(login(client, rob), "review_approve", claim, {"version": claim.version})
    assert response.status_code == 403


def test_return_with_a_reason_shows_it_prominently_to_the_proposer(client, rita, eddie, claim, rating):
    claim = propose(claim, rita, rating)
    response = post(
        login(client, eddie),
        "review_return",
        claim,
        {
            "return-version": claim.version,
            "return-reason": "Cite the budget document.",
        },
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW and claim.return_reason == "Cite the budget document."
    client.logout()
    body = panel(login(client, rita), claim).content.decode()
    assert "Your verdict was returned" in body and "Cite the budget document." in body
    assert "eddie asks you to revise it" in body


def test_dismiss_and_reopen(client, rita, claim):
    login(client, rita)
    post(client, "review_dismiss", claim, {"version": claim.version})
    claim.refresh_from_db()
    assert claim.status == Status.DISMISSED
    post(client, "review_reopen", claim, {"version": claim.version})
    claim.refresh_from_db()
    assert claim.status == Status.NEW


def test_add_evidence(client, rita, claim):
    response = post(
        login(client, rita),
        "review_evidence",
        claim,
        {
            "evidence-url": "https://example.org/budget.pdf",
            "evidence-title": "Budget 2025",
            "evidence-source_name": "Métropole",
            "evidence-stance": "refutes",
            "evidence-excerpt": "+9 %",
            "evidence-note": "",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        '<a href="https://example.org/budget.pdf" rel="noopener noreferrer nofollow" target="_blank">Budget 2025'
        in body
    )
    assert Evidence.objects.get().added_by == rita


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "not a url"])
def test_evidence_with_a_bad_url_is_refused(client, rita, claim, url):
    response = post(
        login(client, rita),
        "review_evidence",
        claim,
        {
            "evidence-url": url,
            "evidence-title": "T",
            "evidence-stance": "context",
        },
    )
    assert response.status_code == 400
    assert not Evidence.objects.exists()


def test_a_comment_with_a_mention_notifies(client, rita, rob, claim):
    response = post(login(client, rita), "review_comment", claim, {"comment-body": "@rob have a look"})
    assert response.status_code == 200
    assert "@rob have a look" in response.content.decode()
    assert Notification.objects.filter(recipient=rob, kind=Notification.Kind.MENTIONED).exists()


def test_without_htmx_a_post_redirects_to_the_claim_on_the_article_page(client, rita, claim):
    response = post(
        login(client, rita),
        "review_assign",
        claim,
        {"assign-version": claim.version, "assign-assignee": rita.pk},
        htmx=False,
    )
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{claim.article_id}/#claim-{claim.pk}"


def test_without_htmx_an_error_shows_the_panel_page(client, rita, rob, claim):
    response = post(
        login(client, rita),
        "review_assign",
        claim,
        {"assign-version": claim.version, "assign-assignee": rob.pk},
        htmx=False,
    )
    assert response.status_code == 403
    assert b"<html" in response.content and b"Back to the article" in response.content


def test_get_is_not_allowed_on_actions(client, rita, claim):
    response = login(client, rita).get(reverse("claims:review_dismiss", args=[claim.pk]))
    assert response.status_code == 405


# --- conflicts and refusals ----------------------------------------------------------------------------


def test_a_stale_version_is_a_409_listing_what_the_colleague_changed(client, rita, eddie, claim, rating):
    seen = claim.version
    claim_assign(claim=claim, to=eddie, by=eddie, version=seen)
    response = post(
        login(client, rita),
        "review_propose",
        claim,
        {
            "propose-version": seen,
            "propose-rating": rating.pk,
            "propose-rationale": "My careful rationale.",
        },
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Your change was not saved" in body
    assert "Someone else changed this claim" in body
    assert "eddie changed status: New → In review" in body
    # The panel shows the current claim, and keeps what the user typed with the new version.
    assert "My careful rationale." in body
    assert f'name="propose-version" value="{seen + 1}"' in body
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW and claim.verdict is None


def test_a_post_without_version_is_a_400(client, rita, claim):
    response = post(login(client, rita), "review_dismiss", claim, {})
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.status == Status.NEW


@pytest.mark.parametrize(
    "name,data",
    [
        ("review_assign", {"assign-version": 1, "assign-assignee": ""}),
        ("review_propose", {"propose-version": 1, "propose-rating": 1, "propose-rationale": "x"}),
        ("review_approve", {"version": 1}),
        ("review_return", {"return-version": 1, "return-reason": "x"}),
        ("review_dismiss", {"version": 1}),
        ("review_reopen", {"version": 1}),
        (
            "review_evidence",
            {"evidence-url": "https://example.org/", "evidence-title": "t", "evidence-stance": "context"},
        ),
        ("review_comment", {"comment-body": "hi"}),
    ],
)
def test_a_user_without_a_role_gets_a_403_on_every_post(client, nobody, claim, name, data):
    response = post(login(client, nobody), name, claim, data)
    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.version, claim.status) == (1, Status.NEW)
    assert not Evidence.objects.exists() and not Comment.objects.exists()


# --- escaping -------------------------------------------------------------------------------------------


def test_payloads_in_rationale_comment_and_evidence_are_escaped(client, rita, eddie, claim, rating):
    login(client, rita)
    post(
        client,
        "review_propose",
        claim,
        {"propose-version": 1, "propose-rating": rating.pk, "propose-rationale": XSS},
    )
    claim.refresh_from_db()
    claim_return(claim=claim, reason=XSS, by=eddie, version=claim.version)
    post(client, "review_comment", claim, {"comment-body": XSS})
    post(
        client,
        "review_evidence",
        claim,
        {
            "evidence-url": 'https://example.org/"><script>x</script>',
            "evidence-title": XSS,
            "evidence-source_name": XSS,
            "evidence-stance": "context",
            "evidence-excerpt": XSS,
            "evidence-note": XSS,
        },
    )
    assert Evidence.objects.count() == 1 and Comment.objects.count() == 1
    body = panel(client, claim).content.decode()
    assert "<script>" not in body and "<img" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


# --- timeline -------------------------------------------------------------------------------------------


def test_the_timeline_lists_who_did_what_newest_first(client, rita, eddie, claim, rating):
    claim = propose(claim, rita, rating)
    claim_return(claim=claim, reason="Sources?", by=eddie, version=claim.version)
    claim_comment(claim=claim, by=rita, body="On it.")
    body = panel(login(client, rita), claim).content.decode()
    timeline = body[body.index('class="timeline"') :]
    order = [
        timeline.index(s)
        for s in (
            "commented",
            "returned the verdict",
            "proposed a verdict",
            "assigned the claim",
            "found the claim",
        )
    ]
    assert order == sorted(order)
    assert "Status: Verdict proposed → In review" in timeline
    assert f"Verdict: — → {rating.label}" in timeline
    assert "<strong>eddie</strong> · returned the verdict" in timeline


# --- the article page ------------------------------------------------------------------------------------


def add_claims(article, count: int, user, rating):
    text = "x" * (count * 10 + 10)
    article.text = text
    article.save()
    claims = [
        Claim.objects.create(article=article, text="x" * 5, start=i * 10, end=i * 10 + 5)
        for i in range(count)
    ]
    for claim in claims[::2]:
        propose(claim, user, rating)
    return claims


@pytest.mark.parametrize("count", [3, 30])
def test_the_article_page_makes_a_constant_number_of_queries(
    client, rita, article, rating, count, django_assert_max_num_queries
):
    add_claims(article, count, rita, rating)
    login(client, rita)
    # session, user, her role and permissions (the "Add a claim" form, may she re-extract?), article,
    # the highlights' spans, the first page of cards, their quantities, and the top bar's unread-notification count.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("article_detail", args=[article.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="claim-card') == count


def test_the_article_page_shows_status_on_highlights_and_cards(client, rita, article, claim, rating):
    propose(claim, rita, rating)
    body = login(client, rita).get(reverse("article_detail", args=[article.pk])).content.decode()
    assert 'class="claim type-other status-verdict_proposed"' in body
    assert f'data-panel-url="/claims/{claim.pk}/panel/"' in body
    assert 'id="review-panel"' in body and 'id="shortcuts-help"' in body
    assert "js/review.js" in body and "<script>" not in body and " style=" not in body


# --- My work ------------------------------------------------------------------------------------------


def test_my_work_groups_my_claims(client, rita, eddie, article, rating):
    in_review, proposed, returned = (
        Claim.objects.create(article=article, text=f"c{i}", start=i * 5, end=i * 5 + 3) for i in range(3)
    )
    claim_assign(claim=in_review, to=rita, by=rita, version=1)
    propose(proposed, rita, rating)
    returned = propose(returned, rita, rating)
    claim_return(claim=returned, reason="Sources please", by=eddie, version=returned.version)
    body = login(client, rita).get(reverse("claims:my_work")).content.decode()
    returned_section = body[body.index('id="returned-title"') : body.index('id="in-review-title"')]
    in_review_section = body[body.index('id="in-review-title"') : body.index('id="proposed-title"')]
    proposed_section = body[body.index('id="proposed-title"') :]
    assert "c2" in returned_section and "Sources please" in returned_section
    assert "c0" in in_review_section and "c2" not in in_review_section
    assert "c1" in proposed_section
    assert "Verdicts awaiting your approval" not in body  # rita is a reporter
    assert "eddie returned your verdict" in body  # her notification


def test_an_editor_sees_verdicts_awaiting_approval_except_her_own(client, rita, eddie, article, rating):
    theirs = Claim.objects.create(article=article, text="theirs", start=0, end=5)
    mine = Claim.objects.create(article=article, text="mine", start=6, end=9)
    propose(theirs, rita, rating)
    propose(mine, eddie, rating)
    body = login(client, eddie).get(reverse("claims:my_work")).content.decode()
    awaiting = body[body.index('id="awaiting-title"') : body.index('id="notifications-title"')]
    assert "theirs" in awaiting and "mine" not in awaiting


@pytest.mark.parametrize("count", [2, 20])
def test_my_work_makes_a_constant_number_of_queries(
    client, rita, eddie, article, rating, count, django_assert_max_num_queries
):
    claims = add_claims(article, count, eddie, rating)  # even ones proposed by eddie
    for claim in claims[1::2]:
        claim_assign(claim=claim, to=eddie, by=eddie, version=claim.version)
        claim_comment(claim=claim, by=rita, body="@eddie look")
    login(client, eddie)
    with django_assert_max_num_queries(8):  # +1: the top bar's unread-notification count
        response = client.get(reverse("claims:my_work"))
    assert response.status_code == 200


def test_mark_all_read_only_touches_my_notifications(client, rita, rob, eddie, claim):
    claim_comment(claim=claim, by=eddie, body="@rita @rob look")
    response = login(client, rita).post(reverse("claims:notifications_read"))
    assert response.status_code == 302
    assert Notification.objects.get(recipient=rita).read_at is not None
    assert Notification.objects.get(recipient=rob).read_at is None


# --- in a real browser -----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_keyboard_opens_claims_assigns_and_focuses_the_verdict_form(
    live_server, client, rita, article, chromium
):
    """j opens the first claim's panel, a assigns it, v focuses the verdict form, ? opens the help.
    (The `chromium` fixture fails, never skips, when Debian's Chromium is missing.)"""
    first = Claim.objects.create(article=article, text="Le budget a augmenté de 12 %", start=0, end=28)
    Claim.objects.create(article=article, text="La dette atteint 900 millions", start=38, end=67)
    client.force_login(rita)
    session = client.cookies["sessionid"].value
    errors: list[str] = []
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    try:
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{live_server.url}/articles/{article.pk}/")
        page.keyboard.press("j")
        page.wait_for_selector(f'[data-review-panel][data-claim="{first.pk}"]')
        focused = page.evaluate("document.activeElement.dataset.claim")
        page.keyboard.press("a")
        page.wait_for_selector(".rp-notice")
        card_status = page.text_content(f'#claim-{first.pk} [data-field="status"]')
        mark_classes = page.get_attribute(f'mark[data-claim="{first.pk}"]', "class")
        page.keyboard.press("v")
        focused_field = page.evaluate("document.activeElement.id")
        page.keyboard.press("Escape")
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press("?")
        help_open = page.evaluate("document.getElementById('shortcuts-help').open")
    finally:
        context.close()
    assert errors == []
    assert focused == str(first.pk)
    assert card_status.strip() == "In review" and "status-in_review" in mark_classes
    assert focused_field == "id_propose-rating"
    assert help_open is True
    first.refresh_from_db()
    assert first.assignee == rita and first.status == Status.IN_REVIEW


@pytest.mark.parametrize("count", [1, 12])
def test_the_panel_makes_a_constant_number_of_queries(
    client, eddie, rita, claim, rating, count, django_assert_max_num_queries
):
    for i in range(count):
        evidence_add(claim=claim, by=rita, url=f"https://example.org/{i}", title=f"Source {i}")
        claim_comment(claim=claim, by=rita, body=f"@eddie note {i}")
        claim = claim_assign(claim=claim, to=rita if i % 2 else eddie, by=eddie, version=claim.version)
    login(client, eddie)
    # (+1 for the "Correct the claim" section's neighbours, +1 for its matches, whatever the article's size)
    with django_assert_max_num_queries(14):
        response = panel(client, claim)
    assert response.status_code == 200
    assert response.content.decode().count("commented") == count


def test_the_timeline_of_a_claim_older_than_its_history_starts_with_a_change(client, rita, claim):
    claim.history.all().delete()  # as for claims extracted before history was recorded
    claim_assign(claim=claim, to=rita, by=rita, version=claim.version)
    body = panel(login(client, rita), claim).content.decode()
    assert "<strong>rita</strong> · assigned the claim" in body
    assert "found the claim in the article" not in body
