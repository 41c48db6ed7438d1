"""POST/GET /api/v1/articles/: every way in, and every bad input refused with a clear 4xx."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from docx import Document as DocxDocument
from rest_framework.test import APIClient

from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_it_stores_pasted_text_as_queued(api, seed_text):
    response = api.post("/api/v1/articles/", {"text": seed_text, "outlet": "RT France"}, format="json")
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert response.json()["status"] == "queued"
    assert article.text.startswith("date 2022-10 Le chef de SpaceX")
    assert article.language == "fr"
    assert article.outlet.name == "RT France"
    assert article.created_by.username == "reporter"


def test_the_same_text_twice_returns_the_existing_article(api, seed_text):
    first = api.post("/api/v1/articles/", {"text": seed_text}, format="json").json()
    again = api.post("/api/v1/articles/", {"text": "  " + seed_text.replace("\n\n", "\n\n  ")}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert again.json()["duplicate"] is True
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n\t "}, "empty"),
        ({}, "text"),
        ({"url": "ftp://example.org/a"}, "http"),
        ({"url": "http://127.0.0.1/admin"}, "private"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "private"),
        ({"text": "ok", "language": "xx"}, "language"),
        ({"text": 42, "published_at": "yesterday"}, "published_at"),
    ],
)
def test_bad_input_gets_a_readable_400(api, payload, message):
    response = api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400, response.content
    assert message in json.dumps(response.json()).lower()
    assert Article.objects.count() == 0


@override_settings(ARTICLE_MAX_CHARS=1000)
def test_text_over_the_limit_is_refused_and_the_limit_stated(api):
    response = api.post("/api/v1/articles/", {"text": "mot " * 400}, format="json")
    assert response.status_code == 400
    assert "1,000" in response.json()["detail"]


def test_malformed_json_is_a_400_not_a_500(api):
    response = api.post("/api/v1/articles/", data="{not json", content_type="application/json")
    assert response.status_code == 400


def test_a_url_article_is_stored_then_fetched_by_a_worker(api):
    with override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True):
        response = api.post("/api/v1/articles/", {"url": "http://127.0.0.1:9/article"}, format="json")
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert (article.url, article.text, article.status, article.origin) == (
        "http://127.0.0.1:9/article",
        "",
        "queued",
        "url",
    )


def test_by_default_loopback_urls_are_refused(api):
    response = api.post("/api/v1/articles/", {"url": "http://localhost:8000/"}, format="json")
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_it_accepts_an_uploaded_docx(api):
    document = DocxDocument()
    document.core_properties.title = "Budget municipal"
    document.add_paragraph("Le conseil a voté un budget de 1,2 milliard d'euros.")
    document.add_paragraph("Selon le maire, la dette baissera de 3 % en 2025.")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "budget.docx"
    response = api.post("/api/v1/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert "1,2 milliard" in article.text and "3 %" in article.text
    assert article.title == "Budget municipal"
    assert article.origin == "file"
    assert article.original_file.name.endswith(".docx")


def test_uploaded_html_loses_its_scripts(api):
    html = (
        b"<html><head><title>Rapport</title><script>alert('x')</script><style>p{}</style></head>"
        b"<body><article><h1>Rapport</h1><p>Le gouvernement a annonce 4 000 postes supplementaires dans "
        b"les hopitaux publics pour l'annee prochaine, selon le ministere de la Sante.</p>"
        b"<p>Les syndicats estiment que plus de 10 000 postes seraient necessaires.</p></article></body></html>"
    )
    upload = io.BytesIO(html)
    upload.name = "rapport.html"
    response = api.post("/api/v1/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    text = Article.objects.get().text
    assert "4 000 postes" in text
    assert "alert" not in text and "<" not in text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("corrupt.docx", b"PK\x03\x04 this is not really a zip"),
        ("binary.txt", bytes(range(256)) * 20),
        ("program.exe", b"MZ\x90\x00"),
        ("empty.txt", b""),
    ],
)
def test_unreadable_files_are_refused(api, name, data):
    upload = io.BytesIO(data)
    upload.name = name
    response = api.post("/api/v1/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 400, response.content
    assert len(json.dumps(response.json())) > 20  # a sentence, not just a code
    assert Article.objects.count() == 0


def test_a_docx_zip_bomb_is_refused(api):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (200 * 1024 * 1024))
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "bomb.docx"
    response = api.post("/api/v1/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_bad_input_does_not_harm_what_is_stored(api, seed_text):
    stored = api.post("/api/v1/articles/", {"text": seed_text}, format="json").json()
    api.post("/api/v1/articles/", {"text": ""}, format="json")
    api.post("/api/v1/articles/", data="{", content_type="application/json")
    assert Article.objects.get(pk=stored["id"]).text.strip() == seed_text.strip()


def test_list_and_detail(api, seed_text):
    created = api.post("/api/v1/articles/", {"text": seed_text, "title": "Starlink"}, format="json").json()
    listing = api.get("/api/v1/articles/").json()
    assert len(listing["results"]) == 1 and listing["results"][0]["title"] == "Starlink"
    assert listing["next"] is None and listing["previous"] is None and "count" not in listing
    detail = api.get(f"/api/v1/articles/{created['id']}/").json()
    assert detail["text"].startswith("date 2022-10")
    assert api.get("/api/v1/articles/999999/").status_code == 404


def test_the_api_requires_authentication(seed_text):
    anonymous = APIClient()
    assert anonymous.get("/api/v1/articles/").status_code in (401, 403)
    assert anonymous.post("/api/v1/articles/", {"text": seed_text}, format="json").status_code in (401, 403)
    assert Article.objects.count() == 0


def test_token_auth_with_drf_create_token(reporter, seed_text, capsys):
    call_command("drf_create_token", "reporter")
    token = capsys.readouterr().out.split()[2]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post("/api/v1/articles/", {"text": seed_text}, format="json").status_code == 201


def test_reextract_queues_the_article_again(api, seed_text):
    created = api.post("/api/v1/articles/", {"text": seed_text}, format="json").json()
    Article.objects.filter(pk=created["id"]).update(status="extracted")
    response = api.post(f"/api/v1/articles/{created['id']}/reextract/")
    assert response.status_code == 202
    assert Article.objects.get(pk=created["id"]).status == "queued"


@pytest.mark.parametrize("date", ["0150-06-21T00:06:51Z", "2999-01-01T00:00:00Z"])
def test_an_implausible_publication_date_is_refused(api, date):
    response = api.post("/api/v1/articles/", {"text": "Un texte.", "published_at": date}, format="json")
    assert response.status_code == 400
    assert "1900" in response.json()["detail"]
