"""The Sources page and the source filter on the articles list."""

import pytest
from django.urls import reverse

from articles.models import Article
from sources.models import Source, SourceItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_web(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_follows_pauses_and_polls_a_source_from_the_page(editor_web, server):
    response = editor_web.post(
        reverse("sources:list"),
        {"url": server.url("/feed.xml"), "name": "Wire", "language": "en", "poll_interval_minutes": 15},
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.state, source.language, source.poll_interval_minutes) == ("active", "en", 15)
    page = editor_web.get(reverse("sources:list"))
    assert page.status_code == 200 and b"Wire" in page.content and b"Poll now" in page.content
    assert editor_web.post(reverse("sources:state", args=[source.pk]), {"state": "paused"}).status_code == 302
    source.refresh_from_db()
    assert source.state == "paused"
    assert editor_web.post(reverse("sources:poll", args=[source.pk])).status_code == 302


def test_a_private_address_is_refused_on_the_page_with_the_host_named(editor_web, server):
    response = editor_web.post(
        reverse("sources:list"), {"url": "http://192.168.1.1/rss", "poll_interval_minutes": 30}
    )
    assert response.status_code == 400 and b"192.168.1.1" in response.content
    assert not Source.objects.exists()


def test_a_reporter_suggests_but_cannot_pause_or_poll(web, server):
    response = web.post(
        reverse("sources:list"), {"url": server.url("/feed.xml"), "poll_interval_minutes": 30}
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.state == "suggested"
    assert b"Poll now" not in web.get(reverse("sources:list")).content
    assert web.post(reverse("sources:state", args=[source.pk]), {"state": "active"}).status_code == 403
    assert web.post(reverse("sources:poll", args=[source.pk])).status_code == 403


def test_the_articles_list_filters_by_source(web):
    wire = Source.objects.create(name="Wire desk", url="http://wire.test/rss")
    mine = Article.objects.create(title="From the wire", text="Story one.", content_hash="a" * 64)
    Article.objects.create(title="Pasted", text="Story two.", content_hash="b" * 64)
    SourceItem.objects.create(source=wire, guid="1", url="http://wire.test/1", article=mine)
    page = web.get(reverse("articles:list") + f"?source={wire.pk}")
    assert b"From the wire" in page.content and b"Pasted" not in page.content and b"Wire desk" in page.content
    assert b"Pasted" in web.get(reverse("articles:list")).content


def test_the_claim_queue_and_the_claims_api_filter_by_source(web, api):
    from claims.models import Claim

    wire = Source.objects.create(name="Wire desk", url="http://wire.test/rss")
    mine = Article.objects.create(title="From the wire", text="Story one.", content_hash="a" * 64)
    other = Article.objects.create(title="Pasted", text="Story two.", content_hash="b" * 64)
    SourceItem.objects.create(source=wire, guid="1", url="http://wire.test/1", article=mine)
    Claim.objects.create(article=mine, text="Wire claim rose 5%", start=0, end=5)
    Claim.objects.create(article=other, text="Pasted claim rose 6%", start=0, end=5)
    page = web.get(reverse("claims:queue") + f"?source={wire.pk}")
    assert b"Wire claim" in page.content and b"Pasted claim" not in page.content
    rows = api.get(f"/api/v1/claims/?source={wire.pk}").json()["results"]
    assert [row["text"] for row in rows] == ["Wire claim rose 5%"]


@pytest.mark.parametrize(
    ("url_name", "french"),
    [
        ("sources:list", ["Sources suivies", "Suivre une source", "Interroger toutes les (minutes)"]),
        ("sources:watchlists", ["Listes de veille", "Nouvelle liste de veille"]),
        ("sources:digest", ["Synthèse du jour", "Jour précédent"]),
    ],
)
def test_the_pages_are_in_french_for_a_french_browser(client, editor, url_name, french):
    client.force_login(editor)
    page = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    for words in french:
        assert words in page
