"""The SSRF guard: which URLs Claimtrack may fetch.

A URL is fetched only if it is http(s), carries no credentials, and its host is,
or resolves *entirely* to, public unicast addresses. "Public" is decided by an
address policy: a callable ``(ip_address) -> bool``. The default is
``is_public_address``; ``allow_private=True`` allows everything (development,
tests); tests can pass their own policy (``is_allowed_address=``) to exercise
the refusal paths against a loopback test server.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Collection
from urllib.parse import urlsplit, urlunsplit

from django.utils.translation import gettext_noop  # marks messages; views translate them

from .errors import UnresolvableHostError, UnsafeURLError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]
# ``(host, port)`` pairs let through whatever they resolve to (FETCH_ALLOW_HOSTS).
AllowHosts = Collection[tuple[str, int]]

MAX_URL_LENGTH = 2048
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_NUMERIC_LABEL = r"(?:0x[0-9a-f]*|[0-9]+)"
_NUMERIC_HOST = re.compile(rf"{_NUMERIC_LABEL}(?:\.{_NUMERIC_LABEL}){{0,3}}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_public_address(ip: IPAddress) -> bool:
    """True for public unicast addresses only.

    Refuses private, loopback, link-local, multicast, reserved, unspecified and
    shared (100.64/10) addresses, documentation ranges, and IPv6 forms that embed
    one of those (IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4).
    """
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return is_public_address(ip.ipv4_mapped)
        if ip in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour is not None and not is_public_address(ip.sixtofour):
            return False
    return not (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (ip.version == 4 and ip in _SHARED)
        or (ip.version == 6 and ip.is_site_local)
    )


def _allow_all(ip: IPAddress) -> bool:
    return True


def address_policy(
    *, allow_private: bool = False, is_allowed_address: AddressPolicy | None = None
) -> AddressPolicy:
    """The policy in force: an explicit hook wins, then ``allow_private``, then public-only."""
    if is_allowed_address is not None:
        return is_allowed_address
    return _allow_all if allow_private else is_public_address


def parse_allow_hosts(entries: Collection[str]) -> frozenset[tuple[str, int]]:
    """``["wire.internal:8080", "10.0.0.5:80", "[fd00::1]:443"]`` → ``{(host, port)}``.

    Each entry names one host *and* one port: only that pair is let through to a
    private or loopback address; every other private address stays refused.
    Raises ``ValueError`` for an entry without a valid port.
    """
    allowed = set()
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        parts = urlsplit(f"//{entry}")
        try:
            port = parts.port
        except ValueError:
            port = None
        host = (parts.hostname or "").rstrip(".")
        if not host or port is None:
            raise ValueError(f"FETCH_ALLOW_HOSTS entries are host:port pairs; {entry!r} is not one.")
        ip = _literal_ip(host)
        allowed.add((str(ip) if ip is not None else _idna(host), port))
    return frozenset(allowed)


def is_allowed_host(host: str, port: int | None, scheme: str, allow_hosts: AllowHosts) -> bool:
    """True when ``host:port`` is listed in ``allow_hosts`` (names and addresses as normalised above)."""
    if not allow_hosts:
        return False
    host = host.strip("[]").rstrip(".").lower()
    try:
        host = str(ipaddress.ip_address(host))
    except ValueError:
        pass
    return (host, port or _DEFAULT_PORTS.get(scheme, 0)) in allow_hosts


def refused(ip: IPAddress | str) -> UnsafeURLError:
    return UnsafeURLError(f"Claimtrack does not fetch private or local addresses ({display(ip)}).")


def display(ip: IPAddress | str) -> str:
    """An address as a person reads it (IPv4-mapped IPv6 keeps its dotted IPv4 part)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return f"::ffff:{ip.ipv4_mapped}"
    return str(ip)


def validate_url(
    url: str,
    *,
    allow_private: bool = False,
    is_allowed_address: AddressPolicy | None = None,
    allow_hosts: AllowHosts = (),
) -> str:
    """Check ``url`` against the SSRF rules and return it normalised.

    1. Scheme must be http or https; no user name or password; a host; a valid port.
    2. The host is IDNA-encoded and lower-cased. ``localhost`` and ``*.localhost``
       are refused by name (unless private addresses are allowed).
    3. IP literals, including the legacy forms ``inet_aton`` accepts (decimal
       ``2130706433``, octal ``0177.0.0.1``, hex, short ``127.1``), are converted to
       a canonical address and checked against the policy.
    4. Host names are resolved with ``getaddrinfo``; *every* address returned must
       pass the policy (a name with one private address is refused).
    5. A ``host:port`` listed in ``allow_hosts`` skips the address checks (an internal
       wire feed); the same host on another port is checked as usual.

    Normalisation: lower-case scheme and host, default port and fragment removed,
    empty path → "/". The query string and path are kept as written.

    Raises ``UnsafeURLError`` for refusals and ``UnresolvableHostError`` (a plain
    ``IngestionError``) when the host does not resolve.
    """
    policy = address_policy(allow_private=allow_private, is_allowed_address=is_allowed_address)
    url = (url or "").strip()
    if not url:
        raise UnsafeURLError(gettext_noop("The URL is empty."))
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURLError(f"The URL is too long (over {MAX_URL_LENGTH:,} characters).")
    if _CONTROL.search(url):
        raise UnsafeURLError(gettext_noop("The URL contains spaces or control characters."))
    try:
        parts = urlsplit(url)
    except ValueError:
        raise UnsafeURLError(gettext_noop("The URL is not valid.")) from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        if not parts.scheme or ("://" not in url and "." in parts.scheme):
            raise UnsafeURLError(gettext_noop("Enter a full URL, starting with http:// or https://."))
        raise UnsafeURLError(gettext_noop("Only http and https URLs can be fetched."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeURLError(gettext_noop("URLs containing a user name or password are not fetched."))
    try:
        port = parts.port
    except ValueError:
        raise UnsafeURLError(gettext_noop("The URL's port number is not valid.")) from None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURLError(gettext_noop("The URL has no host name."))

    ip = _literal_ip(host)
    listed = is_allowed_host(str(ip) if ip is not None else _idna(host), port, scheme, allow_hosts)
    if ip is not None:
        if not listed and not policy(ip):
            raise refused(ip)
        netloc_host = f"[{ip}]" if ip.version == 6 else str(ip)
    else:
        host = _idna(host)
        if listed:
            pass
        elif not allow_private and (host == "localhost" or host.endswith(".localhost")):
            raise refused(host)
        else:
            _check_resolved(host, port or _DEFAULT_PORTS[scheme], policy)
        netloc_host = host

    netloc = netloc_host if port in (None, _DEFAULT_PORTS[scheme]) else f"{netloc_host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _check_resolved(host: str, port: int, policy: AddressPolicy) -> None:
    for resolved in resolve(host, port):
        if not policy(resolved):
            raise UnsafeURLError(
                f"Claimtrack does not fetch private or local addresses ({host} resolves to {display(resolved)})."
            )


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses ``host`` resolves to (deduplicated, in resolver order)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise UnresolvableHostError(f"The host {host} could not be resolved.") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise UnresolvableHostError(f"The host {host} could not be resolved.")
    return addresses


def _literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host):
        # Legacy numeric forms that resolvers (inet_aton) still accept.
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise UnsafeURLError(f"The host {host} is not a valid address.") from None
    return None


def _idna(host: str) -> str:
    if host.isascii():
        return host.lower()
    import idna

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        try:
            return host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise UnsafeURLError(f"The host name {host} is not valid.") from None
