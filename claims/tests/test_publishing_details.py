"""Evidence from a URL alone; the public page's "Where it was said"; rating names per language and
ratings off the scale on the rating page."""

import pytest
from django.urls import reverse
from django.utils import translation

from claims.models import Evidence, Rating
from claims.tests.factories import make_article, make_claim
from claims.tests.test_review_views import HTMX

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "https://www.insee.fr/fr/statistiques/taux-de-chomage-au-3e-trimestre-2024.html"


@pytest.fixture
def claim():
    return make_claim(make_article("Le chômage a baissé de 12 %."), "Le chômage a baissé de 12 %")


def test_evidence_from_a_url_alone_gets_a_title_from_it(client, reporter, claim):
    client.force_login(reporter)
    response = client.post(
        reverse("claims:review_evidence", args=[claim.pk]),
        {"evidence-url": URL, "evidence-title": "", "evidence-stance": "refutes"},
        **HTMX,
    )
    assert response.status_code == 200
    evidence = Evidence.objects.get()
    assert evidence.title == "insee.fr — Taux de chomage au 3e trimestre 2024"
    assert "insee.fr — Taux de chomage au 3e trimestre 2024" in response.content.decode()


def test_the_api_takes_evidence_without_a_title(api, claim):
    response = api.post(f"/api/v1/claims/{claim.pk}/evidence/", {"url": URL}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "insee.fr — Taux de chomage au 3e trimestre 2024"
    # A title given is kept.
    response = api.post(
        f"/api/v1/claims/{claim.pk}/evidence/", {"url": URL, "title": " Insee  T3 "}, format="json"
    )
    assert response.json()["title"] == "Insee T3"
    assert api.post(f"/api/v1/claims/{claim.pk}/evidence/", {"title": "x"}, format="json").status_code == 400


def public_page(client, claim) -> str:
    claim.is_public = True
    claim.save()
    return client.get(f"/p/{claim.public_id}/").content.decode()


def test_a_pasted_articles_public_page_says_where_it_was_said(client):
    article = make_article(
        "Texte collé. Le chômage a baissé de 12 %.",
        url="",
        title="Le chômage au plus bas",
        outlet="Le Quotidien",
    )
    article.url = None
    article.save()
    claim = make_claim(
        article, "Le chômage a baissé de 12 %", status="published", verdict="false", rationale="Non."
    )
    page = public_page(client, claim)
    section = page.split('<section class="context">')[1].split("</section>")[0]
    assert "Le chômage au plus bas" in section and "Le Quotidien" in section and "Published" in section


def test_with_nothing_to_show_the_section_is_hidden(client):
    article = make_article("12 345", url="", title="", outlet="")
    article.url = None
    article.published_at = None
    article.save()
    claim = make_claim(article, "12 345", status="published", verdict="false", rationale="Non.")
    page = public_page(client, claim)
    assert "Where it was said" not in page and 'class="context"' not in page


def test_an_off_scale_verdict_shows_no_number_on_the_public_page(client):
    claim = make_claim(
        make_article("Le ministre a dit X."),
        "Le ministre a dit X",
        status="published",
        verdict="unverifiable",
        rationale="Aucune source.",
    )
    page = public_page(client, claim)
    assert "Unverifiable" in page and "on a scale of" not in page
    false = make_claim(claim.article, "Le ministre", status="published", verdict="false", rationale="Non.")
    assert "1 on a scale of 5" in public_page(client, false)


def test_seeded_ratings_have_french_names_and_the_off_scale_ones_no_value():
    names = {r.slug: (r.name_in("fr"), r.name_in("en"), r.rating_value) for r in Rating.objects.all()}
    assert names["mostly-true"] == ("Plutôt vrai", "Mostly true", 4)
    assert names["unverifiable"] == ("Invérifiable", "Unverifiable", None)
    assert names["misleading"] == ("Trompeur", "Misleading", None)
    with translation.override("fr"):
        assert Rating.objects.get(slug="false").display_label == "Faux"


def test_an_editor_names_a_rating_in_french_and_takes_it_off_the_scale(client, editor):
    client.force_login(editor)
    rating = Rating.objects.create(slug="satire", label="Satire", rating_value=2, position=9)
    page = client.get(reverse("claims:rating_edit", args=[rating.pk])).content.decode()
    assert 'name="label_fr"' in page
    response = client.post(
        reverse("claims:rating_edit", args=[rating.pk]),
        {
            "label": "Satire",
            "label_fr": "  Parodie ",
            "slug": "satire",
            "rating_value": "",
            "worst_rating": "1",
            "best_rating": "5",
            "colour": "#3366cc",
            "position": "9",
        },
    )
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.labels == {"fr": "Parodie"} and rating.rating_value is None
    assert "off the scale" in client.get(reverse("claims:ratings")).content.decode()
