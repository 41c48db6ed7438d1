"""Polling followed sources against a real local HTTP server (allowed via FETCH_ALLOW_HOSTS)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from sources.importing import import_item
from sources.models import HostSlot, Source, SourceItem
from sources.polling import poll_source, take_host_slot
from sources.tasks import poll_source as poll_source_task

from .feedserver import Route, article_page, rss

pytestmark = pytest.mark.django_db


def make_source(server, path="/feed.xml", **kwargs):
    return Source.objects.create(name="Wire", url=server.url(path), **kwargs)


def serve_feed(server, numbers, path="/feed.xml", **route):
    for n in numbers:
        server.routes[f"/story/{n}"] = Route(article_page(n), "text/html; charset=utf-8")
    server.routes[path] = Route(
        rss([(f"guid-{n}", server.url(f"/story/{n}"), f"Story {n}") for n in numbers]), **route
    )


def import_pending(source):
    for item in SourceItem.objects.filter(source=source, status=SourceItem.Status.PENDING).select_related(
        "source"
    ):
        import_item(item)


@pytest.mark.embedded
def test_a_feed_that_grows_by_two_items_yields_exactly_two_new_articles(server):
    serve_feed(server, [1, 2, 3])
    source = make_source(server, language="en")
    assert poll_source(source).new_items == 3
    import_pending(source)
    assert Article.objects.count() == 3

    serve_feed(server, [5, 4, 1, 2, 3])
    result = poll_source(source)
    assert (result.outcome, result.new_items) == ("new", 2)
    import_pending(source)
    assert Article.objects.count() == 5
    assert set(SourceItem.objects.values_list("status", flat=True)) == {"imported"}

    # Polled again, unchanged: nothing new, nothing imported twice.
    assert poll_source(source).new_items == 0
    import_pending(source)
    assert Article.objects.count() == 5
    article = Article.objects.get(url=server.url("/story/4"))
    assert article.title == "Story 4" and article.language == "en" and article.published_at is not None
    assert article.status == Article.Status.QUEUED and "unemployment fell to 4.1 percent" in article.text
    source.refresh_from_db()
    assert source.last_new_item_at is not None and source.failures == 0 and source.kind == "feed"


def test_an_item_is_matched_on_guid_and_on_canonical_url(server):
    server.routes["/story/1"] = Route(article_page(1), "text/html")
    server.routes["/feed.xml"] = Route(rss([("a", server.url("/story/1"), "One")]))
    source = make_source(server)
    assert poll_source(source).new_items == 1
    # Same GUID, new link; then a new GUID but the same link with tracking parameters.
    server.routes["/feed.xml"] = Route(
        rss(
            [
                ("a", server.url("/story/1?v=2"), "One"),
                ("b", server.url("/story/1?utm_source=rss#top"), "One"),
            ]
        )
    )
    assert poll_source(source).new_items == 0


def test_the_same_text_under_another_url_is_not_imported_twice(server):
    server.routes["/story/1"] = Route(article_page(1), "text/html")
    server.routes["/copy/1"] = Route(article_page(1), "text/html")
    server.routes["/feed.xml"] = Route(
        rss([("a", server.url("/story/1"), "One"), ("b", server.url("/copy/1"), "Copy")])
    )
    source = make_source(server)
    poll_source(source)
    import_pending(source)
    assert Article.objects.count() == 1
    assert sorted(SourceItem.objects.values_list("status", flat=True)) == ["duplicate", "imported"]
    assert SourceItem.objects.get(status="duplicate").article == Article.objects.get()


@pytest.mark.embedded
def test_an_unchanged_feed_is_answered_304_and_costs_nothing_more(server):
    serve_feed(server, [1, 2], etag='"v1"')
    source = make_source(server)
    poll_source(source)
    assert poll_source(source).outcome == "unchanged"
    assert server.conditional_hits["/feed.xml"] == 1
    source.refresh_from_db()
    assert source.last_status == 304 and source.etag == '"v1"' and SourceItem.objects.count() == 2


def test_a_feed_that_moved_for_good_is_followed_at_its_new_url(server):
    serve_feed(server, [1], path="/new.xml")
    server.routes["/old.xml"] = Route(status=301, headers=[("Location", "/new.xml")])
    server.routes["/tmp.xml"] = Route(status=302, headers=[("Location", "/new.xml")])
    moved = make_source(server, "/old.xml")
    assert poll_source(moved).new_items == 1
    moved.refresh_from_db()
    assert moved.url == server.url("/new.xml")
    # A temporary redirect does not change the source.
    Source.objects.filter(pk=moved.pk).delete()
    temporary = make_source(server, "/tmp.xml")
    poll_source(temporary)
    temporary.refresh_from_db()
    assert temporary.url == server.url("/tmp.xml")


def test_a_dying_feed_backs_off_then_is_marked_dead_and_no_longer_polled(server, settings):
    settings.SOURCES_DEAD_AFTER_FAILURES = 3
    server.routes["/feed.xml"] = Route(b"oops", "text/html", status=503)
    source = make_source(server, poll_interval_minutes=10)
    waits = []
    for _ in range(2):
        before = timezone.now()
        assert poll_source(source).outcome == "error"
        waits.append(round((source.next_poll_at - before).total_seconds() / 60))
    assert waits == [10, 20]
    assert "HTTP 503" in source.last_error and source.failures == 2 and source.state == "active"
    poll_source(source)
    assert source.state == Source.State.DEAD and source.next_poll_at is None and source.error_count == 3
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() - timedelta(hours=1))
    assert not Source.objects.due().exists()


def test_a_malformed_feed_is_reported_and_the_task_does_not_crash(server):
    server.routes["/feed.xml"] = Route(b"\x00\x01 this is <not> a feed {", "application/rss+xml")
    source = make_source(server)
    assert poll_source_task(source.pk) == "error"
    source.refresh_from_db()
    assert "not an RSS or Atom feed" in source.last_error and source.failures == 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title><link>http://x.test/a</link></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""


@pytest.mark.parametrize(
    "body", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity-expansion", "external-entity"]
)
def test_a_feed_declaring_xml_entities_is_refused(server, body):
    server.routes["/feed.xml"] = Route(body)
    source = make_source(server)
    assert poll_source(source).outcome == "error"
    assert "entities" in source.last_error and not SourceItem.objects.exists()


def test_a_huge_or_endless_feed_is_cut_at_the_size_limit(server, settings):
    settings.SOURCES_FEED_MAX_BYTES = 64 * 1024
    server.routes["/huge.xml"] = Route(b"<rss>" + b" " * (200 * 1024))
    server.routes["/endless.xml"] = Route(endless=True)
    for path in ("/huge.xml", "/endless.xml"):
        source = make_source(server, path)
        assert poll_source(source).outcome == "error"
        assert "larger than the 64 KB limit" in source.last_error


def test_a_slow_feed_hits_the_time_limit(server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 1
    server.routes["/slow.xml"] = Route(rss([]), delay=2)
    source = make_source(server, "/slow.xml")
    assert poll_source(source).outcome == "error"
    assert "longer than 1 second" in source.last_error


def test_an_item_whose_page_is_too_large_or_not_html_fails_alone(server, settings):
    settings.FETCH_MAX_BYTES = 32 * 1024
    server.routes["/story/1"] = Route(article_page(1), "text/html")
    server.routes["/big"] = Route(b"<html><body>" + b"<p>word </p>" * 10000 + b"</body></html>", "text/html")
    server.routes["/doc.pdf"] = Route(b"%PDF-1.4 ...", "application/pdf")
    server.routes["/feed.xml"] = Route(
        rss(
            [
                ("1", server.url("/story/1"), "ok"),
                ("2", server.url("/big"), "big"),
                ("3", server.url("/doc.pdf"), "pdf"),
            ]
        )
    )
    source = make_source(server)
    poll_source(source)
    import_pending(source)
    items = {item.guid: item for item in SourceItem.objects.all()}
    assert items["1"].status == "imported"
    assert items["2"].status == "failed" and "larger than" in items["2"].error
    assert items["3"].status == "failed" and "application/pdf" in items["3"].error
    assert Article.objects.count() == 1


def test_a_redirect_to_a_private_address_not_listed_is_refused(server):
    server.routes["/feed.xml"] = Route(status=302, headers=[("Location", "http://127.0.0.1:9/feed.xml")])
    source = make_source(server)
    assert poll_source(source).outcome == "error"
    assert "refused" in source.last_error and "127.0.0.1" in source.last_error


def test_a_home_page_is_followed_through_the_feed_it_announces(server):
    serve_feed(server, [1, 2])
    server.routes["/"] = Route(
        b'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body><p>Home</p></body></html>",
        "text/html; charset=utf-8",
    )
    source = make_source(server, "/")
    assert poll_source(source).new_items == 2
    source.refresh_from_db()
    assert source.url == server.url("/feed.xml") and source.site_url == server.url("/")
    assert source.discovered_feeds == [server.url("/feed.xml")]


def test_a_news_sitemap_is_read(server):
    server.routes["/story/1"] = Route(article_page(1), "text/html")
    server.routes["/sitemap.xml"] = Route(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{server.url("/story/1")}</loc><news:news><news:publication_date>2026-11-30T08:00:00Z</news:publication_date>
<news:title>Story one</news:title></news:news></url></urlset>""".encode(),
        "application/xml",
    )
    source = make_source(server, "/sitemap.xml")
    assert poll_source(source).new_items == 1
    item = SourceItem.objects.get()
    assert item.title == "Story one" and item.published_at.year == 2026 and source.kind == "sitemap"


def test_one_request_at_a_time_per_host():
    assert take_host_slot("wire.test:80", hold=30)
    assert not take_host_slot("wire.test:80", hold=30)
    assert take_host_slot("other.test:80", hold=30)
    HostSlot.objects.filter(host="wire.test:80").update(free_at=timezone.now())
    assert take_host_slot("wire.test:80", hold=30)


def test_a_busy_host_postpones_the_poll_without_fetching(server):
    serve_feed(server, [1])
    source = make_source(server)
    assert take_host_slot(f"127.0.0.1:{server.port}", hold=30)
    assert poll_source(source).outcome == "busy"
    assert server.hits["/feed.xml"] == 0 and not SourceItem.objects.exists()


def test_discovery_happens_once_and_a_page_posing_as_a_feed_is_an_error(server):
    page = (
        b'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/b"></head>'
        b"<body><p>Page</p></body></html>"
    )
    server.routes["/a"] = Route(page.replace(b"/b", b"/b"), "text/html")
    server.routes["/b"] = Route(page.replace(b"/b", b"/a"), "text/html")
    source = make_source(server, "/a")
    assert poll_source(source).outcome == "error"
    source.refresh_from_db()
    assert source.url == server.url("/b") and "web page, not an RSS" in source.last_error
    assert server.hits["/a"] == 1 and server.hits["/b"] == 1


def test_a_page_without_any_feed_is_reported(server):
    server.routes["/"] = Route(b"<!doctype html><html><body><p>No feed here</p></body></html>", "text/html")
    source = make_source(server, "/")
    assert poll_source(source).outcome == "error"
    assert "announces no RSS or Atom feed" in source.last_error
