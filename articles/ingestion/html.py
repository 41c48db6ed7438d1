"""HTML → Document: main text with trafilatura, a plain lxml fallback, metadata.

Scripts, styles and other non-content elements never reach the text: trafilatura
drops them, and the fallback removes them from the tree before reading it.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from django.utils.translation import gettext_noop  # marks messages; views translate them

from .documents import Document
from .errors import IngestionError
from .text import clean_text

log = logging.getLogger(__name__)

# Elements whose content is never article text.
# fmt: off
_NON_CONTENT = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "head", "nav", "form", "button", "select", "textarea",
)
_BLOCK = (
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "figure", "figcaption", "hr", "address",
)
# fmt: on
_SPACES = re.compile(r"[^\S\n]+")
# Metadata fields are free text from the page; keep them to a sane size.
_MAX_TITLE = 500
_MAX_META = 255


def html_to_document(html: str, *, url: str = "") -> Document:
    """Extract the main text and metadata of an HTML page.

    1. trafilatura's main-content extraction with metadata (title, author,
       sitename → outlet, date → published_at at midnight UTC).
    2. If it finds no text (very short or unusual pages), read the whole body
       with lxml after dropping scripts, styles, navigation and forms, and take
       the metadata from trafilatura's metadata extractor alone.

    Raises ``IngestionError`` when no text can be found at all.
    """
    if not html or not html.strip():
        raise IngestionError(gettext_noop("The HTML document is empty."))

    text, meta = _trafilatura(html, url)
    if not text:
        text = _fallback_text(html)
        meta = _metadata_only(html, url)
    text = clean_text(text)
    if not text:
        raise IngestionError(gettext_noop("No readable text was found in the HTML document."))

    title = meta.get("title") or _fallback_title(html)
    return Document(
        text=text,
        title=_short(title, _MAX_TITLE),
        author=_short(meta.get("author"), _MAX_META),
        outlet=_short(meta.get("sitename"), _MAX_META),
        published_at=_parse_date(meta.get("date")),
        url=url,
        original_html=html,
    )


def _trafilatura(html: str, url: str) -> tuple[str, dict]:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            as_dict=False,
        )
    except Exception:  # trafilatura is robust but not total on hostile markup
        log.warning("trafilatura failed on %s", url or "an HTML document", exc_info=True)
        return "", {}
    if result is None:
        return "", {}
    meta = {key: getattr(result, key, None) for key in ("title", "author", "sitename", "date")}
    return result.text or "", meta


def _metadata_only(html: str, url: str) -> dict:
    try:
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(html, default_url=url or None)
    except Exception:
        log.warning("trafilatura metadata failed on %s", url or "an HTML document", exc_info=True)
        return {}
    return {key: getattr(meta, key, None) for key in ("title", "author", "sitename", "date")}


def _parse_tree(html: str):
    import lxml.etree
    import lxml.html

    # Parse bytes: lxml refuses str input that carries an XML encoding declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):  # e.g. no elements at all
        return None


def _fallback_text(html: str) -> str:
    tree = _parse_tree(html)
    if tree is None:
        return ""
    for element in tree.xpath("|".join(f"//{tag}" for tag in _NON_CONTENT)):
        element.drop_tree()
    for element in tree.iter(*_BLOCK):
        element.tail = "\n" + (element.tail or "")
        if element.text:
            element.text = "\n" + element.text
    for element in tree.iter("br"):
        element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _fallback_title(html: str) -> str:
    tree = _parse_tree(html)
    if tree is None:
        return ""
    for xpath in ("//title", "//h1"):
        found = tree.xpath(xpath)
        if found:
            title = _SPACES.sub(" ", found[0].text_content()).strip()
            if title:
                return title
    return ""


def _short(value: str | None, limit: int) -> str:
    value = _SPACES.sub(" ", value or "").strip()
    return value[:limit]


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
