"""Property-based fuzzing of the extractor and of ingestion with hypothesis.

Properties:
- ``claims.extraction.extract(text, lang)`` never raises, and every claim,
  quantity and entity it returns points into the text: 0 <= start < end <=
  len(text) and ``text[start:end]`` is what it says it is.
- ``clean_text``, ``validate_text``, ``content_hash``, ``read_upload`` and
  ``parse_bulk`` raise nothing but ``IngestionError``.

Example counts are kept modest (the whole module runs in about a minute, most of
it the extractor's models loading and the huge single lines).
"""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.ingestion import (
    IngestionError,
    clean_text,
    content_hash,
    parse_bulk,
    read_upload,
    validate_text,
)
from articles.ingestion.readers import SUPPORTED_EXTENSIONS

LANGS = [None, "fr", "en"]
# No example database: failures found once are kept as @example below instead.
# FUZZ_SCALE=10 for a longer hunt (the suite runs at 1, about a minute).
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)

# Every Unicode category, control characters included; surrogates cannot be encoded.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
# Text that looks like news: words in several scripts, digits, quotes, units.
PIECES = [
    "Le chômage",
    "a baissé de",
    "3,5 %",
    "25 000",
    "milliards d'euros",
    "selon le ministre",
    "« ",
    " »",
    "“",
    "”",
    '"',
    "'",
    "’",
    " said ",
    "Unemployment",
    "rose by",
    "4.2%",
    "£3bn",
    "$1.5 million",
    "in 2024",
    "km²",
    "‰",
    "Путин",
    "заявил",
    "٣٤٥",
    "مليون",
    "中国",
    "增长了",
    "५०",
    "🇫🇷",
    "😀",
    "\u200b",
    "\u202e",
    "\u0301",
    "\n",
    "\t",
    ". ",
    "? ",
    "! ",
    "—",
    "–",
    "…",
    "(",
    ")",
    "[",
    "]",
    ":",
    ";",
    "0",
    "1",
    "9",
    "0,5",
    "1.000.000",
    "10^6",
    "M.",
    "Mme",
    "Dr.",
    "U.S.",
    "plus de",
    "moins de",
    "environ",
    "about",
    "nearly",
    "x2",
    "+",
    "-",
    "−",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=120).map(" ".join)
quotes_and_digits = st.text(alphabet="0123456789 ,.%'\"«»“”‘’-€$£kmMbn\n", max_size=2000)


@pytest.fixture(scope="module", autouse=True)
def _warm_extractor():
    """Load the language models once, outside the timed examples."""
    from claims.extraction import extract

    extract("Le chômage a baissé de 3 % en 2024.", "fr")
    extract("Unemployment fell by 3 percent in 2024.", "en")


def check_extraction(text: str, lang: str | None) -> None:
    from claims.extraction import extract

    result = extract(text, lang)
    n = len(text)
    for claim in result.claims:
        assert 0 <= claim.start < claim.end <= n, (claim.start, claim.end, n)
        assert text[claim.start : claim.end] == claim.text
        for quantity in claim.quantities:
            assert 0 <= quantity.start < quantity.end <= n, (quantity, n)
            assert claim.start <= quantity.start and quantity.end <= claim.end, (
                quantity,
                claim.start,
                claim.end,
            )
        for entity in claim.entities:
            assert 0 <= entity.start < entity.end <= n, (entity, n)
            assert text[entity.start : entity.end] == entity.text


# --- extractor ---------------------------------------------------------------------------------------


@settings(FUZZ, max_examples=60 * SCALE)
@given(text=any_text, lang=st.sampled_from(LANGS))
@example(text="", lang=None)
@example(text="\x00\x01\x02\x7f\x85\u2028\u2029", lang="fr")
@example(text="\ufeff\ufeff", lang="en")
@example(text="%%%%%", lang=None)
def test_extract_survives_arbitrary_unicode(text, lang):
    check_extraction(text, lang)


@settings(FUZZ, max_examples=40 * SCALE)
@given(text=news_like, lang=st.sampled_from(LANGS))
def test_extract_survives_mixed_scripts_quotes_and_digits(text, lang):
    check_extraction(text, lang)


@settings(FUZZ, max_examples=25 * SCALE)
@given(text=quotes_and_digits, lang=st.sampled_from(LANGS))
@example(text="«" * 500 + "3 %" + "»" * 500, lang="fr")
@example(text='"' * 999, lang="en")
@example(text="1" * 1500 + " %", lang="fr")
def test_extract_survives_many_quotes_and_digits(text, lang):
    check_extraction(text, lang)


@settings(FUZZ, max_examples=2)
@given(
    unit=st.sampled_from(["x", "3 % ", "« a » ", "9" * 50 + " ", "Le chômage a baissé de 3 % ", "é\u0301"]),
    length=st.integers(min_value=50_000, max_value=200_000),
    lang=st.sampled_from(LANGS),
)
@example(unit="1,", length=200_000, lang="fr")
def test_extract_survives_a_huge_single_line(unit, length, lang):
    text = (unit * (length // len(unit) + 1))[:length]
    assert "\n" not in text
    check_extraction(text, lang)


# --- ingestion -------------------------------------------------------------------------------------


@settings(FUZZ, max_examples=200 * SCALE)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
    max_chars=st.integers(1, 5000),
)
def test_text_helpers_raise_only_ingestion_errors(text, max_chars):
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert clean_text(cleaned) == cleaned
    digest = content_hash(text)
    assert len(digest) == 64
    try:
        valid = validate_text(text, max_chars=max_chars)
    except IngestionError as exc:
        assert exc.message
    else:
        assert 0 < len(valid) <= max_chars


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return buffer.getvalue()


fake_docx = st.dictionaries(
    st.sampled_from(
        [
            "word/document.xml",
            "[Content_Types].xml",
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "docProps/core.xml",
        ]
    ),
    st.one_of(
        st.binary(max_size=300), st.sampled_from([b"<w:document/>", b"<?xml version='1.0'?><x/>", b"<"])
    ),
).map(zip_of)


@settings(FUZZ, max_examples=200 * SCALE)
@given(
    data=st.one_of(st.binary(max_size=4000), any_text.map(lambda t: t.encode("utf-8")), fake_docx),
    ext=st.sampled_from(SUPPORTED_EXTENSIONS + (".exe", "", ".DOCX", ".Txt")),
    stem=st.sampled_from(["article", "../x", "a.b", "C:\\dir\\file", ""]),
)
@example(data=b"<html><head><meta charset='utf-16'></head><body>x</body></html>", ext=".html", stem="a")
@example(data=b"<meta charset='x-unknown-999'>caf\xe9", ext=".htm", stem="a")
@example(data=b"PK\x05\x06" + b"\x00" * 18, ext=".docx", stem="a")
def test_read_upload_raises_only_ingestion_errors(data, ext, stem):
    try:
        doc = read_upload(stem + ext, data, max_bytes=1024 * 1024)
    except IngestionError as exc:
        assert exc.message
    else:
        assert doc.text


bulk_rows = st.lists(
    st.dictionaries(
        st.sampled_from(["text", "title", "url", "outlet", "author", "published_at", "language", "x"]),
        st.one_of(any_text, st.integers(), st.none(), st.lists(st.integers(), max_size=2), st.floats()),
        max_size=6,
    ),
    max_size=6,
)


@settings(FUZZ, max_examples=200 * SCALE)
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        any_text.map(lambda t: t.encode("utf-8")),
        bulk_rows.map(lambda rows: "\n".join(json.dumps(r) for r in rows).encode()),
        st.lists(st.lists(any_text, max_size=5), max_size=6).map(
            lambda rows: "\n".join(
                ",".join(cells) for cells in [["text", "title", "published_at"], *rows]
            ).encode()
        ),
    ),
    ext=st.sampled_from([".csv", ".ndjson", ".jsonl", ".CSV", ".txt"]),
    max_rows=st.integers(1, 10),
)
@example(data=b'{"text": "a"}\n[1, 2]\n"str"\nnull\n{"text": {"nested": 1}}', ext=".ndjson", max_rows=10)
@example(data=b'text,published_at\n"Inflation 4%",99999-99-99\n"x",2024-02-30T25:61', ext=".csv", max_rows=10)
@example(data=b'text\n"' + b"a" * 200_000, ext=".csv", max_rows=10)
@example(
    data=b'{"text": "x", "published_at": 1e308}\n{"text": "y", "published_at": "-1"}',
    ext=".jsonl",
    max_rows=10,
)
def test_parse_bulk_raises_only_ingestion_errors(data, ext, max_rows):
    try:
        rows = parse_bulk("batch" + ext, data, max_rows=max_rows)
    except IngestionError as exc:
        assert exc.message
    else:
        assert 0 < len(rows) <= max_rows
