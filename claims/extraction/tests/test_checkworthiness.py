"""Tests for the check-worthiness scorer (plain pytest, no database, no network)."""

from __future__ import annotations

import json
import socket

import numpy as np
import pytest

from claims.extraction import checkworthiness as cw

EN_CLAIM = "Unemployment fell to 3.5 % in 2019, the lowest rate in fifty years."
EN_NON = "Thank you very much, it is a pleasure to be here."
FR_CLAIM = "Le chômage est tombé à 7,1 % en 2022, son plus bas niveau depuis quinze ans."
FR_NON = "Merci beaucoup, c'est un plaisir d'être parmi vous."


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Override the root conftest's Django fixture: these tests use no Django (run with -p no:django)."""


@pytest.fixture(autouse=True, scope="module")
def no_network():
    """Loading and scoring must not touch the network."""
    real = socket.socket

    def guard(*args, **kwargs):
        raise AssertionError("network access attempted")

    socket.socket = guard
    try:
        yield
    finally:
        socket.socket = real


def test_threshold_is_a_probability():
    assert isinstance(cw.THRESHOLD, float)
    assert 0.0 < cw.THRESHOLD < 1.0


def test_model_files_load_offline_and_are_small():
    assert (cw.MODEL_DIR / "model.json").is_file()
    assert (cw.MODEL_DIR / "weights.npz").is_file()
    total = sum(p.stat().st_size for p in cw.MODEL_DIR.iterdir() if p.is_file())
    assert total < 5_000_000
    info = cw.model_info()
    assert info["threshold"] == cw.THRESHOLD
    meta = json.loads((cw.MODEL_DIR / "metadata.json").read_text(encoding="utf-8"))
    assert "crowdsourced.csv" in meta["training_data"]["file"]


def test_scores_in_unit_interval_and_aligned():
    texts = [EN_CLAIM, EN_NON, "What do you think?", "The bill passed the Senate 52 to 48 on Tuesday."]
    scores = cw.score_texts(texts, "en")
    assert len(scores) == len(texts)
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)


def test_clear_english_claim_and_non_claim():
    claim, non = cw.score_texts([EN_CLAIM, EN_NON], "en")
    assert claim >= cw.THRESHOLD > non


def test_clear_french_claim_and_non_claim():
    claim, non = cw.score_texts([FR_CLAIM, FR_NON], "fr")
    assert claim >= cw.THRESHOLD > non


def test_french_news_sentences():
    texts = [
        "Selon l'Insee, le nombre de demandeurs d'emploi a augmenté de 2,3 % au troisième trimestre.",
        "Le gouvernement a débloqué 1,5 milliard d'euros pour les hôpitaux en 2021.",
        "Qu'en pensez-vous ?",
        "Bonne lecture et à demain !",
    ]
    s = cw.score_texts(texts, "fr")
    assert s[0] >= cw.THRESHOLD and s[1] >= cw.THRESHOLD
    assert s[2] < cw.THRESHOLD and s[3] < cw.THRESHOLD


def test_questions_and_opinions_score_lower_than_facts():
    fact, question, opinion = cw.score_texts(
        [
            "The deficit rose to $1.4 trillion in 2009.",
            "Why would anyone vote for that?",
            "I think we can do better.",
        ],
        "en",
    )
    assert fact > question and fact > opinion


def test_empty_and_odd_unicode_do_not_raise():
    texts = ["", "   ", "\u200b\ufeff", "🙂🙂🙂", "\x00\x01", "…", "«  »", "Ω" * 5000, "e\u0301", "42"]
    for lang in ("en", "fr", "de", "", None):
        scores = cw.score_texts(texts, lang)
        assert len(scores) == len(texts)
        assert all(0.0 <= s <= 1.0 for s in scores)
    assert cw.score_texts([], "en") == []
    assert cw.score_texts([""], "en")[0] < cw.THRESHOLD


def test_hints_are_used_and_raise_news_claims():
    text = "Trois véhicules de gendarmerie et deux ambulances se sont rendus sur place."
    base = cw.score_texts([text], "fr")[0]
    hinted = cw.score_texts(
        [text],
        "fr",
        hints=[
            {
                "types": ["quantity", "event"],
                "n_quantities": 2,
                "is_quote": False,
                "speaker": None,
                "n_entities": 1,
                "entity_labels": ["ORG"],
            }
        ],
    )[0]
    assert 0.0 <= hinted <= 1.0
    assert hinted > base
    quote = "Nous avons vendu 25 000 terminaux Starlink en Ukraine"
    q_base = cw.score_texts([quote], "fr")[0]
    q_hint = cw.score_texts(
        [quote],
        "fr",
        hints=[
            {
                "types": ["quote", "quantity"],
                "n_quantities": 1,
                "is_quote": True,
                "speaker": "Elon Musk",
                "n_entities": 2,
                "entity_labels": ["PER", "LOC"],
            }
        ],
    )[0]
    assert q_hint > q_base and q_hint >= cw.THRESHOLD


def test_malformed_hints_do_not_raise():
    texts = ["The economy grew by 2 % last year.", "Hello."]
    for hints in ([{}, {}], [None, None], [{"types": None, "n_quantities": "x"}, {"types": "event"}], [{}]):
        scores = cw.score_texts(texts, "en", hints=hints)
        assert len(scores) == 2 and all(0.0 <= s <= 1.0 for s in scores)


def test_a_large_batch_gets_one_score_per_text():
    # Speed is measured by bench/extraction.py, never by a timer here (a loaded machine is not a bug).
    texts = [EN_CLAIM, EN_NON, "The bill passed the Senate 52 to 48 on Tuesday."] * 700
    scores = cw.score_texts(texts, "en")
    assert len(scores) == len(texts) and all(0.0 <= s <= 1.0 for s in scores)
    assert scores[:3] == scores[3:6]  # the same text, the same score, wherever it sits in the batch


def test_french_elisions_and_inversions_reach_the_cue_lists():
    names = cw.DENSE_NAMES
    row = cw.dense_features(["Qu'en pensez-vous ? L'emploi a reculé."], "fr")[0]
    feats = dict(zip(names, row))
    assert feats["c_second"] > 0 and feats["c_opinion"] > 0 and feats["c_public"] > 0


def test_attributed_quote_neutralises_first_person():
    # the debate model reads "je / vous / nous" as the writer's voice (an opinion cue); in a named speaker's
    # quote the first/second-person cues are set to neutral, which lifts this sentence's debate logit
    text = "Je vous le dis, je le répète : nous sommes confrontés à une guerre nucléaire à cause de la politique étrangère des États-Unis"
    m = cw._load()["cue"]
    dense = cw.dense_features([text], "fr")
    plain = m.logits([text], dense.copy(), np.array([False]))[0]
    named = m.logits([text], dense.copy(), np.array([True]))[0]
    assert named > plain
    hint = {"types": ["quote"], "is_quote": True, "speaker": "Kim Dotcom"}
    assert cw._is_attributed_quote(hint) and not cw._is_attributed_quote({**hint, "speaker": None})


def test_language_codes_are_normalised():
    a = cw.score_texts([EN_CLAIM], "en")[0]
    assert cw.score_texts([EN_CLAIM], "EN-us")[0] == a
    assert cw.score_texts([EN_CLAIM], "en_GB")[0] == a
