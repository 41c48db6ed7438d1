"""fetch_url against a real HTTP server running in a thread on 127.0.0.1."""

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.ingestion import FetchError, IngestionError, UnsafeURLError, fetch_url
from articles.ingestion.fetch import make_session

ARTICLE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Unemployment falls to 7.1%</title><script>alert(1)</script><style>p{color:red}</style></head>
<body><nav>Home | Politics</nav><article><h1>Unemployment falls to 7.1%</h1>
<p>The minister said on Tuesday that unemployment fell to 7.1 percent in the last quarter, the lowest
level since 2008, according to figures released by the national statistics office.</p>
<script>alert(2)</script>
<p>Opposition leaders disputed the figure, saying it excluded 250,000 people enrolled in training schemes
who would otherwise be counted as looking for work.</p></article></body></html>"""

MB = 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send(status, headers=[("Location", location)])

    def do_GET(self):
        path = self.path
        try:
            if path == "/article":
                self.send(200, ARTICLE)
            elif path == "/untyped":
                self.send(200, ARTICLE, content_type=None)
            elif path == "/plain":
                self.send(
                    200, "Le chômage a baissé.\r\nSelon le ministre.".encode(), "text/plain; charset=utf-8"
                )
            elif path == "/latin":
                self.send(200, "Un été chaud.".encode("latin-1"), "text/plain; charset=ISO-8859-1")
            elif path == "/pdf":
                self.send(200, b"%PDF-1.4 ...", "application/pdf")
            elif path == "/r1":
                self.redirect(f"http://127.0.0.1:{self.server.server_port}/r2", 301)
            elif path == "/r2":
                self.redirect("/r3", 307)
            elif path == "/r3":
                self.redirect("article", 303)
            elif path == "/loop":
                self.redirect("/loop")
            elif path == "/to-private":
                self.redirect("http://10.0.0.1/latest/meta-data/")
            elif path == "/to-file":
                self.redirect("file:///etc/passwd")
            elif path == "/big":
                self.send(200, b"a" * (2 * MB), "text/plain")
            elif path == "/big-undeclared":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"a" * 64 * 1024)
            elif path == "/gzip-bomb":
                self.send(
                    200, gzip.compress(b"\x00" * (50 * MB)), "text/plain", [("Content-Encoding", "gzip")]
                )
            elif path == "/slow":
                # Drips a byte every 0.1 s: never idle long enough for a read timeout.
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                for _ in range(100):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/silent":
                time.sleep(3)
                self.send(200, b"too late", "text/plain")
            elif path == "/binary":
                self.send(200, bytes(range(256)) * 8, "text/plain")
            elif path == "/no-text":
                self.send(200, b"<html><head><script>alert(1)</script></head><body> </body></html>")
            elif path == "/empty":
                self.send(200, b"", "text/plain")
            elif path.startswith("/status/"):
                self.send(int(path.rsplit("/", 1)[1]), b"<html><body>error page</body></html>")
            else:
                self.send(404, b"not found")
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url, **kwargs):
    kwargs.setdefault("max_bytes", MB)
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("allow_private", True)
    return fetch_url(url, **kwargs)


def fetch_error(url, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, **kwargs)
    return caught.value


def only_loopback(ip):
    return ip.is_loopback


def test_it_fetches_an_html_article(server):
    doc = fetch(f"{server}/article")
    assert doc.title == "Unemployment falls to 7.1%"
    assert "unemployment fell to 7.1 percent" in doc.text
    assert "250,000 people" in doc.text
    assert "alert" not in doc.text and "color:red" not in doc.text
    assert doc.url == f"{server}/article"
    assert doc.original_html == ARTICLE.decode()


def test_it_recognises_html_served_without_a_content_type(server):
    assert "unemployment fell" in fetch(f"{server}/untyped").text


def test_it_fetches_plain_text(server):
    doc = fetch(f"{server}/plain")
    assert doc.text == "Le chômage a baissé.\nSelon le ministre."
    assert doc.original_html == ""


def test_it_decodes_with_the_declared_charset(server):
    assert fetch(f"{server}/latin").text == "Un été chaud."


def test_it_follows_a_redirect_chain_and_reports_the_final_url(server):
    doc = fetch(f"{server}/r1")
    assert doc.url == f"{server}/article"
    assert "unemployment fell" in doc.text


def test_it_stops_after_too_many_redirects(server):
    error = fetch_error(f"{server}/loop", max_redirects=3)
    assert error.message == "The page redirects more than 3 times."
    assert not error.transient


def test_it_refuses_a_redirect_to_a_private_address_even_when_the_first_hop_was_allowed(server):
    with pytest.raises(UnsafeURLError) as caught:
        fetch(f"{server}/to-private", allow_private=False, is_allowed_address=only_loopback)
    assert "10.0.0.1" in caught.value.message
    assert caught.value.message.startswith("The page redirects to a URL that was refused.")


def test_it_refuses_a_redirect_to_another_scheme(server):
    with pytest.raises(UnsafeURLError) as caught:
        fetch(f"{server}/to-file")
    assert "Only http and https URLs can be fetched." in caught.value.message


def test_the_default_policy_refuses_the_loopback_test_server(server):
    with pytest.raises(UnsafeURLError) as caught:
        fetch_url(f"{server}/article", max_bytes=MB, timeout=5)
    assert caught.value.message == "Claimtrack does not fetch private or local addresses (127.0.0.1)."


def test_the_address_is_checked_again_at_connect_time(server):
    # A DNS-rebinding stand-in: the policy says yes when the URL is validated and no
    # when the connection is opened. The connection must not be made.
    answers = iter([True])

    def yes_then_no(ip):
        return next(answers, False)

    with pytest.raises(UnsafeURLError) as caught:
        fetch(f"{server}/article", allow_private=False, is_allowed_address=yes_then_no)
    assert "resolves to 127.0.0.1" in caught.value.message


def test_the_guarded_session_refuses_connections_its_policy_refuses(server):
    with make_session(lambda ip: False) as session, pytest.raises(UnsafeURLError):
        session.get(f"{server}/article", timeout=2)
    with make_session(only_loopback) as session:
        assert session.get(f"{server}/plain", timeout=2).status_code == 200


def test_it_refuses_a_body_declared_too_large(server):
    error = fetch_error(f"{server}/big", max_bytes=MB)
    assert error.message == "The page is larger than the 1.0 MB limit."
    assert not error.transient


def test_it_stops_reading_an_undeclared_body_past_the_limit(server):
    error = fetch_error(f"{server}/big-undeclared", max_bytes=MB)
    assert error.message == "The page is larger than the 1.0 MB limit."


def test_it_counts_the_limit_after_decompression(server):
    error = fetch_error(f"{server}/gzip-bomb", max_bytes=MB)
    assert error.message == "The page is larger than the 1.0 MB limit."


def test_a_slow_drip_server_hits_the_wall_clock_deadline(server):
    started = time.monotonic()
    error = fetch_error(f"{server}/slow", timeout=1)
    assert time.monotonic() - started < 2.5
    assert error.transient
    assert "longer than 1 second " in error.message


def test_a_silent_server_hits_the_read_timeout(server):
    started = time.monotonic()
    error = fetch_error(f"{server}/silent", timeout=1)
    assert time.monotonic() - started < 2.5
    assert error.transient


def test_a_404_is_not_transient(server):
    error = fetch_error(f"{server}/status/404")
    assert error.message == "The site answered HTTP 404 (Not Found)."
    assert not error.transient


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_rate_limits_are_transient(server, status):
    assert fetch_error(f"{server}/status/{status}").transient


def test_it_refuses_content_that_is_not_html_or_text(server):
    error = fetch_error(f"{server}/pdf")
    assert (
        error.message
        == "The URL returns application/pdf content; only HTML pages and plain text can be fetched."
    )
    assert not error.transient


def test_it_refuses_an_empty_page(server):
    assert fetch_error(f"{server}/empty").message == "The page is empty."


def test_content_that_is_not_really_text_is_a_permanent_fetch_error(server):
    error = fetch_error(f"{server}/binary")
    assert error.message == "The page looks like binary data, not text."
    assert not error.transient
    error = fetch_error(f"{server}/no-text")
    assert error.message == "No readable text was found in the HTML document."
    assert not error.transient


def test_a_refused_connection_is_transient():
    # Bind then close a socket to find a port nothing listens on.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert fetch_error(f"http://127.0.0.1:{port}/", timeout=2).transient


def test_an_unresolvable_host_is_transient_at_fetch_time():
    error = fetch_error("http://example.invalid/", allow_private=False)
    assert error.transient
    assert error.message == "The host example.invalid could not be resolved."


def test_fetch_errors_are_ingestion_errors_and_keep_transient_when_pickled():
    import pickle

    assert issubclass(FetchError, IngestionError)
    copy = pickle.loads(pickle.dumps(FetchError("Down.", transient=True)))
    assert (copy.message, copy.transient) == ("Down.", True)


# --- HTTPS --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_port}", str(cert)
    httpd.shutdown()
    httpd.server_close()


def test_it_fetches_over_https_through_the_guarded_connection(tls_server, monkeypatch):
    url, cert = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert)
    assert "unemployment fell" in fetch(f"{url}/article", is_allowed_address=only_loopback).text


def test_https_connections_are_also_checked_at_connect_time(tls_server, monkeypatch):
    url, cert = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert)
    answers = iter([True])
    with pytest.raises(UnsafeURLError):
        fetch(f"{url}/article", allow_private=False, is_allowed_address=lambda ip: next(answers, False))


def test_an_untrusted_certificate_is_a_permanent_error(tls_server, monkeypatch):
    url, _cert = tls_server
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    error = fetch_error(f"{url}/article")
    assert error.message == "The site's secure connection (TLS certificate) could not be verified."
    assert not error.transient
