"""ClaimReview JSON-LD: Google's required and recommended fields, per claim and for a selection."""
import json

import pytest
from django.test import override_settings

from claims.exports.claimreview import claim_review, json_ld_script
from claims.exports.testing import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def published():
    article = make_article("Le ministre a dit que le chômage a baissé de 12 %.", title="Discours", url="https://news.example/discours")
    return make_claim(article, "le chômage a baissé de 12 %", status="published", verdict="mostly-false",
                      rationale="Il a baissé de 3 %.", speaker="Le ministre")


def assert_google_valid(review: dict) -> None:
    """Google's fact-check markup: required properties, then the recommended ones we can fill."""
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"]
    assert review["url"].startswith("http")
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert rating.get("ratingValue") is not None or rating.get("name")
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["datePublished"]


@override_settings(SITE_URL="https://factcheck.example", CLAIMREVIEW_AUTHOR_NAME="Le Desk",
                   CLAIMREVIEW_AUTHOR_URL="https://desk.example")
def test_a_published_claim_has_every_required_and_recommended_field(published):
    review = claim_review(published)
    assert_google_valid(review)
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == "le chômage a baissé de 12 %"
    assert review["author"] == {"@type": "Organization", "name": "Le Desk", "url": "https://desk.example"}
    assert review["reviewRating"] == {
        "@type": "Rating", "alternateName": "Mostly false", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
        "ratingExplanation": "Il a baissé de 3 %.",
    }
    assert review["datePublished"] == "2026-03-05"
    assert review["inLanguage"] == "fr"
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Le ministre"}
    assert item["datePublished"] == "2026-03-02"
    assert item["appearance"][0]["url"] == "https://news.example/discours"
    assert item["firstAppearance"]["@type"] == "CreativeWork"
    # Not public: the claim's place on the article page.
    assert review["url"] == f"https://factcheck.example/articles/{published.article_id}/#claim-{published.pk}"


@override_settings(SITE_URL="https://factcheck.example")
def test_a_public_claim_points_at_its_public_page(published):
    published.is_public = True
    published.save()
    assert claim_review(published)["url"] == f"https://factcheck.example/p/{published.public_id}/"


def test_unknown_speaker_and_url_are_left_out(published):
    article = make_article("Texte sans URL : 3 % de hausse.", url="")
    article.url = None
    article.published_at = None
    article.save()
    claim = make_claim(article, "3 % de hausse", status="published", verdict="true", rationale="Oui.")
    item = claim_review(claim)["itemReviewed"]
    assert item == {"@type": "Claim"}


def test_an_unpublished_claim_has_no_claimreview(published):
    draft = make_claim(published.article, "Le ministre", status="verdict_proposed", verdict="true", rationale="x")
    with pytest.raises(ValueError):
        claim_review(draft)


def test_the_selection_export_is_a_graph_of_published_claims_only(api, published):
    make_claim(published.article, "Le ministre a dit", status="verdict_proposed", verdict="true", rationale="x")
    response = api.get("/api/v1/claims/export/", {"format": "claimreview"})
    assert response["Content-Type"] == "application/ld+json"
    data = json.loads(b"".join(response.streaming_content))
    assert data["@context"] == "https://schema.org"
    assert [item["claimReviewed"] for item in data["@graph"]] == [published.text]
    assert_google_valid(data["@graph"][0])


def test_one_claims_claimreview_from_the_api(api, published):
    response = api.get(f"/api/v1/claims/{published.pk}/claimreview/")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    assert_google_valid(response.json())
    draft = make_claim(published.article, "Le ministre", status="new")
    assert api.get(f"/api/v1/claims/{draft.pk}/claimreview/").status_code == 404


def test_the_script_element_cannot_be_closed_from_inside(published):
    published.text = "</script><script>alert(1)</script> & <!--"
    html = json_ld_script(claim_review(published))
    assert html.count("</script>") == 1 and "<script>" not in html and "<!--" not in html
    payload = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(payload)["claimReviewed"] == published.text
