"""The interface in French: the browser's language picks it, the top-bar switch changes it.

Each main page is fetched with ``Accept-Language: fr`` and must show a few words
of the French catalogue (locale/fr), so a page left untranslated, or a catalogue
that is not compiled, fails here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from claims.models import DEFAULT_RATING_LABELS, Claim, Rating
from claims.services import claim_assign, claim_propose

pytestmark = pytest.mark.django_db
FR = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


@pytest.fixture
def article():
    return Article.objects.create(
        title="Starlink",
        text="Plus de 25 000 terminaux Starlink ont été livrés à l'Ukraine en 2022.",
        content_hash="f" * 64,
        status=Article.Status.EXTRACTED,
    )


@pytest.fixture
def claim(article, reporter):
    claim = Claim.objects.create(article=article, text="Plus de 25 000 terminaux Starlink", start=0, end=33)
    claim = claim_assign(claim=claim, to=reporter, by=reporter, version=None)
    return claim_propose(
        claim=claim,
        rating=Rating.objects.get(slug="mostly-true"),
        rationale="Les chiffres concordent.",
        by=reporter,
        version=None,
    )


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    # French typography puts a non-breaking space before ':' and inside « ».
    return response.content.decode().replace("\u00a0", " ").replace("\u202f", " ")


def test_the_login_page_follows_the_browser_language(client):
    page = text_of(client.get(reverse("login"), **FR))
    assert '<html lang="fr">' in page
    assert "Se connecter" in page
    assert "Mot de passe" in page


@pytest.mark.parametrize(
    ("url_name", "french"),
    [
        ("articles:list", ["Soumettre un article", "Affirmations"]),
        ("articles:submit", ["Coller le texte", "Extraire les affirmations", "Texte de l’article"]),
        ("claims:queue", ["Filtrer les affirmations", "Appliquer les filtres", "Plutôt vrai"]),
        ("claims:my_work", ["Mon travail", "Verdicts en attente de votre approbation"]),
        ("claims:dashboard", ["Tableau de bord", "Affirmations par statut", "Verdicts publiés par semaine"]),
        ("claims:ratings", ["Échelle des verdicts", "Plutôt faux", "Invérifiable"]),
        ("claims:my_exports", ["Mes exports"]),
        ("accounts:profile", ["Votre profil", "Jeton d’API"]),
    ],
)
def test_each_main_page_is_in_french_for_a_french_browser(client, editor, claim, url_name, french):
    client.force_login(editor)
    page = text_of(client.get(reverse(url_name), **FR))
    assert '<html lang="fr">' in page
    for words in french:
        assert words in page, words
    assert "Se déconnecter" in page


def test_the_article_page_and_review_panel_are_in_french(client, editor, claim):
    client.force_login(editor)
    page = text_of(client.get(reverse("article_detail", args=[claim.article_id]), **FR))
    assert "Panneau de vérification" in page
    assert "Verdict proposé" in page

    panel = text_of(client.get(reverse("claims:review_panel", args=[claim.pk]), HTTP_HX_REQUEST="true", **FR))
    for words in [
        "Approuver et publier",
        "Renvoyer à l’auteur",
        "Plutôt vrai",
        "Preuves",
        "Historique",
        "a proposé un verdict",
        "a attribué l’affirmation",
    ]:
        assert words in panel, words


def test_the_same_pages_stay_in_english_for_an_english_browser(client, editor, claim):
    client.force_login(editor)
    page = text_of(client.get(reverse("claims:queue"), **EN))
    assert '<html lang="en">' in page
    assert "Filter claims" in page
    assert "Mostly true" in page
    assert "Affirmations" not in page


def test_the_language_switch_overrides_the_browser(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": reverse("claims:dashboard")}, **EN
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:dashboard")
    page = text_of(client.get(reverse("claims:dashboard"), **EN))
    assert "Tableau de bord" in page

    client.post(reverse("set_language"), {"language": "en", "next": "/"}, **FR)
    page = text_of(client.get(reverse("claims:dashboard"), **FR))
    assert "Review desk" in page


def test_dates_follow_the_french_formats(client, editor, claim):
    client.force_login(editor)
    claim.published_at = None
    panel = text_of(client.get(reverse("claims:review_panel", args=[claim.pk]), HTTP_HX_REQUEST="true", **FR))
    stamp = claim.proposed_at or claim.created_at
    with translation.override("fr"):
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        french = date_format(localtime(stamp), "SHORT_DATETIME_FORMAT")
    assert french in panel  # e.g. 24/11/2026 03:40


def test_every_default_rating_label_has_a_french_translation():
    with translation.override("fr"):
        for label in DEFAULT_RATING_LABELS:
            assert translation.gettext(label) != label, label
        assert Rating.objects.get(slug="mostly-true").display_label == "Plutôt vrai"


def test_ingestion_errors_are_shown_in_french(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("articles:submit") + "?kind=url", {"kind": "url", "url": "ftp://example.org/x"}, **FR
    )
    page = response.content.decode().replace("\u00a0", " ")
    assert "http" in page
    assert "Only http and https URLs can be fetched." not in page
