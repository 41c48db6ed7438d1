from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Document:
    """What a reader or a fetch produces: cleaned text plus whatever metadata was found.

    ``text`` has been through ``clean_text`` (offsets are computed on it as stored).
    ``published_at`` is timezone-aware (UTC) when set. ``original_html`` is the raw,
    unsanitised HTML: escape or sanitise it before ever rendering it.
    """

    text: str
    title: str = ""
    author: str = ""
    outlet: str = ""
    published_at: datetime | None = None
    url: str = ""
    language: str = ""
    original_html: str = ""
