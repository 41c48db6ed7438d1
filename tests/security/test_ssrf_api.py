"""SSRF through the API: URLs Claimtrack must never fetch, end to end.

The unit tests of the guard live in articles/tests/test_ingestion_urlguard.py and
test_ingestion_fetch.py; here the same refusals are checked at the API layer
(400, a clear message, nothing stored) and through the fetch task.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db

PRIVATE = "does not fetch private or local addresses"
REFUSED = [
    ("http://127.0.0.1/", PRIVATE),
    ("http://localhost/", PRIVATE),
    ("http://0.0.0.0/", PRIVATE),
    ("http://[::1]/", PRIVATE),
    ("http://10.0.0.1/", PRIVATE),
    ("http://172.16.0.1/", PRIVATE),
    ("http://192.168.1.1/", PRIVATE),
    ("http://169.254.169.254/latest/meta-data/", PRIVATE),
    ("http://2130706433/", PRIVATE),  # 127.0.0.1 as one decimal number
    ("http://0177.0.0.1/", PRIVATE),  # octal
    ("http://0x7f.0.0.1/", PRIVATE),  # hex
    ("http://127.1/", PRIVATE),  # short form
    ("http://[::ffff:127.0.0.1]/", PRIVATE),
    ("http://user:pw@example.org/", "user name or password"),
    ("ftp://example.org/", "Only http and https URLs can be fetched."),
    ("file:///etc/passwd", "Only http and https URLs can be fetched."),
    ("gopher://x", "Only http and https URLs can be fetched."),
    ("javascript:alert(1)", "Only http and https URLs can be fetched."),
]


@pytest.mark.parametrize(("url", "message"), REFUSED, ids=[u for u, _ in REFUSED])
def test_the_api_refuses_unsafe_urls_and_stores_nothing(token_api, settings, url, message):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    response = token_api.post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400, response.content
    assert message in response.json()["detail"]
    assert Article.objects.count() == 0


def test_a_public_looking_host_resolving_to_a_private_address_is_refused(token_api, settings, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    real = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host == "evil.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]
        return real(host, port, *args, **kwargs)

    from articles.ingestion import urlguard

    monkeypatch.setattr(urlguard.socket, "getaddrinfo", fake_getaddrinfo)
    response = token_api.post("/api/v1/articles/", {"url": "http://evil.example/story"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Claimtrack does not fetch private or local addresses (evil.example resolves to 10.0.0.5)."
    )
    assert Article.objects.count() == 0


def test_a_host_with_one_private_address_among_public_ones_is_refused(token_api, settings, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False

    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("fd00::1", port, 0, 0)),
        ]

    from articles.ingestion import urlguard

    monkeypatch.setattr(urlguard.socket, "getaddrinfo", fake_getaddrinfo)
    response = token_api.post("/api/v1/articles/", {"url": "http://mixed.example/"}, format="json")
    assert response.status_code == 400
    assert "fd00::1" in response.json()["detail"]
    assert Article.objects.count() == 0


class _Redirector(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "http://10.0.0.1/")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def redirector():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_redirect_to_a_private_address_fails_the_article_at_fetch_time(
    token_api, settings, monkeypatch, redirector, django_capture_on_commit_callbacks
):
    from articles import services, tasks

    def only_test_server(ip):
        return ip == ipaddress.ip_address("127.0.0.1")

    # Submitting passes the guard only because private addresses are allowed at that moment
    # (the test server is on loopback); the worker then runs with them refused and the
    # policy hook allowing the test server alone.
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    sent = []
    monkeypatch.setattr("articles.services._send_task", lambda name, pk: sent.append((name, pk)))
    with django_capture_on_commit_callbacks(execute=True):
        response = token_api.post("/api/v1/articles/", {"url": f"{redirector}/story"}, format="json")
    assert response.status_code == 201, response.content
    article_id = response.json()["id"]
    assert sent and sent[0][1] == article_id

    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    monkeypatch.setattr(
        services, "fetch_url", functools.partial(services.fetch_url, is_allowed_address=only_test_server)
    )
    tasks.fetch_article.apply(args=[article_id])

    article = Article.objects.get(pk=article_id)
    assert article.status == Article.Status.FAILED
    assert "redirects to a URL that was refused" in article.error
    assert "10.0.0.1" in article.error
    assert article.text == ""
    detail = token_api.get(f"/api/v1/articles/{article_id}/").json()
    assert detail["status"] == "failed" and "10.0.0.1" in detail["error"]
