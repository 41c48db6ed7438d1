"""Titles derived at submission, and an article's details corrected by reporters (page and API)."""

import datetime as dt
import io
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Outlet
from articles.tests.test_titles import SEED_TITLE
from claims.models import Claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_pasted_article_gets_a_title_from_its_text(web, seed_text):
    web.post(reverse("articles:submit"), {"kind": "text", "text": seed_text})
    article = Article.objects.get()
    assert article.title == SEED_TITLE


def test_a_claim_of_an_untitled_article_shows_its_derived_title_in_the_queue_and_the_csv(web, api, seed_text):
    web.post(reverse("articles:submit"), {"kind": "text", "text": seed_text})
    article = Article.objects.get()
    start = seed_text.index("Elon Musk")
    Claim.objects.create(article=article, text="Elon Musk", start=start, end=start + 9, language="fr")
    page = web.get(reverse("claims:queue")).content.decode()
    assert SEED_TITLE[:60] in page and f"Article {article.pk}" not in page
    csv_text = b"".join(api.get("/api/v1/claims/export/", {"format": "csv"}).streaming_content).decode(
        "utf-8-sig"
    )
    assert SEED_TITLE in csv_text


def test_a_bulk_row_without_a_title_gets_one(web):
    data = 'text,title\n"date 2024-03-02 Le chômage recule. Le taux passe à 7,3 %.",\n'
    upload = io.BytesIO(data.encode())
    upload.name = "rows.csv"
    web.post(reverse("articles:submit"), {"kind": "bulk", "file": upload})
    assert Article.objects.get().title == "Le chômage recule"


def test_the_migration_titles_old_untitled_articles(seed_text):
    article = Article.objects.create(text=seed_text, content_hash="0" * 64, status="extracted")
    assert article.title == ""
    import_module("articles.migrations.0003_w13sp_derive_titles").derive(apps, None)
    article.refresh_from_db()
    assert article.title == SEED_TITLE


@pytest.fixture
def article(seed_text):
    return Article.objects.create(
        text=seed_text, title="date 2022-10 Le chef", content_hash="1" * 64, status="extracted"
    )


def edit_url(article) -> str:
    return reverse("articles:edit", args=[article.pk])


def test_a_reporter_edits_every_detail(web, article):
    page = web.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert f'href="{edit_url(article)}"' in page
    assert web.get(edit_url(article)).status_code == 200
    response = web.post(
        edit_url(article),
        {
            "title": "  Musk admet l’échec  ",
            "outlet": "RT France",
            "author": "Jeanne Martin",
            "published_at": "2022-10-12T09:30",
            "url": "https://francais.rt.com/international/starlink",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "article_detail", args=[article.pk]
    )
    article.refresh_from_db()
    assert article.title == "Musk admet l’échec"
    assert article.outlet == Outlet.objects.get(name="RT France") and article.author == "Jeanne Martin"
    assert timezone.localtime(article.published_at).replace(tzinfo=None) == dt.datetime(2022, 10, 12, 9, 30)
    assert article.url == "https://francais.rt.com/international/starlink"
    # Nothing else moves: the text (and so every claim offset) stays.
    assert article.text.startswith(" date 2022-10") or article.text.startswith("date 2022-10")


def test_a_blank_title_goes_back_to_the_derived_one_and_blanks_clear_the_rest(web, article):
    article.author, article.url = "Someone", "https://news.example/x"
    article.save()
    web.post(edit_url(article), {"title": "", "outlet": "", "author": "", "published_at": "", "url": ""})
    article.refresh_from_db()
    assert (article.title, article.author, article.url, article.outlet) == (SEED_TITLE, "", None, None)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"url": "javascript:alert(1)"}, "valid URL"),
        ({"published_at": "1066-10-14T10:00"}, "between 1900 and next year"),
        ({"title": "x" * 501}, "at most 500"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_changes(web, article, data, message):
    response = web.post(edit_url(article), {"title": article.title, **data})
    assert response.status_code == 400 and message in response.content.decode()
    article.refresh_from_db()
    assert article.title == "date 2022-10 Le chef" and article.url is None and article.published_at is None


def test_another_articles_url_is_refused(web, article):
    Article.objects.create(text="Autre texte.", url="https://news.example/taken", content_hash="2" * 64)
    response = web.post(edit_url(article), {"title": article.title, "url": "https://news.example/taken"})
    assert (
        response.status_code == 400 and "Another article already has this URL." in response.content.decode()
    )


def test_a_reader_without_a_role_cannot_edit(client, no_role_user, article):
    client.force_login(no_role_user)
    assert client.get(edit_url(article)).status_code == 403
    assert client.post(edit_url(article), {"title": "Hacked"}).status_code == 403
    assert "Edit details" not in client.get(reverse("article_detail", args=[article.pk])).content.decode()
    article.refresh_from_db()
    assert article.title == "date 2022-10 Le chef"


def test_the_api_patches_an_article(api, article):
    response = api.patch(
        f"/api/v1/articles/{article.pk}/",
        {
            "title": "Musk admet l’échec",
            "outlet": "RT France",
            "published_at": "2022-10-12T09:30:00Z",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["outlet"], body["published_at"][:10]) == (
        "Musk admet l’échec",
        "RT France",
        "2022-10-12",
    )
    response = api.patch(f"/api/v1/articles/{article.pk}/", {"title": ""}, format="json")
    assert response.json()["title"] == SEED_TITLE


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"url": "ftp://x.example/a"},
        {"published_at": "yesterday"},
        {"published_at": "1066-10-14T10:00:00Z"},
        {"text": "new text"},
    ],
)
def test_the_api_refuses_bad_patches_with_a_400(api, article, payload):
    response = api.patch(f"/api/v1/articles/{article.pk}/", payload, format="json")
    assert response.status_code == 400
    article.refresh_from_db()
    assert article.title == "date 2022-10 Le chef"


def test_the_api_patch_needs_a_role(no_role_user, article):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(no_role_user)
    assert client.patch(f"/api/v1/articles/{article.pk}/", {"title": "x"}, format="json").status_code == 403
