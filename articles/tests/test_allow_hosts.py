"""FETCH_ALLOW_HOSTS: exactly the listed host:port pairs reach private addresses."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.ingestion import FetchError, UnsafeURLError, fetch_url, parse_allow_hosts, validate_url


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/private")
            self.end_headers()
            return
        body = (
            b"<html><body><p>"
            + b"An internal wire story with enough words to be read as text. " * 5
            + b"</p></body></html>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def port():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_port
    httpd.shutdown()
    httpd.server_close()


def test_entries_are_host_and_port_pairs():
    assert parse_allow_hosts(["Wire.Internal:8080", " 10.0.0.5:80", "[::1]:443", ""]) == {
        ("wire.internal", 8080),
        ("10.0.0.5", 80),
        ("::1", 443),
    }
    for bad in ["wire.internal", "10.0.0.5:port", ":80"]:
        with pytest.raises(ValueError):
            parse_allow_hosts([bad])


def test_only_the_listed_port_of_a_listed_host_is_allowed(port):
    allowed = parse_allow_hosts([f"127.0.0.1:{port}", f"localhost:{port}"])
    assert (
        validate_url(f"http://127.0.0.1:{port}/feed", allow_hosts=allowed) == f"http://127.0.0.1:{port}/feed"
    )
    assert validate_url(f"http://localhost:{port}/feed", allow_hosts=allowed)
    for url in [
        f"http://127.0.0.1:{port + 1}/",
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://localhost/",
    ]:
        with pytest.raises(UnsafeURLError):
            validate_url(url, allow_hosts=allowed)


def test_a_listed_host_is_fetched_also_by_name_and_connect_time_checks_still_apply(port):
    allowed = parse_allow_hosts([f"localhost:{port}"])
    doc = fetch_url(f"http://localhost:{port}/a", max_bytes=100_000, timeout=5, allow_hosts=allowed)
    assert "internal wire story" in doc.text
    # The redirect leaves the listed pair: refused.
    with pytest.raises(UnsafeURLError):
        fetch_url(f"http://localhost:{port}/elsewhere", max_bytes=100_000, timeout=5, allow_hosts=allowed)
    # Not listed: refused at validation; and a session built for the list refuses others at connect time.
    with pytest.raises((UnsafeURLError, FetchError)):
        fetch_url(f"http://127.0.0.1:{port}/a", max_bytes=100_000, timeout=5, allow_hosts=allowed)


def test_article_urls_go_through_the_same_list(port, settings, db):
    from articles.services import article_submit

    settings.FETCH_ALLOW_HOSTS = []
    with pytest.raises(UnsafeURLError):
        article_submit(url=f"http://127.0.0.1:{port}/story")
    settings.FETCH_ALLOW_HOSTS = [f"127.0.0.1:{port}"]
    assert article_submit(url=f"http://127.0.0.1:{port}/story").created


def test_the_connect_time_check_lets_through_only_the_listed_pair(port):
    from articles.ingestion.fetch import make_session
    from articles.ingestion.urlguard import is_public_address

    with make_session(is_public_address, parse_allow_hosts([f"127.0.0.1:{port}"])) as session:
        assert session.get(f"http://127.0.0.1:{port}/a", timeout=5).status_code == 200
        with pytest.raises(UnsafeURLError):
            session.get(f"http://localhost:{port}/a", timeout=5)
