"""The demo wire: a local RSS feed and its article pages, served by the dev server itself.

So that `make run` shows a source at work without the internet: `load_demo`
follows ``{SITE_URL}/demo/feed.xml`` (127.0.0.1:8000 is in FETCH_ALLOW_HOSTS by
default only in the embedded DEBUG configuration). Served only when DEBUG is on.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import escape

WIRE = Path(__file__).resolve().parent / "wire.json"


@lru_cache(maxsize=1)
def stories() -> list[dict]:
    return json.loads(WIRE.read_text(encoding="utf-8"))


def _debug_only() -> None:
    if not settings.DEBUG:
        raise Http404("The demo wire is served only in DEBUG.")


def demo_feed(request: HttpRequest) -> HttpResponse:
    _debug_only()
    items = []
    for story in stories():
        link = request.build_absolute_uri(reverse("demo_story", args=[story["slug"]]))
        when = format_datetime(datetime.fromisoformat(story["published"]))
        items.append(
            f"<item><title>{escape(story['title'])}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="false">demo-wire-{story["slug"]}</guid><pubDate>{when}</pubDate></item>'
        )
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Claimtrack demo wire</title>'
        f"<link>{escape(request.build_absolute_uri('/'))}</link><description>Demo feed</description>"
        f"{''.join(items)}</channel></rss>"
    )
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")


def demo_story(request: HttpRequest, slug: str) -> HttpResponse:
    _debug_only()
    story = next((s for s in stories() if s["slug"] == slug), None)
    if story is None:
        raise Http404
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story["paragraphs"])
    body = (
        f'<!doctype html><html lang="{story["language"]}"><head><meta charset="utf-8">'
        f"<title>{escape(story['title'])}</title>"
        f'<meta property="article:published_time" content="{story["published"]}"></head>'
        f"<body><article><h1>{escape(story['title'])}</h1>{paragraphs}</article></body></html>"
    )
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("feed.xml", demo_feed, name="demo_feed"),
    path("story/<slug:slug>/", demo_story, name="demo_story"),
]
