"""Uploaded files → Document, with real files built in the tests."""

import io
import os
import zipfile
from datetime import UTC, datetime

import docx
import pytest

from articles.ingestion import Document, IngestionError, html_to_document, read_upload

MB = 1024 * 1024
FRENCH = (
    "Le ministre de l'Économie a déclaré mardi que le chômage avait baissé à 7,1 % au dernier "
    "trimestre, son niveau le plus bas depuis 2008. Les élus de l'opposition ont contesté ce "
    "chiffre, affirmant qu'il excluait 250 000 personnes en formation. "
) * 3

ARTICLE_HTML = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>Unemployment falls to 7.1% - The Daily Ledger</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>alert(1)</script>
<style>body { color: red } .secret-style-rule {}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Unemployment falls to 7.1%</h1>
<p>The minister said on Tuesday that unemployment fell to 7.1 percent in the last quarter,
the lowest level since 2008, according to figures released by the statistics office.</p>
<script>document.write("injected by script")</script>
<p>Opposition leaders disputed the figure, saying it excluded 250,000 people enrolled in
training schemes who would otherwise be counted as looking for work.</p>
<style>.inline-style-rule { display: none }</style>
</article>
<footer>Copyright The Daily Ledger</footer>
</body></html>"""


def build_docx(paragraphs, *, title="", author="", table=None) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def message_of(filename, data, max_bytes=5 * MB) -> str:
    with pytest.raises(IngestionError) as caught:
        read_upload(filename, data, max_bytes=max_bytes)
    return caught.value.message


# --- Text files ---------------------------------------------------------------------


def test_it_reads_a_utf8_text_file_and_cleans_it():
    doc = read_upload("note.txt", "  Première ligne\r\nSeconde ligne\x07\r\n".encode(), max_bytes=MB)
    assert isinstance(doc, Document)
    assert doc.text == "Première ligne\nSeconde ligne"


def test_it_reads_utf8_with_a_bom():
    doc = read_upload("note.txt", b"\xef\xbb\xbf" + "Déjà vu".encode(), max_bytes=MB)
    assert doc.text == "Déjà vu"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_it_reads_utf16_with_a_bom(codec):
    data = "L’État « 25 000 » emplois".encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert read_upload("note.txt", data, max_bytes=MB).text == "L’État « 25 000 » emplois"


def test_it_detects_latin1_text_when_there_is_enough_of_it():
    doc = read_upload("article.txt", FRENCH.encode("latin-1"), max_bytes=MB)
    assert doc.text == FRENCH.strip()


def test_it_refuses_a_short_latin1_text_it_cannot_detect():
    assert "could not be detected" in message_of("note.txt", "café".encode("latin-1"))


def test_it_refuses_binary_junk_with_nul_bytes():
    junk = bytes(range(256)) * 20
    assert message_of("junk.txt", junk) == "The file looks like binary data, not text."


def test_it_refuses_random_bytes_without_nul_bytes():
    junk = bytes(b for b in os.urandom(4000) if b)
    message = message_of("junk.txt", junk)
    assert "could not be detected" in message or "binary" in message


def test_it_refuses_a_utf16_bom_followed_by_invalid_utf16():
    assert "not valid UTF-16" in message_of("note.txt", b"\xff\xfe" + b"\x00\xd8a")


def test_it_refuses_empty_files():
    assert message_of("note.txt", b"") == "The file is empty."


def test_it_refuses_a_file_with_only_blank_space():
    assert message_of("note.txt", b" \r\n\t \n") == "The file contains no text."


def test_it_refuses_files_over_the_size_limit_and_states_the_limit():
    assert message_of("note.txt", b"a" * (2 * MB), max_bytes=MB) == "The file is 2.0 MB; the limit is 1.0 MB."


@pytest.mark.parametrize("filename", ["report.pdf", "payload.exe", "noextension", "archive.zip", "x.docx.sh"])
def test_it_refuses_other_extensions(filename):
    assert "cannot be imported" in message_of(filename, b"hello")


def test_extension_matching_ignores_case():
    assert read_upload("NOTE.TXT", b"Hello there", max_bytes=MB).text == "Hello there"


# --- Markdown -----------------------------------------------------------------------


def test_it_reads_markdown_as_text_with_light_markup_removed():
    md = (
        "# Unemployment falls\n\n"
        "The **minister** said [on Tuesday](https://example.com/x) that `7.1%` was a record.\n\n"
        "> A quoted line\n\n"
        "- first item\n- second item\n"
        "![chart](chart.png)\n"
    )
    doc = read_upload("story.md", md.encode(), max_bytes=MB)
    assert doc.title == "Unemployment falls"
    assert doc.text == (
        "Unemployment falls\n\n"
        "The minister said on Tuesday that 7.1% was a record.\n\n"
        "A quoted line\n\n"
        "- first item\n- second item\n"
        "chart"
    )


def test_markdown_front_matter_gives_the_title_and_is_not_text():
    md = '---\ntitle: "Front title"\nauthor: x\n---\nBody text here.\n'
    doc = read_upload("story.md", md.encode(), max_bytes=MB)
    assert (doc.title, doc.text) == ("Front title", "Body text here.")


# --- HTML ---------------------------------------------------------------------------


def test_it_reads_an_html_article_without_scripts_or_styles():
    doc = read_upload("page.html", ARTICLE_HTML.encode(), max_bytes=MB)
    assert "unemployment fell to 7.1 percent" in doc.text
    assert "250,000 people" in doc.text
    for leaked in ("alert(1)", "injected by script", "color: red", "secret-style-rule", "inline-style-rule"):
        assert leaked not in doc.text
    assert doc.title.startswith("Unemployment falls to 7.1%")
    assert doc.author == "Jane Roe"
    assert doc.outlet == "The Daily Ledger"
    assert doc.published_at == datetime(2024, 3, 5, tzinfo=UTC)
    assert doc.original_html == ARTICLE_HTML


def test_it_honours_the_html_meta_charset():
    html = '<html><head><meta charset="windows-1252"><title>T</title></head><body><p>Un été “chaud”.</p></body></html>'
    doc = read_upload("page.htm", html.encode("cp1252"), max_bytes=MB)
    assert "Un été “chaud”." in doc.text


def test_it_refuses_html_whose_declared_charset_fails():
    html = '<html><head><meta charset="us-ascii"></head><body><p>Un été</p></body></html>'
    assert "declares the us-ascii encoding" in message_of("page.html", html.encode("utf-8"))


def test_html_to_document_falls_back_to_plain_text_extraction():
    # Too little content for trafilatura's main-text heuristics; the fallback still reads it.
    html = "<html><head><title>Short</title><script>alert(1)</script></head><body><div>Brief note.</div><style>p{}</style></body></html>"
    doc = html_to_document(html, url="https://example.com/n")
    assert doc.text == "Brief note."
    assert doc.title == "Short"
    assert doc.url == "https://example.com/n"


def test_html_to_document_refuses_pages_without_text():
    with pytest.raises(IngestionError):
        html_to_document("<html><head><script>alert(1)</script></head><body></body></html>")
    with pytest.raises(IngestionError):
        html_to_document("   ")


# --- .docx --------------------------------------------------------------------------


def test_it_reads_a_docx_with_paragraphs_title_and_author():
    data = build_docx(
        ["First paragraph.", "", "Second paragraph with “quotes”."],
        title="A Word article",
        author="Jane Roe",
        table=[["Year", "Rate"], ["2024", "7.1%"]],
    )
    doc = read_upload("story.docx", data, max_bytes=MB)
    assert doc.text == "First paragraph.\n\nSecond paragraph with “quotes”.\n\nYear\tRate\n\n2024\t7.1%"
    assert doc.title == "A Word article"
    assert doc.author == "Jane Roe"


def test_it_refuses_a_corrupt_docx():
    data = build_docx(["Some text."])
    assert "damaged" in message_of("story.docx", data[: len(data) // 2])
    assert "damaged" in message_of("story.docx", b"this is not a zip file at all")


def test_it_refuses_a_zip_that_is_not_a_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert message_of("story.docx", buffer.getvalue()) == "The file is not a valid Word (.docx) document."


def test_it_refuses_a_docx_with_a_broken_document_part():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_docx(["x"]))) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(item, b"<not xml" if item.filename == "word/document.xml" else body)
    assert message_of("story.docx", buffer.getvalue()) == "The file is not a valid Word (.docx) document."


def test_it_refuses_a_docx_zip_bomb_before_inflating_it():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(build_docx(["x"]))) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        # 200 MB of zeros deflates to ~200 KB: a 1000:1 ratio.
        with target.open("word/media/bomb.bin", "w") as bomb:
            chunk = b"\x00" * MB
            for _ in range(200):
                bomb.write(chunk)
    data = buffer.getvalue()
    assert len(data) < MB
    assert "implausible size" in message_of("story.docx", data)
