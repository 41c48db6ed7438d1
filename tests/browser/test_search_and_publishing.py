"""Search, article details and the public page, in a real browser, in English and in French.

A reporter finds claims by typing without accents or with a straight apostrophe, corrects a
pasted article's details on its page, and a reader without a login sees where a published
claim was said, with the ClaimReview pointing at that public page.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article
from claims.tests.factories import make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UI = {
    "en": {
        "log_in": "Log in",
        "edit": "Edit details",
        "save": "Save",
        "where": "Where it was said",
        "saved": "Article details saved.",
        "verdict": "Mostly true",
    },
    "fr": {
        "log_in": "Se connecter",
        "edit": "Modifier les informations",
        "save": "Enregistrer",
        "where": "Où cela a été dit",
        "saved": "Informations de l’article enregistrées.",
        "verdict": "Plutôt vrai",
    },
}
TEXT = (
    "date 2022-10 Débat à New York sur l’énergie\n\n"
    "Selon l’ONU, la part du nucléaire a atteint 70 % en 2022. "
    "Le budget des transports augmente de 12 %. Le CHÔMAGE est au plus bas."
)


@pytest.fixture(params=["en", "fr"])
def language(request) -> str:
    return request.param


@pytest.fixture
def article() -> Article:
    from articles.services import article_submit

    article = article_submit(text=TEXT).article  # pasted: no URL, outlet or date
    for sentence in (
        "Selon l’ONU, la part du nucléaire a atteint 70 % en 2022.",
        "Le budget des transports augmente de 12 %.",
        "Le CHÔMAGE est au plus bas.",
    ):
        make_claim(article, sentence)
    return article


def log_in(page: Page, person, ui: dict) -> None:
    page.goto("/login/")
    page.fill("#id_username", person.username)
    page.fill("#id_password", person.password)
    page.get_by_role("button", name=ui["log_in"]).click()
    expect(page.locator(".topbar .user")).to_have_text(person.username)


def rows(page: Page):
    return page.locator("table tbody tr")


def test_search_ignores_accents_case_apostrophes_and_word_order(open_context, rita, article, language):
    ui = UI[language]
    page = open_context(language)
    log_in(page, rita, ui)
    for typed, expected in [
        ("nucleaire", "part du nucléaire"),
        ("l'onu", "Selon l’ONU"),
        ("chomage", "Le CHÔMAGE"),
        ("transports budget", "budget des transports"),
    ]:
        page.goto("/claims/")
        page.fill("#id_q", typed)
        page.locator("#id_q").press("Enter")
        expect(rows(page)).to_have_count(1)
        expect(rows(page).first).to_contain_text(expected)
        # The derived title, not "Article N", names the article.
        expect(rows(page).first).to_contain_text("Débat à New York sur l’énergie")


def test_a_reporter_corrects_the_articles_details(open_context, rita, article, language):
    ui = UI[language]
    page = open_context(language)
    log_in(page, rita, ui)
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("h1")).to_have_text("Débat à New York sur l’énergie")
    page.get_by_role("link", name=ui["edit"]).click()
    page.fill("#id_outlet", "Le Quotidien")
    page.fill("#id_author", "Jeanne Martin")
    page.fill("#id_url", "https://news.example/nucleaire-onu")
    page.fill("#id_published_at", "2022-10-12T09:30")
    page.get_by_role("button", name=ui["save"]).click()
    expect(page.locator(".messages")).to_contain_text(ui["saved"])
    meta = page.locator(".page-head .meta")
    expect(meta).to_contain_text("Le Quotidien")
    expect(meta).to_contain_text("Jeanne Martin")
    article.refresh_from_db()
    assert article.url == "https://news.example/nucleaire-onu" and article.published_at is not None


def test_the_public_page_says_where_it_was_said(open_context, article, language):
    claim = make_claim(
        article,
        "Le budget des transports augmente",
        status="published",
        verdict="mostly-true",
        rationale="Le budget voté le confirme.",
        is_public=True,
        speaker="Le maire",
    )
    page = open_context(language)  # no login
    page.goto(f"/p/{claim.public_id}/")
    expect(page.locator(".verdict")).to_have_text(UI[language]["verdict"])
    where = page.locator("section.context")
    expect(where.locator("h2")).to_have_text(re.compile(UI[language]["where"], re.IGNORECASE))
    expect(where).to_contain_text("Débat à New York sur l’énergie")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["url"].endswith(f"/p/{claim.public_id}/")
    # A French claim is published under the French name, whatever the reader's language.
    assert data["reviewRating"]["alternateName"] == "Plutôt vrai"
    assert data["itemReviewed"]["author"] == {"@type": "Person", "name": "Le maire"}
    assert data["itemReviewed"]["appearance"][0]["headline"] == "Débat à New York sur l’énergie"
