import numpy as np

from training import matching_adapter
from training.matching_articles import build, folds, rankings_without_ignored

ARTICLE = {
    "doc_id": "a1",
    "lang": "fr",
    "title": "Le budget",
    "text": "Le budget\nLa ville dépense 1,2 milliard.\nLe maire l'a dit lundi.\nLa dette baisse de 3 %.",
}
GOLD = {
    "claims": [
        {"text": "La ville dépense 1,2 milliard.", "checkworthy": True},
        {"text": "Le maire l'a dit lundi.", "checkworthy": False},
        {"text": "La dette baisse de 3 %.", "checkworthy": True},
    ]
}
OTHER = (
    {"doc_id": "b2", "lang": "en", "title": "", "text": "Prices rose 5%."},
    {"claims": [{"text": "Prices rose 5%.", "checkworthy": True}]},
)


def test_a_check_worthy_item_is_found_from_its_window_and_other_stated_items_are_set_aside():
    pairs = build([(ARTICLE, GOLD), OTHER], "window")
    assert len(pairs.corpus_ids) == 4  # every item, check-worthy or not, both languages
    assert len(pairs.query_ids) == 3  # the check-worthy ones
    qid = pairs.query_ids[0]
    # headline (not repeated from the text's first line), the item's line and one line either side
    assert pairs.query_texts[0] == "Le budget\nLa ville dépense 1,2 milliard.\nLe maire l'a dit lundi."
    target = pairs.corpus_texts[pairs.corpus_ids.index(next(iter(pairs.relevant[qid])))]
    assert target == "La ville dépense 1,2 milliard."
    assert [pairs.corpus_texts[pairs.corpus_ids.index(c)] for c in pairs.ignore[qid]] == [
        "Le maire l'a dit lundi."
    ]
    assert pairs.groups[qid] == "a1" and pairs.languages[qid] == "fr"
    ranked = rankings_without_ignored(pairs, {qid: sorted(pairs.corpus_ids)})
    assert not set(ranked[qid]) & pairs.ignore[qid]


def test_the_context_variant_leaves_the_item_out_of_its_query():
    pairs = build([(ARTICLE, GOLD)], "context")
    assert "1,2 milliard" not in pairs.query_texts[0]
    assert "Le maire" in pairs.query_texts[0] and "dette" not in pairs.query_texts[0]


def test_folds_keep_an_articles_queries_together():
    pairs = build([(ARTICLE, GOLD), OTHER], "window")
    by_query = dict(zip(pairs.query_ids, folds(pairs, 2)))
    assert by_query["a1#0"] == by_query["a1#2"] != by_query["b2#0"]


def test_an_excluded_document_takes_no_part_in_the_adapters_softmax():
    rng = np.random.default_rng(0)
    docs = np.eye(3, dtype=np.float32)
    q = np.repeat(np.array([[0.6, 0.8, 0.0]], np.float32), 4, axis=0) + rng.normal(0, 0.01, (4, 3))
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    targets = np.zeros(4, dtype=int)
    a0, b0 = matching_adapter.fit(q, targets, docs, exclude=(np.arange(4), np.ones(4, int)))
    a1, b1 = matching_adapter.fit(q, targets, docs[[0, 2]])
    # document 1 excluded for every query = document 1 absent (same gradients up to its row's use)
    assert np.allclose((q @ a0) @ b0, (q @ a1) @ b1, atol=1e-4)
