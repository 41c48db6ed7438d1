"""The /api/v1/sources/ contract and the articles list filtered by source."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from sources.models import Source, SourceItem
from tests.celery_helpers import drain_queue

from .feedserver import Route, rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_an_editor_follows_a_feed_and_it_is_polled_at_once(
    editor_api, server, django_capture_on_commit_callbacks
):
    drain_queue()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(
            "/api/v1/sources/", {"url": server.url("/feed.xml"), "name": "Wire"}, format="json"
        )
    assert response.status_code == 201, response.data
    body = response.json()
    assert isinstance(body["id"], int) and body["state"] == "active" and body["name"] == "Wire"
    assert drain_queue() == ["sources.tasks.poll_source"]
    assert editor_api.get(f"/api/v1/sources/{body['id']}/").json()["url"] == server.url("/feed.xml")


def test_a_reporter_suggests_and_may_not_manage(api, server):
    response = api.post("/api/v1/sources/", {"url": server.url("/feed.xml"), "name": "Wire"}, format="json")
    assert response.status_code == 201 and response.json()["state"] == "suggested"
    pk = response.json()["id"]
    assert api.patch(f"/api/v1/sources/{pk}/", {"state": "active"}, format="json").status_code == 403
    assert api.post(f"/api/v1/sources/{pk}/poll/").status_code == 403
    assert api.delete(f"/api/v1/sources/{pk}/").status_code == 403


def test_patch_pauses_and_resumes_poll_answers_202_delete_removes(editor_api, server):
    pk = editor_api.post(
        "/api/v1/sources/", {"url": server.url("/feed.xml"), "name": "W"}, format="json"
    ).json()["id"]
    response = editor_api.patch(
        f"/api/v1/sources/{pk}/", {"state": "paused", "poll_interval_minutes": 15}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "paused"
    assert response.json()["poll_interval_minutes"] == 15
    assert (
        editor_api.patch(f"/api/v1/sources/{pk}/", {"poll_interval_minutes": 1}, format="json").status_code
        == 400
    )
    assert editor_api.post(f"/api/v1/sources/{pk}/poll/").status_code == 202
    assert editor_api.delete(f"/api/v1/sources/{pk}/").status_code == 204
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/feed.xml",
        "http://localhost/rss",
        "http://127.0.0.1:9/feed.xml",
        "http://[::1]/feed",
        "ftp://example.org/feed",
    ],
)
def test_a_private_address_is_refused_at_creation_with_a_400_naming_the_host(editor_api, server, url):
    response = editor_api.post("/api/v1/sources/", {"url": url, "name": "x"}, format="json")
    assert response.status_code == 400
    host = url.split("//")[1].split("/")[0].split(":9")[0].strip("[]")
    if url.startswith("http"):
        assert host in str(response.data["detail"])
    assert not Source.objects.exists()


def test_fetch_allow_hosts_lets_exactly_the_listed_host_and_port_through(editor_api, server, settings):
    ok = editor_api.post("/api/v1/sources/", {"url": server.url("/a.xml"), "name": "a"}, format="json")
    assert ok.status_code == 201
    settings.FETCH_ALLOW_HOSTS = []
    refused = editor_api.post("/api/v1/sources/", {"url": server.url("/b.xml"), "name": "b"}, format="json")
    assert refused.status_code == 400 and "127.0.0.1" in str(refused.data["detail"])


def test_bad_input_is_a_400_and_a_feed_followed_twice_too(editor_api, server):
    assert editor_api.post("/api/v1/sources/", {"name": "no url"}, format="json").status_code == 400
    assert editor_api.post("/api/v1/sources/", {"url": "not a url"}, format="json").status_code == 400
    first = editor_api.post("/api/v1/sources/", {"url": server.url("/feed.xml")}, format="json")
    again = editor_api.post("/api/v1/sources/", {"url": server.url("/feed.xml")}, format="json")
    assert (
        first.status_code == 201 and again.status_code == 400 and "already followed" in again.data["detail"]
    )


def test_the_articles_list_filters_by_source(editor_api, server):
    wire = Source.objects.create(name="Wire", url=server.url("/w.xml"))
    other = Source.objects.create(name="Other", url=server.url("/o.xml"))
    a = Article.objects.create(text="Story one about 3 percent.", content_hash="a" * 64)
    b = Article.objects.create(text="Story two about 4 percent.", content_hash="b" * 64)
    Article.objects.create(text="Pasted by hand.", content_hash="c" * 64)
    SourceItem.objects.create(source=wire, guid="1", url="http://x.test/1", article=a)
    SourceItem.objects.create(source=other, guid="1", url="http://x.test/1", article=a)
    SourceItem.objects.create(source=wire, guid="2", url="http://x.test/2", article=b)
    ids = [row["id"] for row in editor_api.get(f"/api/v1/articles/?source={wire.pk}").json()["results"]]
    assert sorted(ids) == sorted([a.pk, b.pk])
    assert [r["id"] for r in editor_api.get(f"/api/v1/articles/?source={other.pk}").json()["results"]] == [
        a.pk
    ]
    assert len(editor_api.get("/api/v1/articles/").json()["results"]) == 3
    assert editor_api.get("/api/v1/articles/?source=abc").status_code == 400


def test_the_health_fields_are_reported(editor_api, server):
    server.routes["/feed.xml"] = Route(rss([]), status=500)
    source = Source.objects.create(name="Wire", url=server.url("/feed.xml"))
    from sources.polling import poll_source

    poll_source(source)
    body = editor_api.get(f"/api/v1/sources/{source.pk}/").json()
    assert body["failures"] == 1 and "HTTP 500" in body["last_error"] and body["next_poll_at"]
    assert body["last_polled_at"] and body["items_this_week"] == 0
