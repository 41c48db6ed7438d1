"""The rules the database keeps for articles."""

import pytest
from django.db import IntegrityError

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_the_same_content_hash_cannot_be_stored_twice():
    Article.objects.create(text="Un texte.", content_hash="a" * 64)
    with pytest.raises(IntegrityError):
        Article.objects.create(text="Un texte.", content_hash="a" * 64)


def test_the_same_url_cannot_be_stored_twice():
    Article.objects.create(url="https://example.org/a", text="A")
    with pytest.raises(IntegrityError):
        Article.objects.create(url="https://example.org/a", text="B")


def test_many_articles_without_url_or_hash_are_allowed():
    Article.objects.create(text="One", status="failed")
    Article.objects.create(text="Two", status="failed")
    assert Article.objects.count() == 2


def test_an_article_needs_text_or_a_url():
    with pytest.raises(IntegrityError):
        Article.objects.create(text="", url=None, status="queued")


def test_an_unknown_status_is_refused():
    with pytest.raises(IntegrityError):
        Article.objects.create(text="x", status="lost")
