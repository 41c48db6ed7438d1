"""Every language rule lives in its language module: a copy of the English spec registered under another
code makes the engine behave exactly as it does for English."""

from __future__ import annotations

import dataclasses
import json

import pytest

from claims.extraction import extract_many, languages
from claims.extraction.languages import en

TEXTS = [
    "The airline expects to carry 12 million passengers next year, its chief executive, John Smith, said on "
    'Monday. "We have never seen demand like this," he added. Sales rose 4.5% to $1.2bn, the company said.',
    'Speaking to reporters, Mr Kerry said: "In some cases, it has reached too far inappropriately." '
    "The Secretary of State also admitted that mistakes had been made, according to the State Department.",
    "Prices have risen by 3 per cent since January, said Ana Lopez, an economist at the Bank of England "
    "(BoE). The BoE declined to comment.",
]


def _decisions(extraction):
    """What the engine decides about an article: spans, types, speakers, entities. Not the check-worthiness
    score (the scorer picks its model by language code) nor the quantities and the type they give
    (quantities.py still reads ``spec.code``; that moves to the spec on its own branch: compare them
    here once it has)."""
    out = []
    for c in extraction.claims:
        d = dataclasses.asdict(c)
        d.pop("score")
        d.pop("checkworthy")
        d.pop("quantities")
        d["types"] = [t for t in d["types"] if t != "quantity"]
        d.pop("type")
        out.append(d)
    return out


@pytest.fixture
def english_copy():
    spec = dataclasses.replace(en.SPEC, code="xx")
    languages.register(spec)
    yield spec
    languages.unregister("xx")


def _articles(shared):
    path = shared / "eval" / "articles" / "en_dev.jsonl"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()][:4]


def test_english_spec_under_another_code_behaves_like_english(english_copy, shared_dir):
    texts = TEXTS + _articles(shared_dir)
    as_en = extract_many(texts, ["en"] * len(texts))
    as_xx = extract_many(texts, ["xx"] * len(texts))
    assert all(x.language == "xx" for x in as_xx)
    assert sum(len(x.claims) for x in as_en) > 20
    assert any(c.speaker for x in as_en for c in x.claims)
    for a, b in zip(as_en, as_xx):
        assert _decisions(a) == _decisions(b)


@pytest.fixture
def english_copy_with_its_models():
    """The same copy, told to use the English trained models (check-worthiness, news layer, types)."""
    spec = dataclasses.replace(en.SPEC, code="xy", model_code="en")
    languages.register(spec)
    yield spec
    languages.unregister("xy")


def test_with_the_english_models_the_copy_decides_everything_as_english(
    english_copy_with_its_models, shared_dir
):
    """Nothing outside the language modules asks which language it is: with the English models, the copy
    gives the same claims, scores, check-worthiness, types and quantities."""
    texts = TEXTS + _articles(shared_dir)
    as_en = extract_many(texts, ["en"] * len(texts))
    as_xy = extract_many(texts, ["xy"] * len(texts))
    assert sum(len(x.claims) for x in as_en) > 20
    assert any(q for x in as_en for c in x.claims for q in c.quantities)
    for a, b in zip(as_en, as_xy):
        assert b.language == "xy"
        assert [dataclasses.asdict(c) for c in a.claims] == [dataclasses.asdict(c) for c in b.claims]


def test_registered_language_is_used_and_forgotten(english_copy):
    assert languages.get("xx") is english_copy
    languages.unregister("xx")
    assert languages.get("xx").code == languages.DEFAULT_LANG
