"""Fetching a web page safely: SSRF guard on every hop, size and time limits.

How the guard holds (steps of ``fetch_url``):

1. ``validate_url`` checks the submitted URL (scheme, credentials, every resolved
   address against the address policy).
2. Requests are sent with ``allow_redirects=False``; each ``Location`` is resolved
   against the current URL and goes through ``validate_url`` again before it is
   followed, up to ``max_redirects`` hops.
3. DNS rebinding: a name could resolve to a public address when checked and to a
   private one a moment later when connected. The session below uses urllib3
   connection classes that resolve the host *themselves*, check every address
   against the same policy and connect to exactly the addresses they checked, so
   the address connected to is the address that was checked (TLS still verifies
   the certificate against the host name). Residual risk: none known for direct
   connections; environment proxies are disabled (``trust_env=False``) because
   with a proxy the guard would only see the proxy's address.
4. The body is streamed with ``read1`` (one socket read per call) so that both the
   size limit (``max_bytes``, counted after content decoding, so a gzip bomb stops
   early) and a wall-clock deadline are checked between reads. The deadline
   (``timeout`` seconds from the start, across all hops) bounds slow-drip servers;
   connect and read timeouts bound a silent one. Worst case ≈ the deadline plus one
   read timeout.
"""

from __future__ import annotations

import email.message
import http
import ipaddress
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from django.utils.translation import gettext_noop  # marks messages; views translate them
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util.connection import allowed_gai_family
from urllib3.util.timeout import Timeout

from .documents import Document
from .encoding import decode_bytes
from .errors import FetchError, IngestionError, UnresolvableHostError, UnsafeURLError
from .html import html_to_document
from .text import clean_text
from .urlguard import AddressPolicy, AllowHosts, address_policy, display, is_allowed_host, validate_url

DEFAULT_USER_AGENT = "Claimtrack/0.1 (+fact-checking)"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# 4xx that mean "try again later" rather than "this will never work".
TRANSIENT_CLIENT_ERRORS = {408, 425, 429}
_CHUNK = 64 * 1024


@dataclass
class RawResponse:
    """What ``fetch_raw`` read: the final URL, status, headers and body.

    ``moved_to`` is the URL reached through the leading chain of *permanent*
    redirects (301/308), or None: a feed that moved for good.
    """

    url: str
    status: int
    headers: dict
    body: bytes
    moved_to: str | None = None


def fetch_raw(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    max_redirects: int = 5,
    allow_private: bool = False,
    allow_hosts: AllowHosts = (),
    headers: dict | None = None,
    check: Callable[[requests.Response], object] | None = None,
    pass_statuses: frozenset[int] = frozenset(),
    user_agent: str = DEFAULT_USER_AGENT,
    is_allowed_address: AddressPolicy | None = None,
) -> RawResponse:
    """GET ``url`` through the guard (every hop, every connection) within the limits.

    ``check(response)`` runs on the final response before its body is read (it may
    raise ``FetchError``, e.g. for a content type the caller does not take).
    Statuses in ``pass_statuses`` (e.g. 304) are returned with an empty body
    instead of raising.
    """
    policy = address_policy(allow_private=allow_private, is_allowed_address=is_allowed_address)
    deadline = time.monotonic() + timeout
    current = _checked(url, allow_private, policy, allow_hosts)
    moved_to, permanent = None, True
    request_headers = {"User-Agent": user_agent, **(headers or {})}
    with make_session(policy, allow_hosts) as session:
        for _hop in range(max_redirects + 1):
            remaining = _remaining(deadline, timeout)
            response = _get(session, current, request_headers, min(timeout, remaining), timeout)
            with response:
                if response.status_code in REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"The page at {current} redirects without saying where.")
                    target = urljoin(current, location)
                    try:
                        current = _checked(target, allow_private, policy, allow_hosts)
                    except UnsafeURLError as exc:
                        raise UnsafeURLError(
                            f"The page redirects to a URL that was refused. {exc.message}"
                        ) from None
                    permanent = permanent and response.status_code in (301, 308)
                    if permanent:
                        moved_to = current
                    continue
                if response.status_code in pass_statuses:
                    return RawResponse(current, response.status_code, dict(response.headers), b"", moved_to)
                _check_status(response)
                if check is not None:
                    check(response)
                body = _read_body(response, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
                return RawResponse(current, response.status_code, dict(response.headers), body, moved_to)
    raise FetchError(f"The page redirects more than {max_redirects} times.")


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    max_redirects: int = 5,
    allow_private: bool = False,
    allow_hosts: AllowHosts = (),
    user_agent: str = DEFAULT_USER_AGENT,
    is_allowed_address: AddressPolicy | None = None,
) -> Document:
    """Fetch an HTML or plain-text page and return it as a ``Document``.

    Raises ``UnsafeURLError`` when the URL or any redirect target is refused, and
    ``FetchError`` (with ``.transient``) for everything else: network failures,
    HTTP errors, limits, content that is not HTML or text, pages with no readable
    text.
    ``is_allowed_address`` replaces the address policy (tests use it to allow the
    loopback test server while refusing other private addresses); ``allow_hosts``
    lets exactly the listed ``(host, port)`` pairs through (FETCH_ALLOW_HOSTS).
    """
    kinds = {}

    def check(response):
        kinds["kind"], kinds["charset"] = _content_kind(response)

    raw = fetch_raw(
        url,
        max_bytes=max_bytes,
        timeout=timeout,
        max_redirects=max_redirects,
        allow_private=allow_private,
        allow_hosts=allow_hosts,
        headers={"Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"},
        check=check,
        user_agent=user_agent,
        is_allowed_address=is_allowed_address,
    )
    return _to_document(raw.body, kind=kinds["kind"], charset=kinds["charset"], url=raw.url)


def _checked(url: str, allow_private: bool, policy: AddressPolicy, allow_hosts: AllowHosts = ()) -> str:
    try:
        return validate_url(
            url, allow_private=allow_private, is_allowed_address=policy, allow_hosts=allow_hosts
        )
    except UnresolvableHostError as exc:
        # At fetch time a DNS failure is worth retrying.
        raise FetchError(exc.message, transient=True) from None


def _too_slow(timeout: float) -> FetchError:
    unit = "second" if timeout == 1 else "seconds"
    return FetchError(f"The site took longer than {timeout:g} {unit} to respond.", transient=True)


def _remaining(deadline: float, timeout: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _too_slow(timeout)
    return remaining


def _get(
    session: requests.Session, url: str, headers: dict, per_call: float, timeout: float
) -> requests.Response:
    try:
        return session.get(
            url, headers=headers, stream=True, allow_redirects=False, timeout=(per_call, per_call)
        )
    except requests.exceptions.SSLError:
        raise FetchError(
            gettext_noop("The site's secure connection (TLS certificate) could not be verified.")
        ) from None
    except requests.Timeout:
        raise _too_slow(timeout) from None
    except requests.ConnectionError:
        raise FetchError(
            gettext_noop("Could not connect to the site; it may be down."), transient=True
        ) from None
    except requests.RequestException as exc:
        raise FetchError(f"The page could not be fetched ({type(exc).__name__}).") from None


def _check_status(response: requests.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    transient = status >= 500 or status in TRANSIENT_CLIENT_ERRORS
    raise FetchError(f"The site answered HTTP {status} ({phrase}).", transient=transient)


def _content_kind(response: requests.Response) -> tuple[str | None, str | None]:
    """("html" | "text" | None if unknown yet, charset) from the Content-Type header."""
    header = response.headers.get("Content-Type", "").strip()
    if not header:
        return None, None
    message = email.message.Message()
    message["Content-Type"] = header
    mime = message.get_content_type()
    charset = message.get_param("charset")
    charset = charset.strip() if isinstance(charset, str) else None
    if mime in HTML_TYPES:
        return "html", charset
    if mime in TEXT_TYPES:
        return "text", charset
    raise FetchError(f"The URL returns {mime} content; only HTML pages and plain text can be fetched.")


def _read_body(response: requests.Response, *, max_bytes: int, deadline: float, timeout: float) -> bytes:
    too_large = f"The page is larger than the {_size(max_bytes)} limit."
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large)
    raw = response.raw
    body = bytearray()
    try:
        while True:
            _remaining(deadline, timeout)
            chunk = raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(too_large)
    except ReadTimeoutError:
        raise _too_slow(timeout) from None
    except DecodeError:
        raise FetchError(gettext_noop("The page's compressed content could not be decoded.")) from None
    except (ProtocolError, HTTPError, OSError):
        raise FetchError(
            gettext_noop("The connection was interrupted while reading the page."), transient=True
        ) from None
    return bytes(body)


def _to_document(body: bytes, *, kind: str | None, charset: str | None, url: str) -> Document:
    if not body.strip():
        raise FetchError(gettext_noop("The page is empty."))
    if kind is None:
        # No Content-Type: accept only what is unmistakably HTML.
        head = body[:1024].lstrip().lower()
        if not (head.startswith((b"<!doctype html", b"<html")) or b"<html" in head):
            raise FetchError(
                "The site did not say what kind of content the URL returns; only HTML pages and plain text can be fetched."
            )
        kind = "html"
    # Everything that goes wrong from here is about the page itself: a FetchError that
    # retrying will not fix, so callers need only one except clause.
    try:
        text = decode_bytes(body, declared=charset, html=kind == "html", strict_declared=False, what="page")
        if kind == "html":
            return html_to_document(text, url=url)
    except IngestionError as exc:
        raise FetchError(exc.message) from None
    cleaned = clean_text(text)
    if not cleaned:
        raise FetchError(gettext_noop("The page contains no text."))
    return Document(text=cleaned, url=url)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):,.1f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n:,} bytes"


# --- Connection-time address check (DNS rebinding) ----------------------------------


class _GuardedConnectionMixin:
    """Resolve, check every address against ``policy``, connect only to checked addresses."""

    policy: AddressPolicy
    allow_hosts: AllowHosts = ()

    def _new_conn(self) -> socket.socket:
        host, port = self.host, self.port  # urllib3's public name (the FQDN's trailing dot dropped)
        try:
            infos = socket.getaddrinfo(host.strip("[]"), port, allowed_gai_family(), socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        listed = is_allowed_host(self.host, port or self.default_port, "", type(self).allow_hosts)
        for *_rest, sockaddr in infos:
            ip = ipaddress.ip_address(sockaddr[0])
            if not listed and not type(self).policy(ip):
                raise UnsafeURLError(
                    f"Claimtrack does not fetch private or local addresses ({self.host} resolves to {display(ip)})."
                )
        error: OSError | None = None
        for family, socktype, proto, _canon, sockaddr in infos:
            sock = socket.socket(family, socktype, proto)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                if self.timeout is not Timeout.DEFAULT_TIMEOUT:
                    sock.settimeout(self.timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(sockaddr)
                return sock
            except TimeoutError as exc:
                sock.close()
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from exc
            except OSError as exc:
                sock.close()
                error = exc
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")


class _GuardedAdapter(HTTPAdapter):
    def __init__(self, policy: AddressPolicy, allow_hosts: AllowHosts = ()):
        # Classes per adapter: the policy travels as a class attribute because urllib3's
        # pool keys reject unknown connection keyword arguments.
        guarded = {"policy": staticmethod(policy), "allow_hosts": frozenset(allow_hosts)}
        http_conn = type("GuardedHTTPConnection", (_GuardedConnectionMixin, HTTPConnection), guarded)
        https_conn = type("GuardedHTTPSConnection", (_GuardedConnectionMixin, HTTPSConnection), guarded)
        self._pool_classes = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
        }
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes


def make_session(policy: AddressPolicy, allow_hosts: AllowHosts = ()) -> requests.Session:
    """A requests session whose every connection is checked against ``policy`` at connect time
    (``allow_hosts``: the ``(host, port)`` pairs let through whatever they resolve to)."""
    session = requests.Session()
    # No environment proxies (the guard would only see the proxy's address) and no
    # .netrc credentials. A custom CA bundle is harmless and sometimes needed, so the
    # usual variables for it are still honoured.
    session.trust_env = False
    session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    adapter = _GuardedAdapter(policy, allow_hosts)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
