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


def read_upload(filename: str, data: bytes, *, max_bytes: int) -> Document:
    """Read an uploaded file into a ``Document``; raise ``IngestionError`` with a clear message otherwise.

    The extension decides the reader (content sniffing would let a renamed binary in
    through the text path; the text path refuses binary content anyway).
    """
    ext = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = ext or "(none)"
        raise IngestionError(
            f"Files of type {shown} cannot be imported; use .txt, .md, .html, .htm or .docx."
        )
    if not data:
        raise IngestionError(gettext_noop("The file is empty."))
    if len(data) > max_bytes:
        raise IngestionError(f"The file is {_size(len(data))}; the limit is {_size(max_bytes)}.")

    if ext == ".docx":
        return _read_docx(data)
    if ext in (".html", ".htm"):
        return html_to_document(decode_bytes(data, html=True))
    text = decode_bytes(data)
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
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_MD_RULES = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → link text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # ATX headings
    (re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE), ""),  # blockquote markers
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)
_MD_TITLE = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def _read_markdown(text: str) -> Document:
    text = clean_text(text)
    title = ""
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_TITLE.search(front.group(1))
        title = found.group(1).strip("\"'") if found else ""
        text = text[front.end() :]
    if not title:
        found = _MD_TITLE.search(text)
        title = found.group(1) if found else ""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return _document(clean_text(text), title=title[:500])


# --- .docx --------------------------------------------------------------------------
_NOT_DOCX = "The file is not a valid Word (.docx) document."


def _read_docx(data: bytes) -> Document:
    _check_docx_zip(data)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend(_table_rows(block))
            elif block.text.strip():
                blocks.append(block.text.strip())
        props = document.core_properties
        title, author = props.title or "", props.author or ""
    except IngestionError:
        raise
    except Exception:  # python-docx raises KeyError, lxml errors, PackageNotFoundError...
        log.info("python-docx could not read an upload", exc_info=True)
        raise IngestionError(_NOT_DOCX) from None
    return _document(clean_text("\n\n".join(blocks)), title=title.strip()[:500], author=author.strip()[:255])


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            # Merged cells repeat; keep each once.
            if value and (not cells or cells[-1] != value):
                cells.append(value)
        if cells:
            rows.append("\t".join(cells))
    return rows


def _check_docx_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise IngestionError(gettext_noop("The .docx file is damaged (it is not a readable zip archive).")) from None
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
            raise IngestionError(gettext_noop("The .docx file expands to an implausible size and was refused."))
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
