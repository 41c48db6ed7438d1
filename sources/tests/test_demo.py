"""The demo wire: served by the app itself (DEBUG only) and followed by load_demo_sources."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from articles.models import Article
from sources.importing import import_item
from sources.models import Source, SourceItem
from sources.polling import poll_source


def test_the_demo_wire_is_not_served_without_debug(client, settings, db):
    settings.DEBUG = False
    assert client.get("/demo/feed.xml").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_demo_source_is_polled_from_the_running_server_and_its_stories_become_articles(
    live_server, settings
):
    settings.DEBUG = True
    settings.SITE_URL = live_server.url
    settings.FETCH_ALLOW_HOSTS = [urlsplit(live_server.url).netloc]
    settings.SOURCES_HOST_DELAY_SECONDS = 0
    call_command("load_demo_sources")
    call_command("load_demo_sources")  # harmless twice
    source = Source.objects.get()
    assert source.url == f"{live_server.url}/demo/feed.xml"
    assert poll_source(source).new_items == 3
    for item in SourceItem.objects.select_related("source"):
        import_item(item)
    assert Article.objects.count() == 3
    french = Article.objects.get(url__endswith="/demo/story/hopital-urgences/")
    assert (
        "5 000 lits" in french.text
        and french.published_at.day == 30
        and french.outlet.name == "Claimtrack demo wire"
    )
    assert poll_source(source).new_items == 0
