import pytest

from .feedserver import FeedServer


@pytest.fixture(scope="module")
def feed_server():
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def server(feed_server, settings):
    """The feed server, allowed through FETCH_ALLOW_HOSTS (and only it)."""
    feed_server.routes.clear()
    feed_server.hits.clear()
    feed_server.conditional_hits.clear()
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    settings.FETCH_ALLOW_HOSTS = [f"127.0.0.1:{feed_server.port}"]
    settings.SOURCES_HOST_DELAY_SECONDS = 0
    settings.FETCH_TIMEOUT_SECONDS = 3
    return feed_server
