"""Uploaded files → Document (.txt, .md, .html/.htm, .docx)."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext_noop  # marks messages; views translate them

from .documents import Document
from .encoding import decode_bytes
from .errors import IngestionError
from .html import html_to_document
from .text import clean_text

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")

# Zip-bomb limits for .docx, checked on the zip directory before anything is inflated.
# zipfile never yields more than an entry's declared size (and then fails its CRC check),
# so checking the declared sizes is enough.
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 100  # per entry, for entries over 1 MB; real Word XML compresses ~5-20x
DOCX_MAX_ENTRIES = 10_000


# A text or Markdown file may hold this many times ARTICLE_MAX_CHARS before it is parsed
# (markup, blank lines); over it, it is refused unparsed.
MARKUP_ALLOWANCE = 2


def check_upload_size(size: int, *, max_bytes: int) -> None:
    """Refuse a file by its declared size, before a byte of it is read."""
    if size > max_bytes:
        raise IngestionError(f"The file is {_size(size)}; the limit is {_size(max_bytes)}.")


def read_upload(filename: str, data: bytes, *, max_bytes: int, max_chars: int | None = None) -> Document:
    """Read an uploaded file into a ``Document``; raise ``IngestionError`` with a clear message otherwise.

    The extension decides the reader (content sniffing would let a renamed binary in
    through the text path; the text path refuses binary content anyway). With
    ``max_chars`` (the article limit), text and Markdown longer than
    ``MARKUP_ALLOWANCE`` times it are refused before parsing, and a .docx is read
    only until its text passes it. Every reader is linear in its input.
    """
    ext = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = ext or "(none)"
        raise IngestionError(
            f"Files of type {shown} cannot be imported; use .txt, .md, .html, .htm or .docx."
        )
    if not data:
        raise IngestionError(gettext_noop("The file is empty."))
    check_upload_size(len(data), max_bytes=max_bytes)

    if ext == ".docx":
        return _read_docx(data, max_chars=max_chars)
    if ext in (".html", ".htm"):
        return html_to_document(decode_bytes(data, html=True))
    text = decode_bytes(data)
    if max_chars is not None and len(text) > max_chars * MARKUP_ALLOWANCE:
        raise IngestionError(
            f"The file holds {len(text):,} characters; an article is limited to {max_chars:,} characters."
        )
    if ext in (".md", ".markdown"):
        return _read_markdown(text)
    return _document(clean_text(text))


def _document(text: str, **fields) -> Document:
    if not text:
        raise IngestionError(gettext_noop("The file contains no text."))
    return Document(text=text, **fields)


# --- Markdown -----------------------------------------------------------------------
# Light touch: the text stays readable prose, with the markup a reader would not see
# removed. Anything subtler (tables, HTML blocks) is kept as written.
#
# Every rule runs in linear time: no pattern scans an unbounded stretch from every
# starting position (" **a" x 50,000 took 78 s with the lazy bold pattern, "<!--" x N
# was quadratic too, and the regex engine holds the GIL while it runs). Comments are
# found with str.find, bold pairs by one pass over the delimiters, link and image
# texts cannot contain a bracket (nor their URLs a parenthesis), and headings take the rest of their line (closing hashes are
# stripped in Python).
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*([^\n]*)$", re.MULTILINE)
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+([^\n]*)$", re.MULTILINE)
_MD_TITLE = re.compile(r"^ {0,3}#[ \t]+([^\n]*)$", re.MULTILINE)
_MD_RULES = (
    # A scan from "[" stops at the next "[" and one from "(" at the next "(": linear.
    (re.compile(r"!\[([^\[\]]*)\]\([^()\n]*\)"), r"\1"),  # images → alt text
    (re.compile(r"\[([^\[\]]+)\]\([^()\n]*\)"), r"\1"),  # links → link text
    (_MD_HEADING, lambda m: _heading_text(m.group(1))),  # ATX headings
    (re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE), ""),  # blockquote markers
    (None, None),  # bold: _strip_bold_line
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)
_BOLD_DELIMITER = re.compile(r"\*\*|__")


def _heading_text(line: str) -> str:
    # "## Title ##" → "Title": trailing blanks, then a closing run of #, then blanks.
    return line.rstrip(" \t").rstrip("#").rstrip(" \t")


def _strip_comments(text: str) -> str:
    """Remove <!-- … --> (an unclosed one is kept as written), in one pass."""
    parts, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[pos:start])
        pos = end + 3
    parts.append(text[pos:])
    return "".join(parts)


def _strip_bold_line(line: str) -> str:
    """**bold** and __bold__ → bold within a line, pairing delimiters in one pass.

    An opener is followed by a non-space, its closer is the next delimiter of the
    same kind preceded by a non-space, with at least one character between them
    (what ``(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1`` matched, without its rescans).
    """
    tokens = [(m.start(), m.group()) for m in _BOLD_DELIMITER.finditer(line)]
    if len(tokens) < 2:
        return line
    # next_closer[i][kind]: index of the first token at or after i that can close `kind`.
    next_closer = [None] * (len(tokens) + 1)
    following = {"**": None, "__": None}
    next_closer[len(tokens)] = dict(following)
    for i in range(len(tokens) - 1, -1, -1):
        start, kind = tokens[i]
        if start > 0 and not line[start - 1].isspace():
            following = {**following, kind: i}
        next_closer[i] = following
    drop, i = [], 0
    while i < len(tokens):
        start, kind = tokens[i]
        end = start + 2
        j = None
        if end < len(line) and not line[end].isspace():
            j = next_closer[i + 1][kind]
            if j is not None and tokens[j][0] == end:  # nothing between: the next closer after it
                j = next_closer[j + 1][kind]
        if j is None:
            i += 1
            continue
        drop += [start, tokens[j][0]]
        i = j + 1
    if not drop:
        return line
    parts, pos = [], 0
    for start in drop:
        parts.append(line[pos:start])
        pos = start + 2
    parts.append(line[pos:])
    return "".join(parts)


def _read_markdown(text: str) -> Document:
    text = clean_text(text)
    title = ""
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_TITLE.search(front.group(1))
        title = found.group(1).strip().strip("\"'") if found else ""
        text = text[front.end() :]
    if not title:
        # The first level-one heading with some text.
        title = next((t for m in _MD_TITLE.finditer(text) if (t := _heading_text(m.group(1)))), "")
    text = _strip_comments(text)
    for pattern, replacement in _MD_RULES:
        if pattern is None:
            text = "\n".join(_strip_bold_line(line) for line in text.split("\n"))
        else:
            text = pattern.sub(replacement, text)
    return _document(clean_text(text), title=title[:500])


# --- .docx --------------------------------------------------------------------------
# The document part is streamed (lxml iterparse, each element freed once read) and
# reading stops as soon as the text passes the article limit: python-docx built the
# whole tree, and a 99 MB document.xml (within the zip-bomb ratio) took 54 s and left
# the process at 820 MB. The part itself is capped at DOCX_MAX_XML_BYTES.
_NOT_DOCX = "The file is not a valid Word (.docx) document."
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
# A long article with heavy formatting is a few MB of XML.
DOCX_MAX_XML_BYTES = 20 * 1024 * 1024
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _read_docx(data: bytes, *, max_chars: int | None = None) -> Document:
    from lxml import etree

    _check_docx_zip(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            blocks = _docx_blocks(archive, max_chars=max_chars)
            title, author = _docx_core_properties(archive)
    except IngestionError:
        raise
    except (etree.LxmlError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        log.info("Could not read an uploaded .docx", exc_info=True)
        raise IngestionError(_NOT_DOCX) from None
    return _document(clean_text("\n\n".join(blocks)), title=title.strip()[:500], author=author.strip()[:255])


def _iterparse(part):
    from lxml import etree

    # No DTD, no entities, no network: the part is untrusted XML.
    return etree.iterparse(
        part, events=("start", "end"), resolve_entities=False, load_dtd=False, no_network=True
    )


def _docx_blocks(archive: zipfile.ZipFile, *, max_chars: int | None) -> list[str]:
    """Body paragraphs and table rows (cells joined by tabs), in document order.

    Text boxes (paragraphs inside a paragraph) are skipped, as python-docx did.
    """
    blocks: list[str] = []
    total = 0
    paragraphs: list[list[str]] = []  # the open w:p elements' text
    cells: list[list[str]] = []  # the open w:tc elements' paragraphs
    rows: list[list[str]] = []  # the open w:tr elements' cell values
    with archive.open("word/document.xml") as part:
        for event, element in _iterparse(part):
            tag = element.tag
            if event == "start":
                if tag == _W + "p":
                    paragraphs.append([])
                elif tag == _W + "tc":
                    cells.append([])
                elif tag == _W + "tr":
                    rows.append([])
                continue
            if tag in _RUN_TEXT and len(paragraphs) == 1:
                paragraphs[0].append((element.text or "") if _RUN_TEXT[tag] is None else _RUN_TEXT[tag])
            elif tag == _W + "p":
                text = "".join(paragraphs.pop())
                if paragraphs:
                    pass  # a text box inside a paragraph
                elif cells:
                    cells[-1].append(text)
                elif text.strip():
                    blocks.append(text.strip())
                    total += len(blocks[-1])
            elif tag == _W + "tc":
                value = " ".join("\n".join(cells.pop()).split())
                if cells:
                    cells[-1].append(value)  # a table inside a cell: its text joins the cell's
                elif rows and value and (not rows[-1] or rows[-1][-1] != value):
                    rows[-1].append(value)
            elif tag == _W + "tr":
                row = rows.pop()
                if row and not cells:
                    blocks.append("\t".join(row))
                    total += len(blocks[-1])
            if max_chars is not None and total > max_chars:
                raise IngestionError(
                    f"The document holds more than {max_chars:,} characters of text; the limit is {max_chars:,}."
                )
            # Free what has been read: the element's content and the siblings before it.
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    return blocks


def _docx_core_properties(archive: zipfile.ZipFile) -> tuple[str, str]:
    """Title and author from docProps/core.xml (absent or oversized: none)."""
    try:
        info = archive.getinfo("docProps/core.xml")
    except KeyError:
        return "", ""
    if info.file_size > 1024 * 1024:
        return "", ""
    found = {}
    with archive.open(info) as part:
        for event, element in _iterparse(part):
            if event == "end" and element.tag in (_DC + "title", _DC + "creator"):
                found.setdefault(element.tag, element.text or "")
    return found.get(_DC + "title", ""), found.get(_DC + "creator", "")


def _check_docx_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise IngestionError(
            gettext_noop("The .docx file is damaged (it is not a readable zip archive).")
        ) from None
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise IngestionError(_NOT_DOCX)
    if len(entries) > DOCX_MAX_ENTRIES:
        raise IngestionError(gettext_noop("The .docx file contains too many parts to be read safely."))
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > DOCX_MAX_RATIO:
            raise IngestionError(
                gettext_noop("The .docx file expands to an implausible size and was refused.")
            )
    document_part = next(entry for entry in entries if entry.filename == "word/document.xml")
    if document_part.file_size > DOCX_MAX_XML_BYTES:
        raise IngestionError(
            f"The .docx file's text part expands to {_size(document_part.file_size)}; "
            f"the limit is {_size(DOCX_MAX_XML_BYTES)}."
        )
    if total > DOCX_MAX_UNCOMPRESSED:
        raise IngestionError(
            f"The .docx file expands to {_size(total)}; the limit is {_size(DOCX_MAX_UNCOMPRESSED)}."
        )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):,.1f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n:,} bytes"
