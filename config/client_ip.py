"""The client's address, for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind the TLS proxy every request comes from the proxy's address, so axes,
which keys on username + address, locked a user out for everyone after five
wrong passwords from anyone. With `BEHIND_TLS_PROXY=1` the address is taken
from X-Forwarded-For, trusting exactly `TRUSTED_PROXY_COUNT` proxies (default
1): each proxy appends the address it received the request from, so the
client is the n-th entry from the right. Entries further left were written by
the client and are never trusted (a forged header cannot escape a lock).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry was written by a trusted proxy; take the first.
    return _valid(forwarded[-min(count, len(forwarded))]) or remote
