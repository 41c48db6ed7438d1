"""The re-ranker's signals: BM25 words (hashtags, inflections), pair features and the shipped model."""

from __future__ import annotations

import json

import numpy as np

from claims.matching import text as T
from claims.matching.index import FEATURES, MODEL_FILE, Reranker, pair_features, ranks
from training.train_matching import threshold_for_precision


def test_hashtags_are_split_into_their_words():
    assert T.words("#ImpeachTrump2020 now") == ["impeach", "trump", "2020", "now"]
    assert T.words("#Brexit") == ["brexit"]


def test_urls_and_handles_give_no_words_even_glued_to_a_hashtag():
    assert T.words("#DefundTheCBChttps://t.co/CsHG8R9cHp via @BradTrostCPC") == ["defund", "cbc"]


def test_inflections_meet_in_french_and_english():
    assert T.words("released prisoners") == T.words("releases prisoner") == ["releas", "prisoner"]
    assert T.words("les élections régionales") == T.words("élection régional")
    # Short words keep their ending: "bus" is not "bu", "gas" is not "ga".
    assert T.words("bus gas") == ["bus", "gas"]


def test_a_lone_pair_is_its_own_best_candidate():
    features = pair_features(0.9, 3.0, 3.0, frozenset(), frozenset(), frozenset(), frozenset())
    assert features["cosine_gap"] == 0.0 and features["bm25_rel"] == 1.0
    behind = pair_features(0.8, 1.5, 3.0, frozenset(), frozenset(), frozenset(), frozenset(), cosine_best=0.9)
    assert np.isclose(behind["cosine_gap"], -0.1) and behind["bm25_rel"] == 0.5
    assert set(features) == set(FEATURES)


def test_the_shipped_model_prefers_a_closer_and_lexically_nearer_claim():
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert set(model["weights"]) <= set(FEATURES) and 0 < model["suggest"] <= model["autolink"] < 1
    reranker = Reranker.load()
    none = frozenset()
    near = reranker.score(pair_features(0.92, 8.0, 8.0, none, none, none, none, cosine_best=0.92))
    far = reranker.score(pair_features(0.80, 1.0, 8.0, none, none, none, none, cosine_best=0.92))
    assert near > far


def test_threshold_for_precision_is_the_lowest_score_keeping_it():
    scores = np.array([0.9, 0.8, 0.7, 0.6])
    labels = np.array([1.0, 1.0, 0.0, 1.0])
    assert threshold_for_precision(scores, labels, 1.0) == 0.8
    assert threshold_for_precision(scores, labels, 0.75) == 0.6
    assert threshold_for_precision(scores, np.zeros(4), 0.5) is None


def test_a_lone_pair_is_linked_on_its_cosine_not_on_being_first_of_one():
    reranker = Reranker.load()
    none = frozenset()
    # First by every ranking signal (it is alone) but only moderately alike: not linked automatically.
    alone = pair_features(0.85, 5.0, 5.0, none, none, none, none, cosine_best=0.85)
    assert reranker.link_score(alone) < reranker.autolink
    same = pair_features(0.98, 5.0, 5.0, none, none, none, none, cosine_best=0.98)
    assert reranker.link_score(same) >= reranker.autolink


def test_ranks_are_one_for_the_best():
    assert ranks([0.2, 0.9, 0.5]) == [3, 1, 2]


def test_exported_trees_score_as_the_library_does():
    from sklearn.ensemble import HistGradientBoostingClassifier

    from claims.matching.index import _tree_value
    from training.train_matching import export_trees

    rng = np.random.default_rng(0)
    X = rng.random((300, len(FEATURES)))
    y = (X[:, 0] + 0.5 * X[:, 3] > 0.8).astype(int)
    model = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(X, y)
    exported = export_trees(model, FEATURES, X)  # asserts agreement itself
    row = dict(zip(FEATURES, X[7]))
    mine = exported["baseline"] + sum(_tree_value(tree, row) for tree in exported["trees"])
    assert np.isclose(mine, model.decision_function(X[7:8])[0])
