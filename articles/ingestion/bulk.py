"""Bulk import files (CSV, NDJSON) → rows, each either data or a readable error.

File-level problems (wrong extension, not UTF-8, empty, no usable header, too
many rows) raise ``IngestionError``; row-level problems are reported on the row
with its line number so one bad row never stops the others. URLs are only
checked for shape here: the caller runs ``validate_url`` on each (it resolves DNS).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from django.utils.translation import gettext_noop  # marks messages; views translate them

from .errors import IngestionError
from .text import clean_text

COLUMNS = ("text", "url", "title", "outlet", "author", "published_at", "language")
BULK_EXTENSIONS = (".csv", ".ndjson", ".jsonl")
_LANGUAGE = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]+)*")
_DATE_HELP = "use ISO 8601, e.g. 2024-03-05 or 2024-03-05T10:00:00Z"


@dataclass
class BulkRow:
    """One record of a bulk file. ``line`` is where the record starts (1-based).

    Exactly one of ``data`` and ``error`` is set. ``data`` has every key of
    ``COLUMNS``: strings ("" when absent) except ``published_at`` (an aware
    ``datetime`` or None). ``text`` is cleaned; ``language`` is a lower-case
    ISO 639-1 code or "".
    """

    line: int
    data: dict | None
    error: str | None


def parse_bulk(filename: str, data: bytes, *, max_rows: int) -> list[BulkRow]:
    """Parse a .csv (with a header row) or .ndjson/.jsonl (one JSON object per line) file."""
    ext = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if ext not in BULK_EXTENSIONS:
        raise IngestionError(gettext_noop("Bulk imports must be .csv, .ndjson or .jsonl files."))
    if b"\x00" in data:
        raise IngestionError(gettext_noop("The file looks like binary data, not text."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestionError(
            "The file is not UTF-8 text; save it as UTF-8 (in Excel: “CSV UTF-8”) and try again."
        ) from None
    if not text.strip():
        raise IngestionError(gettext_noop("The file is empty."))

    rows = _parse_csv(text, max_rows) if ext == ".csv" else _parse_ndjson(text, max_rows)
    if not rows:
        raise IngestionError(gettext_noop("The file has no rows to import."))
    return rows


def _too_many(max_rows: int) -> IngestionError:
    return IngestionError(f"The file has more than {max_rows:,} rows; the limit is {max_rows:,}.")


# --- CSV ----------------------------------------------------------------------------


def _parse_csv(text: str, max_rows: int) -> list[BulkRow]:
    # The default 128 KB field limit is below a long article; no field can be longer
    # than the file. The limit is process-wide, so only ever raise it.
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(len(text) + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    rows: list[BulkRow] = []
    next_line = 1
    try:
        for record in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in record]
                if "text" not in header and "url" not in header:
                    found = ", ".join(name for name in header if name) or "nothing"
                    raise IngestionError(
                        f"The CSV file needs a header row with a text or url column (found: {found})."
                    )
                continue
            if len(rows) >= max_rows:
                raise _too_many(max_rows)
            if len(record) > len(header):
                rows.append(
                    BulkRow(
                        line,
                        None,
                        f"The row has {len(record)} values but the header has {len(header)} columns.",
                    )
                )
                continue
            values: dict[str, Any] = {}
            for name, cell in zip(header, record, strict=False):
                if name in COLUMNS and name not in values:
                    values[name] = cell
            rows.append(_row(line, values))
    except csv.Error as exc:
        raise IngestionError(f"The CSV file could not be read at line {reader.line_num}: {exc}.") from None
    return rows


def _delimiter(text: str) -> str:
    """Comma, or the semicolon / tab of the header row when that is what it uses.

    Excel in French (and other) locales saves "CSV" with semicolons.
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in (",", ";", "\t"):
        names = {cell.strip().strip('"').lower() for cell in first.split(delimiter)}
        if names & {"text", "url"}:
            return delimiter
    return ","


# --- NDJSON -------------------------------------------------------------------------


def _parse_ndjson(text: str, max_rows: int) -> list[BulkRow]:
    rows: list[BulkRow] = []
    # split("\n"), not splitlines(): U+2028 and friends may legally sit inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if len(rows) >= max_rows:
            raise _too_many(max_rows)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append(BulkRow(number, None, f"Invalid JSON: {exc.msg} (column {exc.colno})."))
            continue
        except RecursionError:
            rows.append(BulkRow(number, None, "Invalid JSON: nested too deeply."))
            continue
        if not isinstance(obj, dict):
            rows.append(BulkRow(number, None, "Each line must be a JSON object ({...})."))
            continue
        wrong = [key for key in COLUMNS if obj.get(key) is not None and not isinstance(obj[key], str)]
        if wrong:
            rows.append(BulkRow(number, None, f"These fields must be strings: {', '.join(wrong)}."))
            continue
        rows.append(_row(number, {key: obj[key] for key in COLUMNS if obj.get(key) is not None}))
    return rows


# --- Rows ---------------------------------------------------------------------------


def _row(line: int, values: dict[str, str]) -> BulkRow:
    errors = []
    text = clean_text(values.get("text", ""))
    url = values.get("url", "").strip()
    if not text and not url:
        errors.append("The row has neither text nor url.")
    if url and not re.match(r"https?://[^/\s]", url, re.IGNORECASE):
        errors.append(f"The url {url[:100]!r} is not an http or https address.")

    published_at = None
    raw_date = values.get("published_at", "").strip()
    if raw_date:
        published_at = parse_date(raw_date)
        if published_at is None:
            errors.append(f"The published_at value {raw_date[:50]!r} is not a date ({_DATE_HELP}).")

    language = values.get("language", "").strip().lower()
    if language:
        match = _LANGUAGE.fullmatch(language)
        if match is None:
            errors.append(
                f"The language {language[:20]!r} is not a two-letter ISO 639-1 code such as fr or en."
            )
        else:
            language = match.group(1)

    if errors:
        return BulkRow(line, None, " ".join(errors))
    return BulkRow(
        line,
        {
            "text": text,
            "url": url,
            "title": " ".join(values.get("title", "").split()),
            "outlet": " ".join(values.get("outlet", "").split()),
            "author": " ".join(values.get("author", "").split()),
            "published_at": published_at,
            "language": language,
        },
        None,
    )


def parse_date(value: str) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (naive values are taken as UTC)."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
