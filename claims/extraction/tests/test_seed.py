"""The seed article (../shared/samples/starlink-fr-2022-10.txt) must yield the labelled claims."""

from __future__ import annotations

import pytest

from claims.extraction import EXTRACTOR_VERSION, extract

from .conftest import check_offsets


@pytest.fixture(scope="module")
def seed(shared_dir):
    text = (shared_dir / "samples" / "starlink-fr-2022-10.txt").read_text(encoding="utf-8")
    return text, extract(text)


def test_language_and_version(seed):
    text, ext = seed
    assert ext.language == "fr"
    assert ext.extractor_version == EXTRACTOR_VERSION
    check_offsets(text, ext)


def test_starlink_terminals(seed):
    text, ext = seed
    claims = [c for c in ext.claims if "environ 25 000 terminaux Internet par satellite Starlink" in c.text]
    assert claims, "the 25 000 terminals claim is missing"
    c = claims[0]
    q = [q for q in c.quantities if q.value == 25000]
    assert q, c.quantities
    q = q[0]
    assert q.approximate is True and q.vague is False
    assert q.raw == "environ 25 000"
    assert "terminaux" in q.unit and "Starlink" in q.unit
    assert text[q.start : q.end] == q.raw
    assert "quantity" in c.types and c.checkworthy


def _quote(ext, start_words):
    for c in ext.claims:
        if c.text.startswith(start_words) and "quote" in c.types:
            return c
    raise AssertionError(f"no quote starting {start_words!r}")


def test_musk_quotes(seed):
    _, ext = seed
    for words in ("Au diable", "Maudit si vous le faites", "Je fais de mon mieux"):
        c = _quote(ext, words)
        assert c.speaker == "Elon Musk", (words, c.speaker)
    c = _quote(ext, "Au diable")
    assert c.text.endswith("gouvernement ukrainien")  # without the closing mark
    assert any(q.vague and q.value == 1e9 for q in c.quantities)


def test_kim_dotcom_quotes(seed):
    _, ext = seed
    assert _quote(ext, "En d'autres termes" if False else "En d\u2019autres termes").speaker in (
        "Kim Dotcom",
        "Kim Schmitz",
    )
    multi = _quote(ext, "Je crois en toi.")
    assert multi.text.endswith("pour le bien de l\u2019humanité")  # one item over five sentences
    assert "Schmitz" in multi.speaker
    assert "Schmitz" in _quote(ext, "a provoqué cette guerre").speaker


def test_last_sentence_has_quantity_and_quote(seed):
    _, ext = seed
    q = _quote(ext, "refaire les élections")
    assert q.speaker == "Elon Musk"
    sentence = [c for c in ext.claims if c.text.startswith("Quant aux quatre")]
    assert sentence and any(x.value == 4 for x in sentence[0].quantities)


def test_headline_is_not_a_claim(seed):
    _, ext = seed
    assert not any(c.text.startswith("date 2022-10") for c in ext.claims)
