"""One writer per format: `extension`, `content_type`, the kind of rows it takes, and
`stream()` (a generator of bytes, for StreamingHttpResponse) and/or `write()` (to a file).

A new format is one class here and one entry in WRITERS.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, ClassVar

from rest_framework.utils.encoders import JSONEncoder

from claims.exports import rows as row_builders

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class Writer:
    format: ClassVar[str]
    extension: ClassVar[str]
    content_type: ClassVar[str]
    # Which row builder feeds it: "flat", "api" or "claimreview" (see rows.py).
    rows: ClassVar[str]
    streams: ClassVar[bool] = True

    def __init__(self) -> None:
        self.count = 0

    def make_rows(self, queryset) -> Iterator[dict]:
        builder = {
            "flat": row_builders.flat_rows,
            "api": row_builders.api_rows,
            "claimreview": row_builders.claimreview_rows,
        }[self.rows]
        return builder(queryset)

    def stream(self, rows: Iterable[dict]) -> Iterator[bytes]:
        raise NotImplementedError

    def write(self, rows: Iterable[dict], file: BinaryIO) -> int:
        """Write every row to a binary file; returns the row count."""
        file.writelines(self.stream(rows))
        return self.count


class _Echo:
    def write(self, value: str) -> str:
        return value


class CSVWriter(Writer):
    format, extension, content_type, rows = "csv", "csv", "text/csv; charset=utf-8", "flat"

    def stream(self, rows: Iterable[dict]) -> Iterator[bytes]:
        # The BOM makes Excel read the file as UTF-8 (accents, quotes).
        out = csv.writer(_Echo())
        yield codecs.BOM_UTF8 + out.writerow(row_builders.CSV_COLUMNS).encode()
        buffer: list[str] = []
        for row in rows:
            self.count += 1
            buffer.append(out.writerow([neutralise(row[c]) for c in row_builders.CSV_COLUMNS]))
            if len(buffer) >= 500:  # fewer, larger chunks: much less per-chunk overhead
                yield "".join(buffer).encode()
                buffer.clear()
        if buffer:
            yield "".join(buffer).encode()


class JSONWriter(Writer):
    """A JSON array of claims in the API's shape, written element by element."""

    format, extension, content_type, rows = "json", "json", "application/json", "api"

    def stream(self, rows: Iterable[dict]) -> Iterator[bytes]:
        encoder = JSONEncoder(ensure_ascii=False)
        yield b"["
        for row in rows:
            yield ("," if self.count else "").encode() + b"\n" + encoder.encode(row).encode()
            self.count += 1
        yield b"\n]\n"


class NDJSONWriter(Writer):
    format, extension, content_type, rows = "ndjson", "ndjson", "application/x-ndjson", "api"

    def stream(self, rows: Iterable[dict]) -> Iterator[bytes]:
        encoder = JSONEncoder(ensure_ascii=False)
        for row in rows:
            self.count += 1
            yield encoder.encode(row).encode() + b"\n"


class ClaimReviewWriter(Writer):
    """ClaimReview JSON-LD for the published claims of the selection, as one @graph."""

    format, extension, content_type, rows = "claimreview", "jsonld", "application/ld+json", "claimreview"

    def stream(self, rows: Iterable[dict]) -> Iterator[bytes]:
        from claims.exports.claimreview import CONTEXT

        encoder = JSONEncoder(ensure_ascii=False)
        yield b'{"@context": ' + json.dumps(CONTEXT).encode() + b', "@graph": ['
        for row in rows:
            yield ("," if self.count else "").encode() + b"\n" + encoder.encode(row).encode()
            self.count += 1
        yield b"\n]}\n"


# Column widths in characters (Excel's unit); others get 14.
XLSX_WIDTHS = {
    "id": 8,
    "article_id": 10,
    "article_title": 40,
    "article_url": 36,
    "outlet": 18,
    "text": 70,
    "type": 12,
    "types": 20,
    "score": 8,
    "checkworthy": 11,
    "speaker": 24,
    "quantities": 30,
    "status": 14,
    "assignee": 14,
    "verdict": 14,
    "rating_value": 12,
    "rationale": 50,
    "evidence_urls": 40,
    "published_at": 22,
    "language": 9,
    "status_label": 16,
    "types_label": 24,
}
XLSX_WRAPPED = {"text", "rationale", "article_title"}


class XLSXWriter(Writer):
    """An .xlsx sheet written row by row (xlsxwriter's constant_memory): cannot stream,
    because a zip file's directory is written last, so it goes to a file first."""

    format, rows, streams = "xlsx", "flat", False
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, rows: Iterable[dict], file: BinaryIO) -> int:
        import xlsxwriter

        workbook = xlsxwriter.Workbook(
            file,
            {
                "constant_memory": True,
                # Every cell stays text: "=cmd" is never a formula, "00123" never a number,
                # and long URLs do not hit Excel's hyperlink limit.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        sheet = workbook.add_worksheet("claims")
        bold = workbook.add_format({"bold": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        for col, name in enumerate(row_builders.CSV_COLUMNS):
            sheet.write_string(0, col, name, bold)
        for row in rows:
            self.count += 1
            for col, name in enumerate(row_builders.CSV_COLUMNS):
                value = row[name]
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(self.count, col, value)
                elif value not in ("", None):
                    sheet.write_string(self.count, col, str(value))
        sheet.freeze_panes(1, 0)
        # Readable without resizing: wide text columns (wrapped), narrow codes; a filter on every column.
        for col, name in enumerate(row_builders.CSV_COLUMNS):
            sheet.set_column(col, col, XLSX_WIDTHS.get(name, 14), wrap if name in XLSX_WRAPPED else None)
        sheet.autofilter(0, 0, max(self.count, 1), len(row_builders.CSV_COLUMNS) - 1)
        workbook.close()
        return self.count

    def stream(self, rows: Iterable[dict]) -> Iterator[bytes]:  # pragma: no cover - for completeness
        buffer = io.BytesIO()
        self.write(rows, buffer)
        yield buffer.getvalue()


WRITERS: dict[str, type[Writer]] = {
    cls.format: cls for cls in (CSVWriter, XLSXWriter, JSONWriter, NDJSONWriter, ClaimReviewWriter)
}
