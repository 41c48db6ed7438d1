"""Turning uploaded or fetched bytes into text, refusing what is not text.

Order of trust (first match wins):

1. A byte-order mark (UTF-8, UTF-16 or UTF-32): decode strictly with it.
2. NUL bytes without a BOM: binary content, refused.
3. A declared encoding (HTTP ``charset`` or, for HTML, ``<meta charset>``): decode
   strictly. For uploads a declared encoding that fails is refused; for fetched
   pages (``strict_declared=False``) we fall through, since web servers often lie.
4. UTF-8, strictly.
5. charset-normalizer, accepted only when it is confident: low "chaos" (mess of
   unlikely characters) and a recognised language ("coherence"). Short legacy-
   encoded snippets are refused rather than guessed wrong.
"""

from __future__ import annotations

import codecs
import re

from .errors import IngestionError

_BOMS = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_MAX_CHAOS = 0.2
_MIN_COHERENCE = 0.2
_UNDETECTABLE = "The {what}'s character encoding could not be detected; save it as UTF-8 and try again."


def sniff_html_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares in the first 4 KB of an HTML document, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_bytes(
    data: bytes,
    *,
    declared: str | None = None,
    html: bool = False,
    strict_declared: bool = True,
    what: str = "file",
) -> str:
    """Decode ``data`` to ``str`` following the order above, or raise ``IngestionError``."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise IngestionError(
                    f"The {what} starts with a {label} byte-order mark but is not valid {label}."
                ) from None

    if b"\x00" in data:
        raise IngestionError(f"The {what} looks like binary data, not text.")

    if not declared and html:
        declared = sniff_html_charset(data)
    if declared:
        text = _decode_declared(data, declared, strict=strict_declared, what=what)
        if text is not None:
            return text

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, what=what)


def _decode_declared(data: bytes, declared: str, *, strict: bool, what: str) -> str | None:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        if strict:
            raise IngestionError(f"The {what} declares an unknown character encoding ({declared}).") from None
        return None
    if codec.startswith(("utf-16", "utf-32")):
        # Without a BOM (handled earlier) a UTF-16 declaration in ASCII-compatible
        # bytes is a mistake; the HTML standard says to read it as UTF-8.
        codec = "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        if strict:
            raise IngestionError(
                f"The {what} declares the {declared} encoding but is not valid {declared}."
            ) from None
        return None


def _detect(data: bytes, *, what: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if (
        best is None
        or best.encoding.startswith(("utf_16", "utf_32"))  # no BOM, no NUL: not plausible
        or best.chaos > _MAX_CHAOS
        or best.coherence < _MIN_COHERENCE
    ):
        raise IngestionError(_UNDETECTABLE.format(what=what))
    text = str(best)
    # Printable text has few control characters; a lot of them means binary content.
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(5, len(text) // 100):
        raise IngestionError(f"The {what} looks like binary data, not text.")
    return text
