"""Bulk import parsing: CSV and NDJSON, file-level and row-level errors."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from articles.ingestion import BulkRow, IngestionError, parse_bulk


def csv_bytes(text: str, bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def file_error(filename, data, max_rows=100) -> str:
    with pytest.raises(IngestionError) as caught:
        parse_bulk(filename, data, max_rows=max_rows)
    return caught.value.message


# --- CSV ----------------------------------------------------------------------------


def test_it_parses_good_csv_rows_with_all_columns():
    data = csv_bytes(
        "text,url,title,outlet,author,published_at,language\r\n"
        '"Le chômage a baissé, dit-il.\r\nSecond paragraphe.",,Titre,Le Monde,Jane Roe,2024-03-05,FR\r\n'
        ",https://example.com/a,,,,2024-03-05T10:00:00+01:00,\r\n",
        bom=True,
    )
    rows = parse_bulk("import.csv", data, max_rows=10)
    assert [row.line for row in rows] == [2, 4]
    assert all(row.error is None for row in rows)
    assert rows[0].data == {
        "text": "Le chômage a baissé, dit-il.\nSecond paragraphe.",
        "url": "",
        "title": "Titre",
        "outlet": "Le Monde",
        "author": "Jane Roe",
        "published_at": datetime(2024, 3, 5, tzinfo=UTC),
        "language": "fr",
    }
    assert rows[1].data["url"] == "https://example.com/a"
    assert rows[1].data["published_at"] == datetime(2024, 3, 5, 10, tzinfo=timezone(timedelta(hours=1)))
    assert rows[1].data["text"] == ""


def test_csv_columns_may_come_in_any_order_and_extra_columns_are_ignored():
    data = csv_bytes("Notes, URL ,Text\nignored,https://example.com/x,Body\n")
    (row,) = parse_bulk("import.csv", data, max_rows=10)
    assert (row.data["url"], row.data["text"], row.data["title"]) == ("https://example.com/x", "Body", "")


def test_csv_rows_report_their_own_errors_with_line_numbers():
    data = csv_bytes(
        "text,url,published_at,language\n"
        "Good row,,,en\n"
        ",,,\n"  # blank: skipped
        ",,2024-01-01,\n"  # neither text nor url
        "Text,,yesterday,\n"  # bad date
        "Text,ftp://example.com/x,,\n"  # bad url
        "Text,,,French\n"  # bad language
        "Text,,,en-GB\n"
        "Text,,,,extra\n"  # too many values
    )
    rows = parse_bulk("import.csv", data, max_rows=100)
    by_line = {row.line: row for row in rows}
    assert sorted(by_line) == [2, 4, 5, 6, 7, 8, 9]
    assert by_line[2].data["language"] == "en"
    assert by_line[4].error == "The row has neither text nor url."
    assert "published_at value 'yesterday' is not a date" in by_line[5].error
    assert "not an http or https address" in by_line[6].error
    assert "not a two-letter ISO 639-1 code" in by_line[7].error
    assert by_line[8].data["language"] == "en"
    assert by_line[9].error == "The row has 5 values but the header has 4 columns."
    assert all((row.data is None) != (row.error is None) for row in rows)


def test_semicolon_separated_csv_from_french_excel_is_read():
    data = csv_bytes("texte;text;url;title\n;Le chômage a baissé, dit-il;;Titre\n", bom=True)
    (row,) = parse_bulk("export.csv", data, max_rows=10)
    assert (row.data["text"], row.data["title"]) == ("Le chômage a baissé, dit-il", "Titre")


def test_csv_accepts_fields_longer_than_the_default_csv_limit():
    long_text = "word " * 60_000  # 300 KB, above csv's 128 KB default
    data = csv_bytes('text\n"' + long_text + '"\n')
    (row,) = parse_bulk("import.csv", data, max_rows=10)
    assert row.data["text"] == long_text.strip()


def test_csv_without_a_text_or_url_column_is_refused():
    assert file_error("import.csv", csv_bytes("title,author\nA,B\n")) == (
        "The CSV file needs a header row with a text or url column (found: title, author)."
    )


def test_csv_with_only_a_header_is_refused():
    assert file_error("import.csv", csv_bytes("text,url\n")) == "The file has no rows to import."


def test_csv_that_is_not_utf8_is_refused():
    assert "not UTF-8" in file_error("import.csv", "text\nUn été\n".encode("latin-1"))


# --- NDJSON -------------------------------------------------------------------------


def test_it_parses_good_ndjson_rows():
    lines = [
        json.dumps(
            {
                "text": "Unemployment fell.",
                "title": "T",
                "published_at": "2024-03-05T10:00:00Z",
                "language": "en",
            }
        ),
        "",
        json.dumps({"url": "https://example.com/b", "author": None, "extra": [1, 2]}),
    ]
    rows = parse_bulk("import.ndjson", "\n".join(lines).encode(), max_rows=10)
    assert [row.line for row in rows] == [1, 3]
    assert rows[0].data["published_at"] == datetime(2024, 3, 5, 10, tzinfo=UTC)
    assert rows[0].data["title"] == "T"
    assert rows[1].data == {
        "text": "",
        "url": "https://example.com/b",
        "title": "",
        "outlet": "",
        "author": "",
        "published_at": None,
        "language": "",
    }


def test_ndjson_rows_report_their_own_errors_with_line_numbers():
    lines = [
        '{"text": "fine"}',
        '{"text": "broken",}',
        "[1, 2]",
        '{"title": "no text or url"}',
        '{"text": 42}',
        '{"text": "ok", "published_at": "05/03/2024"}',
        '{"text": "line separator \u2028 inside"}',
    ]
    rows = parse_bulk("import.jsonl", "\r\n".join(lines).encode(), max_rows=10)
    assert [row.line for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert rows[0].data["text"] == "fine"
    assert rows[1].error.startswith("Invalid JSON:")
    assert rows[2].error == "Each line must be a JSON object ({...})."
    assert rows[3].error == "The row has neither text nor url."
    assert rows[4].error == "These fields must be strings: text."
    assert "is not a date" in rows[5].error
    assert rows[6].data["text"] == "line separator \u2028 inside"


# --- File-level limits --------------------------------------------------------------


@pytest.mark.parametrize("filename", ["import.xlsx", "import.json", "import.txt", "import"])
def test_other_extensions_are_refused(filename):
    assert file_error(filename, b'{"text": "x"}') == "Bulk imports must be .csv, .ndjson or .jsonl files."


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\xef\xbb\xbf"])
def test_empty_files_are_refused(data):
    assert file_error("import.ndjson", data) == "The file is empty."


def test_too_many_rows_are_refused():
    csv_data = csv_bytes("text\n" + "row\n" * 4)
    assert file_error("import.csv", csv_data, max_rows=3) == "The file has more than 3 rows; the limit is 3."
    ndjson = ('{"text": "x"}\n' * 4).encode()
    assert file_error("import.ndjson", ndjson, max_rows=3) == "The file has more than 3 rows; the limit is 3."
    assert len(parse_bulk("import.ndjson", ndjson, max_rows=4)) == 4


def test_binary_files_are_refused():
    assert "binary" in file_error("import.csv", b"text\n\x00\x01\x02")


def test_rows_are_bulk_rows():
    (row,) = parse_bulk("a.CSV", b"text\nhello\n", max_rows=1)
    assert row == BulkRow(line=2, data=row.data, error=None)
