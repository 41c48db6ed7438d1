"""Arbitrary input never raises, offsets always stay in range, pathological input stays fast."""

from __future__ import annotations

import random

import pytest

from claims.extraction import detect_language, extract, extract_many

from .conftest import check_offsets

ODD = [
    "",
    " ",
    "\n\n\n",
    "\x00\x01\x02\x1f\x7f",
    "\ufeff\u200b\u2028\u2029",
    "abc \ud800 def",
    "«",
    "»",
    "“”",
    '"',
    "« « « »",
    "» texte « ",
    "1",
    "1,",
    ",1",
    "1.2.3.4.5",
    "12h30",
    "-",
    "--1--",
    "€",
    "$",
    "%",
    "€€$$£",
    "M. X.",
    "...",
    "…",
    "?!",
    "a" * 5000,
    "7" * 20000,
    "1 " * 3000,
    "« " * 3000,
    '"' * 3001,
    "Il a dit « oui » " * 200,
    'He said "yes" ' * 200,
    "\t" * 100 + "x",
    "ℕ𝔸𝕄 🙂 ∑∞ ☃",
    "﷽" * 50,
    "25\u00a0000\u202f000 €",
    "1,5 milliard milliard milliards",
    "entre et à",
    "un sur",
    "the third quarter",
]


@pytest.mark.parametrize("text", ODD)
@pytest.mark.parametrize("lang", ["fr", "en", None])
def test_odd_input(text, lang):
    ext = extract(text, lang)
    check_offsets(text, ext)


def test_random_garbage_offsets():
    rng = random.Random(1234)
    alphabet = "aé Z1 9,.;:!?«»“”\"'’\u00a0\u202f\n-–€$%()[]M\t"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(60)]
    for text, ext in zip(texts, extract_many(texts, ["fr", "en"] * 30)):
        check_offsets(text, ext)


def test_pathological_inputs_end_with_valid_offsets():
    cases = {
        "digits": "9" * 200_000,
        "quotes": "«" * 20_000 + '"' * 20_000,
        "one_line": "Le chat a mangé 25 000 souris et environ 3,5 millions de dollars, " * 2_000,
    }
    for text in cases.values():
        # Time limits are the worker's (tests/faults/test_pathological.py); here: it ends, offsets hold.
        ext = extract(text, "fr")
        check_offsets(text, ext)


def test_detect_language():
    assert (
        detect_language("Le gouvernement a annoncé jeudi une hausse des impôts pour les entreprises.") == "fr"
    )
    assert detect_language("The government announced on Thursday a tax rise for companies.") == "en"
    assert isinstance(detect_language(""), str)


def test_extract_many_matches_extract():
    texts = ["Le club compte 38.000 adhérents.", "The firm cut 1,200 jobs on Monday.", ""]
    many = extract_many(texts)
    for t, m in zip(texts, many):
        one = extract(t)
        assert [(c.start, c.end, c.types) for c in one.claims] == [
            (c.start, c.end, c.types) for c in m.claims
        ]
