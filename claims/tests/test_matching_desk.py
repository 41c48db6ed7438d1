"""Matching in the desk: a published verdict proposed for confirmed matches, "Check a claim", and
the fact-check import page."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim, ClaimLink, Evidence, FactCheck
from claims.services import WorkflowError, claim_approve
from claims.services.match_verdicts import verdict_apply_to_matches
from claims.services.matching import embed_fact_checks, link_article
from claims.tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db

FR = "Environ 25 000 terminaux Starlink ont été donnés à l'Ukraine depuis le début de la guerre, selon Elon Musk."
EN = (
    "About 25,000 Starlink terminals have been donated to Ukraine since the start of the war, Elon Musk said."
)
IMPORT = reverse("claims:factcheck_import")


def confirmed(a: Claim, b: Claim) -> None:
    ClaimLink.objects.create(claim=a, other=b, score=0.97, status="confirmed")
    ClaimLink.objects.create(claim=b, other=a, score=0.97, status="confirmed")


@pytest.fixture
def published():
    return make_claim(
        make_article(FR, language="fr", title="Starlink FR"),
        FR,
        status="published",
        verdict="mostly-true",
        rationale="Musk's own figure, confirmed by Kyiv.",
    )


# --- a published verdict, proposed for the confirmed matches -------------------------------------


def test_a_published_verdict_becomes_a_proposal_on_each_confirmed_match_under_review(
    published, reporter, editor
):
    open_match = make_claim(make_article(EN, language="en", title="Starlink EN"), EN)
    done_match = make_claim(make_article(EN + " ", language="en"), EN, status="published", verdict="false")
    merely_suggested = make_claim(make_article(EN + "  ", language="en"), EN)
    confirmed(published, open_match)
    confirmed(published, done_match)
    ClaimLink.objects.create(claim=published, other=merely_suggested, score=0.9, status="suggested")

    result = verdict_apply_to_matches(claim=published, by=reporter)

    assert result.done == [open_match.pk] and [pk for pk, _ in result.refused] == [done_match.pk]
    open_match.refresh_from_db()
    assert (open_match.status, open_match.verdict.slug, open_match.proposed_by) == (
        "verdict_proposed",
        "mostly-true",
        reporter,
    )
    assert (
        "Same claim as «Environ 25 000 terminaux" in open_match.rationale and "Kyiv" in open_match.rationale
    )
    assert Evidence.objects.get(claim=open_match).url.endswith(
        f"/articles/{published.article_id}/#claim-{published.pk}"
    )
    merely_suggested.refresh_from_db()
    done_match.refresh_from_db()
    assert merely_suggested.status == "new" and done_match.verdict.slug == "false"
    # The usual approval follows: an editor other than the proposer publishes it.
    assert claim_approve(claim=open_match.pk, by=editor, version=None).status == "published"


def test_only_a_published_verdict_can_be_applied_and_only_by_reviewers(published, no_role_user, reporter):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        verdict_apply_to_matches(claim=published, by=no_role_user)
    draft = make_claim(make_article("Draft. Text."), "Draft", status="in_review")
    with pytest.raises(WorkflowError):
        verdict_apply_to_matches(claim=draft, by=reporter)


def test_the_review_panel_offers_the_step_and_reports_what_it_did(published, web):
    match = make_claim(make_article(EN, language="en", title="Starlink EN"), EN)
    confirmed(published, match)
    panel = web.get(f"/claims/{published.pk}/panel/", HTTP_HX_REQUEST="true").content.decode()
    assert "Propose “Mostly true” for the confirmed match" in panel
    response = web.post(reverse("claims:match_apply_verdict", args=[published.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "The verdict is proposed for 1 matching claim" in response.content.decode()
    assert Claim.objects.get(pk=match.pk).status == "verdict_proposed"
    draft = make_claim(make_article("Draft. Text."), "Draft")
    assert (
        web.post(reverse("claims:match_apply_verdict", args=[draft.pk]), HTTP_HX_REQUEST="true").status_code
        == 400
    )
    assert web.get(reverse("claims:match_apply_verdict", args=[published.pk])).status_code == 405


# --- Check a claim ---------------------------------------------------------------------------------


def test_check_a_claim_finds_claims_and_fact_checks_in_the_other_language(published, web):
    english = make_claim(make_article(EN, language="en", title="Starlink EN"), EN)
    link_article(published.article_id)
    link_article(english.article_id)
    FactCheck.objects.create(
        claim_text="SpaceX gave 25,000 Starlink terminals to Ukraine.",
        rating="Misleading",
        publisher="Check Desk",
        url="https://check.example/starlink",
        source="csv",
        language="en",
    )
    embed_fact_checks(list(FactCheck.objects.all()))
    page = web.get(reverse("claims:check"), {"q": "Elon Musk a offert 25 000 terminaux Starlink à l'Ukraine"})
    html = page.content.decode()
    assert page.status_code == 200
    assert f"#claim-{published.pk}" in html and f"#claim-{english.pk}" in html
    assert "Check Desk" in html and "Misleading" in html and "https://check.example/starlink" in html
    assert 'id="topbar-check"' in html


def test_check_a_claim_shows_the_score_its_label_is_made_from_and_nothing_far(published, web):
    """The page showed the re-ranker's probability as "similarity 0.93" next to "weakly similar"
    (decided on the link score), and listed fact-checks at "similarity 0.00"."""
    from claims.services.matching import search

    link_article(published.article_id)
    FactCheck.objects.create(
        claim_text="Le budget de la ville a doublé en 2019.", source="csv", rating="Faux"
    )
    embed_fact_checks(list(FactCheck.objects.all()))
    page = web.get(reverse("claims:check"), {"q": FR})
    [found] = page.context["results"]  # the far fact-check is not listed
    assert found.claim == published and found.strength == "autolink"
    html = page.content.decode()
    assert f"match score {found.score:.2f}" in html and "the same claim" in html
    assert "similarity" not in html and "weakly similar" not in html
    far = web.get(
        reverse("claims:check"), {"q": "Le Conseil constitutionnel a validé la réforme des retraites."}
    )
    assert (
        far.context["results"]
        == []
        == search("Le Conseil constitutionnel a validé la réforme des retraites.")
    )
    assert "Nothing close enough" in far.content.decode()
    # …and offers the queue's word search for the same text instead.
    assert reverse("claims:queue") + "?q=Le%20Conseil%20constitutionnel" in far.content.decode()


def test_check_a_claim_answers_odd_input_with_a_page_not_an_error(web):
    from django.test import Client

    assert "Check a claim" in web.get(reverse("claims:check")).content.decode()
    assert web.get(reverse("claims:check"), {"q": "   "}).status_code == 200
    too_long = web.get(reverse("claims:check"), {"q": "x" * 5001})
    assert too_long.status_code == 400 and "at most 5000 characters" in too_long.content.decode()
    assert Client().get(reverse("claims:check"), {"q": "x"}).status_code == 302  # login first


# --- the fact-check import page ------------------------------------------------------------------

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "claimReviewed": "Le chômage est tombé à 3,9 %.",
    "url": "https://factuel.example/chomage",
    "author": {"@type": "Organization", "name": "Factuel"},
    "datePublished": "2026-11-05",
    "inLanguage": "fr",
    "reviewRating": {"@type": "Rating", "alternateName": "Vrai"},
}


def upload(name: str, data: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode() if isinstance(data, str) else data)


def test_editors_import_claimreview_json_ld_and_csv_and_importing_twice_adds_nothing(client, editor):
    client.force_login(editor)
    response = client.post(IMPORT, {"file": upload("reviews.jsonld", json.dumps(REVIEW))}, follow=True)
    assert "1 new fact-checks imported, 0 already there" in response.content.decode()
    check = FactCheck.objects.get()
    assert (check.rating, check.publisher, check.imported_by, check.source_ref) == (
        "Vrai",
        "Factuel",
        editor,
        "reviews.jsonld",
    )
    assert "Le chômage est tombé à 3,9 %." in response.content.decode()  # listed among the latest
    client.post(IMPORT, {"file": upload("reviews.jsonld", json.dumps(REVIEW))})
    assert FactCheck.objects.count() == 1
    csv = "claim,rating,url,publisher,date,language\nUnemployment fell to 3.9%,True,https://c.example/1,Check,2026-11-02,en\n"
    assert client.post(IMPORT, {"file": upload("checks.csv", csv)}).status_code == 302
    assert FactCheck.objects.get(source="csv").published_on.isoformat() == "2026-11-02"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"file": ("x.csv", "a,b\n1,2\n")}, "The CSV needs a header"),
        ({"file": ("x.json", '{"@type": "NewsArticle"}')}, "No ClaimReview"),
        ({"file": ("x.json", "{not json")}, "This is not JSON-LD"),
        ({"file": ("x.json", "[" * 5000)}, "nested too deeply"),
        ({"file": ("x.csv", b"\xff\xfe\x00bad")}, "not UTF-8"),
        ({"file": ("x.json", "")}, "The submitted file is empty"),
        ({"url": "ftp://factuel.example/x"}, "Give an http(s) URL"),
        ({"url": "http://127.0.0.1:9/review.html"}, "private"),
        ({}, "Give either a file or a URL"),
        ({"url": "https://factuel.example/x", "file": ("x.json", "{}")}, "Give either a file or a URL"),
    ],
)
def test_bad_input_is_a_clear_400_and_imports_nothing(client, editor, data, message, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(editor)
    if "file" in data:
        data = {**data, "file": upload(*data["file"])}
    response = client.post(IMPORT, data)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not FactCheck.objects.exists()


def test_only_editors_open_the_import_page(client, reporter, editor):
    assert client.get(IMPORT).status_code == 302
    client.force_login(reporter)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"file": upload("r.json", json.dumps(REVIEW))}).status_code == 403
    client.force_login(editor)
    assert client.get(IMPORT).status_code == 200


def test_the_api_applies_a_published_verdict_to_confirmed_matches(published, api, reporter):
    match = make_claim(make_article(EN, language="en"), EN)
    confirmed(published, match)
    response = api.post(f"/api/v1/claims/{published.pk}/matches/apply-verdict/")
    assert response.status_code == 200 and response.json() == {"proposed": [match.pk], "refused": []}
    again = api.post(f"/api/v1/claims/{published.pk}/matches/apply-verdict/").json()
    assert again["proposed"] == [] and again["refused"][0]["id"] == match.pk
    assert api.post(f"/api/v1/claims/{match.pk}/matches/apply-verdict/").status_code == 400  # not published
    assert api.post("/api/v1/claims/999999/matches/apply-verdict/").status_code == 404
