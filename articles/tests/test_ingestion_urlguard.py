"""The SSRF guard. Literal addresses need no network; names use the local resolver only."""

import ipaddress
import socket

import pytest

from articles.ingestion import IngestionError, UnsafeURLError, is_public_address, validate_url
from articles.ingestion.errors import UnresolvableHostError


def refusal(url, **kwargs) -> str:
    with pytest.raises(UnsafeURLError) as caught:
        validate_url(url, **kwargs)
    return caught.value.message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://127.0.0.1:8000/admin", "127.0.0.1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://[::1]/", "::1"),
        ("http://[::]/", "::"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://[::127.0.0.1]/", "::7f00:1"),
        ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("http://172.16.0.1/", "172.16.0.1"),
        ("http://192.168.1.1/", "192.168.1.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://100.64.0.1/", "100.64.0.1"),
        ("http://224.0.0.1/", "224.0.0.1"),
        ("http://240.0.0.1/", "240.0.0.1"),
        ("http://255.255.255.255/", "255.255.255.255"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://[fc00::1]/", "fc00::1"),
        ("http://[ff02::1]/", "ff02::1"),
        ("http://[64:ff9b::a00:1]/", "64:ff9b::a00:1"),
        ("http://[2002:7f00:1::]/", "2002:7f00:1::"),
        # Legacy numeric forms that resolvers accept, all meaning 127.0.0.1.
        ("http://2130706433/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://0x7f.0.0.1/", "127.0.0.1"),
        ("http://0x7f000001/", "127.0.0.1"),
        ("http://127.1/", "127.0.0.1"),
        ("http://0/", "0.0.0.0"),
        ("http://localhost/", "localhost"),
        ("http://LOCALHOST./", "localhost"),
        ("http://api.localhost/", "api.localhost"),
    ],
)
def test_it_refuses_private_and_local_addresses(url, shown):
    assert refusal(url) == f"Claimtrack does not fetch private or local addresses ({shown})."


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://example.com/",
        "data:text/html,<script>alert(1)</script>",
        "mailto:someone@example.com",
    ],
)
def test_it_refuses_non_http_schemes(url):
    assert refusal(url) == "Only http and https URLs can be fetched."


def test_it_asks_for_a_full_url_when_the_scheme_is_missing():
    assert refusal("example.com/article") == "Enter a full URL, starting with http:// or https://."


def test_it_refuses_credentials_in_the_url():
    assert "user name or password" in refusal("http://user:secret@93.184.216.34/")
    assert "user name or password" in refusal("http://user@93.184.216.34/")


@pytest.mark.parametrize("url", ["http://", "http:///path", "https://:80/"])
def test_it_refuses_urls_without_a_host(url):
    assert refusal(url) == "The URL has no host name."


@pytest.mark.parametrize(
    "url", ["", "   ", "http://93.184.216.34/a b", "http://93.184.216.34/\x00", "http://93.184.216.34:99999/"]
)
def test_it_refuses_malformed_urls(url):
    refusal(url)


def test_it_refuses_overlong_urls():
    assert "too long" in refusal("http://93.184.216.34/" + "a" * 3000)


def test_it_accepts_and_normalises_a_public_literal_ip():
    assert validate_url("HTTP://93.184.216.34") == "http://93.184.216.34/"
    assert validate_url("https://93.184.216.34:443/a?b=1#frag") == "https://93.184.216.34/a?b=1"
    assert validate_url("http://93.184.216.34:8080/x") == "http://93.184.216.34:8080/x"
    assert validate_url("http://[2606:4700::1111]/") == "http://[2606:4700::1111]/"


def test_it_canonicalises_legacy_numeric_forms_of_public_addresses():
    assert validate_url("http://1572395042/") == "http://93.184.216.34/"


def test_allow_private_lets_local_addresses_through():
    assert validate_url("http://127.0.0.1:8000/x", allow_private=True) == "http://127.0.0.1:8000/x"
    assert validate_url("http://localhost:8000/", allow_private=True) == "http://localhost:8000/"


def test_allow_private_still_refuses_other_schemes_and_credentials():
    assert refusal("file:///etc/passwd", allow_private=True) == "Only http and https URLs can be fetched."
    assert "user name" in refusal("http://a:b@127.0.0.1/", allow_private=True)


def test_a_custom_address_policy_replaces_the_default():
    def only_loopback(ip):
        return ip.is_loopback

    assert validate_url("http://127.0.0.1:9/", is_allowed_address=only_loopback) == "http://127.0.0.1:9/"
    assert "10.0.0.1" in refusal("http://10.0.0.1/", is_allowed_address=only_loopback)


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch):
    # The resolver is the outside world here: answer as a hostile DNS server would.
    def fake_getaddrinfo(host, port, *args, **kwargs):
        assert host == "intranet.example.com"
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    assert refusal("https://intranet.example.com/") == (
        "Claimtrack does not fetch private or local addresses (intranet.example.com resolves to 10.1.2.3)."
    )


def test_a_name_resolving_to_public_addresses_is_accepted(monkeypatch):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2606:4700::1111", port, 0, 0))
        ],
    )
    assert validate_url("https://News.Example.COM/a") == "https://news.example.com/a"
    assert validate_url("https://bücher.example/") == "https://xn--bcher-kva.example/"


def test_an_unresolvable_host_is_a_plain_ingestion_error():
    with pytest.raises(IngestionError) as caught:
        validate_url("http://example.invalid/")
    assert type(caught.value) is UnresolvableHostError
    assert not isinstance(caught.value, UnsafeURLError)
    assert caught.value.message == "The host example.invalid could not be resolved."


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.216.34", "64:ff9b::5db8:d822"]
)
def test_is_public_address_accepts_public_unicast(address):
    assert is_public_address(ipaddress.ip_address(address))
