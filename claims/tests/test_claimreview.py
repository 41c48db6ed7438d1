"""ClaimReview JSON-LD: Google's required and recommended fields, per claim and for a selection."""

import json

import pytest
from django.test import override_settings

from claims.exports.claimreview import claim_review, json_ld_script
from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def published():
    article = make_article(
        "Le ministre a dit que le chômage a baissé de 12 %.",
        title="Discours",
        url="https://news.example/discours",
    )
    return make_claim(
        article,
        "le chômage a baissé de 12 %",
        status="published",
        verdict="mostly-false",
        rationale="Il a baissé de 3 %.",
        speaker="Le ministre",
    )


def assert_google_valid(review: dict) -> None:
    """Google's fact-check markup: required properties, then the recommended ones we can fill."""
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"]
    assert review["url"].startswith("http")
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    else:  # a rating off the scale: a name and no number at all
        assert not {"bestRating", "worstRating"} & set(rating)
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["datePublished"]


@override_settings(
    SITE_URL="https://factcheck.example",
    CLAIMREVIEW_AUTHOR_NAME="Le Desk",
    CLAIMREVIEW_AUTHOR_URL="https://desk.example",
)
def test_a_published_claim_has_every_required_and_recommended_field(published):
    review = claim_review(published)
    assert_google_valid(review)
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == "le chômage a baissé de 12 %"
    assert review["author"] == {"@type": "Organization", "name": "Le Desk", "url": "https://desk.example"}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Plutôt faux",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": "Il a baissé de 3 %.",
    }
    assert review["datePublished"] == "2026-03-05"
    assert review["inLanguage"] == "fr"
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Le ministre"}
    assert item["datePublished"] == "2026-03-02"
    assert item["appearance"] == [
        {
            "@type": "CreativeWork",
            "url": "https://news.example/discours",
            "headline": "Discours",
            "publisher": {"@type": "Organization", "name": "Le Quotidien"},
            "datePublished": "2026-03-02",
        }
    ]
    assert item["firstAppearance"] == item["appearance"][0]
    # The claim's public page, never the login-only article page.
    assert review["url"] == f"https://factcheck.example/p/{published.public_id}/"


@override_settings(SITE_URL="https://desk.internal", PUBLIC_BASE_URL="https://factcheck.example/")
def test_the_url_is_on_the_public_base_url(published):
    assert claim_review(published)["url"] == f"https://factcheck.example/p/{published.public_id}/"


def test_a_pasted_article_still_says_who_said_it_and_where(published):
    article = make_article("Texte collé : 3 % de hausse.", url="", title="Le chômage au plus bas")
    article.url = None
    article.published_at = None
    article.author = "Jeanne Martin"
    article.save()
    quote = make_claim(
        article,
        "3 % de hausse",
        status="published",
        verdict="true",
        rationale="Oui.",
        speaker="Élisabeth Borne",
    )
    item = claim_review(quote)["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Élisabeth Borne"}
    assert item["appearance"] == [
        {
            "@type": "CreativeWork",
            "headline": "Le chômage au plus bas",
            "author": {"@type": "Person", "name": "Jeanne Martin"},
            "publisher": {"@type": "Organization", "name": "Le Quotidien"},
        }
    ]
    assert "datePublished" not in item  # unknown, not invented
    # No speaker: the article's own claim, made by its author.
    own = make_claim(article, "Texte collé", status="published", verdict="true", rationale="Oui.")
    assert claim_review(own)["itemReviewed"]["author"] == {"@type": "Person", "name": "Jeanne Martin"}


def test_an_organisation_speaker_is_an_organization(published):
    claim = make_claim(
        published.article,
        "Le ministre a dit",
        status="published",
        verdict="true",
        rationale="x",
        speaker="l’Insee",
        entities=[{"text": "Insee", "label": "ORG", "start": 0, "end": 5}],
    )
    assert claim_review(claim)["itemReviewed"]["author"] == {"@type": "Organization", "name": "l’Insee"}


def test_the_corrected_speaker_is_the_one_published(published):
    published.speaker = "Bruno Le Maire"  # a desk's correction overwrites the claim's own field
    published.save()
    assert claim_review(published)["itemReviewed"]["author"]["name"] == "Bruno Le Maire"


def test_each_claim_uses_its_own_languages_rating_name(published):
    english = make_article("The minister said unemployment fell by 12%.", language="en")
    claim = make_claim(
        english, "unemployment fell by 12%", status="published", verdict="mostly-false", rationale="No."
    )
    assert claim_review(claim)["reviewRating"]["alternateName"] == "Mostly false"
    assert claim_review(published)["reviewRating"]["alternateName"] == "Plutôt faux"


def test_an_editors_name_for_a_language_is_used(published):
    rating = published.verdict
    rating.labels = {"fr": "Largement faux"}
    rating.save()
    assert claim_review(published)["reviewRating"]["alternateName"] == "Largement faux"


@pytest.mark.parametrize("slug, name", [("unverifiable", "Invérifiable"), ("misleading", "Trompeur")])
def test_a_rating_off_the_scale_is_published_without_a_number(published, slug, name):
    claim = make_claim(
        published.article, "Le ministre a dit", status="published", verdict=slug, rationale="x"
    )
    rating = claim_review(claim)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": name, "ratingExplanation": "x"}
    false = make_claim(published.article, "le chômage", status="published", verdict="false", rationale="y")
    assert claim_review(false)["reviewRating"]["ratingValue"] == 1


def test_an_unpublished_claim_has_no_claimreview(published):
    draft = make_claim(
        published.article, "Le ministre", status="verdict_proposed", verdict="true", rationale="x"
    )
    with pytest.raises(ValueError):
        claim_review(draft)


def test_the_selection_export_is_a_graph_of_published_claims_only(api, published):
    make_claim(
        published.article, "Le ministre a dit", status="verdict_proposed", verdict="true", rationale="x"
    )
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
