"""A real Celery worker polls a followed feed ("Poll now" through the API), imports its
items and extracts their claims; a watchlist hit notifies."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, Notification
from sources.models import Source, SourceItem, Watchlist
from sources.polling import take_host_slot
from tests.celery_helpers import drain_queue, start_worker, stop_worker, wait_for

from .feedserver import Route, article_page, rss

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_polls_imports_and_extracts_a_followed_feed(server, editor, tmp_path):
    for n in (1, 2):
        server.routes[f"/story/{n}"] = Route(article_page(n), "text/html; charset=utf-8")
    server.routes["/feed.xml"] = Route(
        rss([(f"g{n}", server.url(f"/story/{n}"), f"Story {n}") for n in (1, 2)]), etag='"v1"'
    )
    Watchlist.objects.create(name="Jobs", owner=editor, terms=["unemployment"])
    api = APIClient()
    api.force_authenticate(editor)
    drain_queue()
    worker = start_worker(
        log_path=tmp_path / "worker.log",
        extra_env={"FETCH_ALLOW_HOSTS": f"127.0.0.1:{server.port}", "SOURCES_HOST_DELAY_MS": "200"},
    )
    try:
        response = api.post(
            "/api/v1/sources/",
            {"url": server.url("/feed.xml"), "name": "Wire", "language": "en"},
            format="json",
        )
        assert response.status_code == 201
        source_id = response.json()["id"]

        def done():
            return Article.objects.filter(source_items__source_id=source_id, status="extracted").count() == 2

        wait_for(done, timeout=240, message="two articles extracted from the feed")
        assert SourceItem.objects.filter(source_id=source_id, status="imported").count() == 2
        assert Claim.objects.filter(article__source_items__source_id=source_id).exists()
        wait_for(
            lambda: Notification.objects.filter(recipient=editor, kind="watchlist").exists(),
            timeout=30,
            message="a watchlist notification",
        )
        # Poll now while another request to the host holds its slot (an import still in
        # flight): the poll is not dropped, it runs once the slot is free, without a beat.
        # Then the feed is unchanged, answered 304, nothing new.
        assert take_host_slot(f"127.0.0.1:{server.port}", hold=2)
        assert api.post(f"/api/v1/sources/{source_id}/poll/").status_code == 202
        wait_for(
            lambda: server.conditional_hits["/feed.xml"] == 1, timeout=60, message="a conditional re-poll"
        )
        wait_for(
            lambda: Source.objects.get(pk=source_id).last_status == 304,
            timeout=30,
            message="the 304 recorded",
        )
        assert Article.objects.count() == 2
        assert "'busy'" in (tmp_path / "worker.log").read_text()
    except AssertionError:
        print((tmp_path / "worker.log").read_text()[-4000:])
        raise
    finally:
        stop_worker(worker)
