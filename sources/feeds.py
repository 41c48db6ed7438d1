"""Reading what a source serves: RSS/Atom feeds, news sitemaps, home pages.

Plain functions over bytes (the bytes are fetched through the SSRF guard by
``sources.polling``; feedparser never opens a URL itself).

Hostile XML: any document type declaration that declares entities (the
"billion laughs" expansion, external entities) is refused before a parser sees
it; defusedxml parses sitemaps. feedparser sanitises the HTML it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|xtor$|at_medium$|at_campaign$)")
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/x-rss+xml",
}


class FeedError(ValueError):
    """The document cannot be read as a feed; ``message`` is shown on the source's health."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class FeedItem:
    guid: str
    url: str
    title: str = ""
    published_at: datetime | None = None


@dataclass
class ParsedFeed:
    kind: str  # "feed" | "sitemap"
    title: str = ""
    items: list[FeedItem] = field(default_factory=list)


def canonical_url(url: str) -> str:
    """The item URL used for de-duplication: no fragment, no tracking parameters,
    lower-case scheme and host."""
    parts = urlsplit(url.strip())
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def looks_like_html(body: bytes, content_type: str = "") -> bool:
    head = body[:2048].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


def refuse_entities(body: bytes) -> None:
    """Refuse DTD entity declarations (entity expansion, external entities)."""
    head = body[:65536]
    if _ENTITY_DECL.search(head) or _DOCTYPE.search(head):
        raise FeedError("The feed declares XML entities; it is refused (entity expansion is unsafe).")


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    """An RSS/Atom feed or a (news) sitemap → items, newest as listed. Raises FeedError."""
    if not body.strip():
        raise FeedError("The feed is empty.")
    refuse_entities(body)
    if b"<urlset" in body[:4096] or b"<sitemapindex" in body[:4096]:
        return _parse_sitemap(body, url=url)
    parsed = feedparser.parse(
        body,
        response_headers={"content-type": content_type or "application/xml", "content-location": url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__}: {str(reason)[:200]})" if reason else ""
        raise FeedError(f"The document is not an RSS or Atom feed{detail}.")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        link = urljoin(url, link)
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        guid = (entry.get("id") or "").strip() or canonical_url(link)
        items.append(
            FeedItem(
                guid=guid[:1000],
                url=link,
                title=(entry.get("title") or "").strip()[:500],
                published_at=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            )
        )
    return ParsedFeed(kind="feed", title=(parsed.feed.get("title") or "").strip()[:200], items=items)


def _parse_sitemap(body: bytes, *, url: str) -> ParsedFeed:
    try:
        root = safe_fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FeedError("The sitemap declares XML entities or a DTD; it is refused.") from None
    except ParseError as exc:
        raise FeedError(f"The sitemap is not well-formed XML ({str(exc)[:200]}).") from None
    items = []
    for node in root.iter(f"{_SITEMAP_NS}url"):
        loc = (node.findtext(f"{_SITEMAP_NS}loc") or "").strip()
        if not loc or urlsplit(loc).scheme not in ("http", "https"):
            continue
        news = node.find(f"{_NEWS_NS}news")
        title = (news.findtext(f"{_NEWS_NS}title") or "").strip() if news is not None else ""
        when = (news.findtext(f"{_NEWS_NS}publication_date") if news is not None else None) or node.findtext(
            f"{_SITEMAP_NS}lastmod"
        )
        items.append(
            FeedItem(
                guid=canonical_url(loc)[:1000],
                url=urljoin(url, loc),
                title=title[:500],
                published_at=_iso(when),
            )
        )
    return ParsedFeed(kind="sitemap", items=items)


def discover_feeds(html: bytes, *, url: str) -> list[str]:
    """Feed URLs a home page announces (<link rel=alternate>, then feed-like links), via trafilatura."""
    from trafilatura.feeds import FeedParameters, determine_feed

    text = html.decode("utf-8", errors="replace")
    parts = urlsplit(url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.netloc, url)
    found = determine_feed(text, params)
    return [link for link in dict.fromkeys(found) if urlsplit(link).scheme in ("http", "https")][:10]


def _date(struct) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime(*struct[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
