"""Text cleaning, validation, hashing and language detection."""

import hashlib

import pytest

from articles.ingestion import IngestionError, clean_text, content_hash, detect_language, validate_text


def test_clean_text_normalises_newlines_and_drops_control_characters():
    raw = "  \r\n Title\r\nLine\x00 one\x07\rLine\ttwo\x1b\x7f \n\n "
    assert clean_text(raw) == "Title\nLine one\nLine\ttwo"


def test_clean_text_keeps_other_characters_as_written():
    # Offsets are computed on the stored text: no quote or space normalisation here.
    raw = "L’État a dit « 25\u202f000 »\u00a0!"
    assert clean_text(raw) == raw


def test_validate_text_returns_the_cleaned_text():
    assert validate_text("  hello\r\nworld \n", max_chars=100) == "hello\nworld"


@pytest.mark.parametrize("text", ["", "   \n\t\r\n ", "\x00\x01"])
def test_validate_text_refuses_empty_text(text):
    with pytest.raises(IngestionError) as caught:
        validate_text(text, max_chars=100)
    assert caught.value.message == "The article text is empty."


def test_validate_text_refuses_text_over_the_limit_and_states_it():
    with pytest.raises(IngestionError) as caught:
        validate_text("a" * 250_312, max_chars=200_000)
    assert caught.value.message == "The article is 250,312 characters long; the limit is 200,000."


def test_validate_text_accepts_text_exactly_at_the_limit():
    assert len(validate_text("a" * 10, max_chars=10)) == 10


def test_ingestion_error_is_a_value_error():
    assert issubclass(IngestionError, ValueError)


def test_content_hash_recognises_the_same_text_pasted_twice():
    first = "The minister said   unemployment fell.\r\n\r\nIt did not."
    second = "  The minister said unemployment fell.\n It did not.\n"
    assert content_hash(first) == content_hash(second)


def test_content_hash_is_sha256_of_collapsed_text():
    expected = hashlib.sha256(b"a b c").hexdigest()
    assert content_hash(" a\n\nb\tc ") == expected


def test_content_hash_differs_for_different_text():
    assert content_hash("Unemployment fell.") != content_hash("Unemployment rose.")


def test_detect_language_recognises_french_and_english():
    fr = "Le ministre de l'Économie a déclaré mardi que le chômage avait baissé au dernier trimestre."
    en = "The economy minister said on Tuesday that unemployment fell in the last quarter."
    assert detect_language(fr) == "fr"
    assert detect_language(en) == "en"


@pytest.mark.parametrize("text", ["", "ok", "hello", "12 345 678 %", "!!! ???"])
def test_detect_language_returns_empty_when_text_is_too_short_to_tell(text):
    assert detect_language(text) == ""
