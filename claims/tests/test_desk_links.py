"""Export menus keep the queue's filters; editors can open a public page from the review panel."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from claims.models import Claim, Rating

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def published(reporter):
    article = Article.objects.create(
        text="Le chômage a baissé de 3 %.", content_hash="d" * 64, status="extracted"
    )
    return Claim.objects.create(
        article=article,
        text="Le chômage a baissé de 3 %.",
        start=0,
        end=27,
        status="published",
        verdict=Rating.objects.get(slug="true"),
        rationale="Insee.",
        proposed_by=reporter,
    )


def test_the_queue_export_links_carry_the_current_filters(web):
    body = web.get(reverse("claims:queue") + "?status=new&type=quantity&page=2").content.decode()
    assert "/claims/export/?format=csv&amp;status=new&amp;type=quantity" in body
    assert "page=2&amp;format" not in body


def test_the_article_page_offers_its_exports_and_report(web, published):
    body = web.get(reverse("article_detail", args=[published.article_id])).content.decode()
    assert f"/claims/article/{published.article_id}/export/?format=xlsx" in body
    assert f"/claims/report/?article={published.article_id}" in body


def test_an_editor_publishes_a_public_page_from_the_panel(editor, published):
    client = Client()
    client.force_login(editor)
    panel = client.get(reverse("claims:review_panel", args=[published.pk])).content.decode()
    assert "Publish a public page" in panel
    client.post(reverse("claims:publish_public", args=[published.pk]), {"public": "true"})
    published.refresh_from_db()
    assert published.is_public
    assert Client().get(reverse("public:claim", args=[published.public_id])).status_code == 200


def test_a_reporter_does_not_see_the_public_page_button(web, published):
    panel = web.get(reverse("claims:review_panel", args=[published.pk])).content.decode()
    assert "Publish a public page" not in panel
