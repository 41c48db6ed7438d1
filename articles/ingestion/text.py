"""Text cleaning, validation and hashing.

``clean_text`` is deliberately minimal: the stored result is the reference for
claim offsets, so anything smarter (typographic quotes, NBSP...) belongs to the
extraction pipeline's same-length normalisation, not here.
"""

from __future__ import annotations

import hashlib
import re

from django.utils.translation import gettext_noop  # marks messages; views translate them

from .errors import IngestionError

# C0 controls except \t (0x09) and \n (0x0A), plus DEL. \r is handled first.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters and trim surrounding blank space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub("", text)
    return text.strip()


def validate_text(text: str, *, max_chars: int) -> str:
    """Return the cleaned text, or raise ``IngestionError`` if it is empty or too long."""
    cleaned = clean_text(text)
    if not cleaned:
        raise IngestionError(gettext_noop("The article text is empty."))
    if len(cleaned) > max_chars:
        raise IngestionError(f"The article is {len(cleaned):,} characters long; the limit is {max_chars:,}.")
    return cleaned


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the cleaned text with every whitespace run collapsed to one space.

    The same text pasted twice - with different line endings, indentation or
    trailing spaces - gets the same hash.
    """
    collapsed = _WHITESPACE_RUN.sub(" ", clean_text(text)).strip()
    return hashlib.sha256(collapsed.encode("utf-8")).hexdigest()
