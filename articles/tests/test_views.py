"""The article list and submit pages."""

import io

import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_pages_require_login(client):
    for url in (reverse("articles:list"), reverse("articles:submit")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_pasting_an_article_stores_it_and_opens_its_page(web, seed_text):
    response = web.post(reverse("articles:submit"), {"kind": "text", "text": seed_text, "title": "Starlink"})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("article_detail", args=[article.pk])
    assert article.status == "queued" and article.title == "Starlink"


def test_pasting_the_same_article_again_leads_to_the_existing_one(web, seed_text):
    web.post(reverse("articles:submit"), {"kind": "text", "text": seed_text})
    response = web.post(reverse("articles:submit"), {"kind": "text", "text": seed_text}, follow=True)
    assert Article.objects.count() == 1
    assert "already in Claimtrack" in response.content.decode()


def test_empty_text_shows_the_form_again_with_a_message(web):
    response = web.post(reverse("articles:submit"), {"kind": "text", "text": "   "})
    assert response.status_code == 400
    assert "The article text is empty." in response.content.decode()
    assert 'name="text"' in response.content.decode()  # the form again, to correct
    assert Article.objects.count() == 0


def test_a_private_url_is_refused_with_a_message(web):
    response = web.post(reverse("articles:submit"), {"kind": "url", "url": "http://192.168.1.1/"})
    assert response.status_code == 400
    assert "private" in response.content.decode().lower()
    assert Article.objects.count() == 0


def test_a_corrupt_docx_is_refused_with_a_message(web):
    upload = io.BytesIO(b"PK\x03\x04 broken")
    upload.name = "broken.docx"
    response = web.post(reverse("articles:submit"), {"kind": "file", "file": upload})
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_bulk_csv_import_reports_each_row(web):
    csv_data = (
        "text,title,outlet,language\n"
        '"Le chômage a baissé de 0,3 point au troisième trimestre, selon l\'Insee.",Chômage,Les Echos,fr\n'
        ",Sans texte,,\n"
        '"Inflation rose to 4.2% in March, the highest in a year.",Inflation,BBC,en\n'
    ).encode()
    upload = io.BytesIO(csv_data)
    upload.name = "batch.csv"
    response = web.post(reverse("articles:submit"), {"kind": "bulk", "file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert Article.objects.count() == 2
    assert "2 articles created" in body and "1 row refused" in body
    assert set(Article.objects.values_list("origin", flat=True)) == {"bulk"}


def test_bulk_ndjson_import(web):
    lines = b'{"text": "Le budget atteint 3 milliards d\'euros.", "title": "Budget"}\n{"bad json\n'
    upload = io.BytesIO(lines)
    upload.name = "batch.ndjson"
    response = web.post(reverse("articles:submit"), {"kind": "bulk", "file": upload})
    assert response.status_code == 200
    assert Article.objects.count() == 1
    assert "1 row refused" in response.content.decode()


def test_the_list_shows_articles_newest_first(web):
    Article.objects.create(title="Old one", text="a", content_hash="1" * 64)
    Article.objects.create(title="New one", text="b", content_hash="2" * 64)
    body = web.get(reverse("articles:list")).content.decode()
    assert body.index("New one") < body.index("Old one")


def test_the_status_partial_asks_for_a_refresh_when_extraction_ends(web):
    article = Article.objects.create(title="A", text="a", content_hash="3" * 64, status="extracted")
    response = web.get(reverse("articles:status", args=[article.pk]) + "?was=extracting")
    assert response["HX-Refresh"] == "true"
    still = web.get(reverse("articles:status", args=[article.pk]) + "?was=extracted")
    assert "HX-Refresh" not in still


def test_the_status_partial_only_swaps_the_badge_when_extraction_starts(web):
    """From queued to extracting nothing but the badge changes: the page is not reloaded."""
    article = Article.objects.create(title="A", text="a", content_hash="4" * 64, status="extracting")
    response = web.get(reverse("articles:status", args=[article.pk]) + "?was=queued&fast=1")
    assert "HX-Refresh" not in response
    body = response.content.decode()
    assert "was=extracting&amp;fast=1" in body and 'hx-trigger="every 500ms"' in body


def test_the_article_page_polls_faster_than_the_list(web):
    article = Article.objects.create(title="A", text="a", content_hash="5" * 64, status="queued")
    page = web.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert 'hx-trigger="every 500ms"' in page and "was=queued&amp;fast=1" in page
    listing = web.get(reverse("articles:list")).content.decode()
    assert 'hx-trigger="every 1s"' in listing and "fast=1" not in listing
    badge = web.get(reverse("articles:status", args=[article.pk]) + "?was=queued")
    assert 'hx-trigger="every 1s"' in badge.content.decode()  # the list's badge keeps its pace
