"""Uploaded originals are never served inline, nor to anonymous visitors (issue 17).

`make run` is the development server with DEBUG on: its URLconf used to add
Django's `static()` media route, which served every uploaded original
(`.html` included) inline, without login, at a predictable path
(`/media/articles/<year>/<month>/<name>`). Now there is no media route at all;
an article's original is downloaded from `/articles/<pk>/original/`, by a
logged-in user, always as an attachment.
"""

from __future__ import annotations

import importlib

import pytest
from django.test import Client
from django.urls import clear_url_caches

from articles.models import Article

pytestmark = pytest.mark.django_db

PAGE = b"<html><body><script>alert(document.cookie)</script><p>Unemployment fell by 3 percent in 2024.</p></body></html>"


@pytest.fixture
def dev_server_urls(settings, tmp_path):
    """The URLconf exactly as `make run` loads it: DEBUG on at import time."""
    import config.urls

    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def uploaded(token_api):
    response = token_api.post("/api/v1/articles/", {"file": _upload()}, format="multipart")
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert article.original_file.name.endswith(".html")
    return article


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("story.html", PAGE, content_type="text/html")


def test_the_dev_server_serves_no_uploaded_file_at_its_media_path(dev_server_urls, uploaded, reporter):
    path = f"/media/{uploaded.original_file.name}"
    assert Client().get(path).status_code == 404
    logged_in = Client()
    logged_in.force_login(reporter)
    assert logged_in.get(path).status_code == 404


def test_the_original_is_downloaded_by_logged_in_users_only_and_never_inline(
    dev_server_urls, uploaded, no_role_user
):
    url = f"/articles/{uploaded.pk}/original/"
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    reader = Client()
    reader.force_login(no_role_user)  # every logged-in user may read articles
    response = reader.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PAGE


def test_an_article_without_an_uploaded_original_has_none_to_download(reporter):
    article = Article.objects.create(text="Un texte.", content_hash="o" * 64, status="extracted")
    client = Client()
    client.force_login(reporter)
    assert client.get(f"/articles/{article.pk}/original/").status_code == 404
    assert client.get("/articles/999999/original/").status_code == 404
