"""Public claim pages: an editor's opt-in, /p/<uuid>/ without login, ClaimReview JSON-LD in <head>."""

import json
import re

import pytest

from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def claim():
    article = make_article("Le ministre a dit que le chômage a baissé de 12 %.", title="Discours")
    return make_claim(
        article,
        "le chômage a baissé de 12 %",
        status="published",
        verdict="false",
        rationale="Il a augmenté.",
        speaker="Le ministre",
        evidence=["https://insee.example/x"],
    )


def page_url(claim) -> str:
    return f"/p/{claim.public_id}/"


def publish(client, user, claim, **data):
    client.force_login(user)
    return client.post(f"/claims/{claim.pk}/public/", data)


def json_ld(html: str) -> dict:
    head = html.split("</head>")[0]
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.DOTALL)
    return json.loads(match.group(1))


def test_the_page_is_404_until_an_editor_opts_in(client, editor, claim):
    assert client.get(page_url(claim)).status_code == 404
    response = publish(client, editor, claim)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.is_public
    client.logout()
    page = client.get(page_url(claim))
    assert page.status_code == 200
    assert "le chômage a baissé de 12 %" in page.text and "Il a augmenté." in page.text
    assert 'class="verdict verdict-false"' in page.text and 'href="https://insee.example/x"' in page.text


def test_the_head_carries_a_parseable_claimreview(client, editor, claim):
    publish(client, editor, claim)
    data = json_ld(client.get(page_url(claim)).text)
    assert data["@type"] == "ClaimReview" and data["reviewRating"]["alternateName"] == "Faux"
    assert data["url"].endswith(page_url(claim))


def test_a_script_in_the_claim_text_stays_inside_the_json_ld(client, editor, claim):
    evil = "</script><script>alert(1)</script>"
    claim.text = evil
    claim.save()
    publish(client, editor, claim)
    html = client.get(page_url(claim)).text
    assert "<script>alert(1)" not in html
    assert len(re.findall(r"<script", html)) == 1
    assert json_ld(html)["claimReviewed"] == evil
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html  # the visible text is escaped too


def test_the_page_has_no_nav_no_inline_script_and_no_inline_style(client, editor, claim):
    publish(client, editor, claim)
    html = client.get(page_url(claim)).text
    assert "<nav" not in html and "style=" not in html and "<style" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/ld+json">']


def test_only_editors_may_opt_in(client, reporter, claim):
    assert publish(client, reporter, claim).status_code == 403
    claim.refresh_from_db()
    assert not claim.is_public


def test_an_unpublished_claim_cannot_have_a_public_page(client, editor, claim):
    claim.status = "verdict_proposed"
    claim.save()
    response = publish(client, editor, claim, public="true")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert not claim.is_public
    assert client.get(page_url(claim)).status_code == 404


def test_the_editor_can_withdraw_the_page(client, editor, claim):
    publish(client, editor, claim, public="true")
    publish(client, editor, claim, public="false")
    claim.refresh_from_db()
    assert not claim.is_public
    assert client.get(page_url(claim)).status_code == 404


def test_opting_in_is_recorded_with_who_did_it(client, editor, claim):
    publish(client, editor, claim)
    record = claim.history.order_by("-history_date").first()
    assert record.is_public and record.history_user == editor


def test_an_unknown_id_is_404(client):
    assert client.get("/p/00000000-0000-0000-0000-000000000000/").status_code == 404
