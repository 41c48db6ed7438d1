"""Learned type selection (classify.final_types, cw_model/types.*): at most two types, chosen among the rules'."""
import numpy as np

from claims.extraction import classify, extract

ARTICLE = (
    "The Energy Department said Wednesday that U.S. supplies increased 4.1 million barrels last week, "
    "more than analysts had expected, because refineries slowed down for maintenance. "
    "Prices will probably rise again next month, the agency predicted in its report on Tuesday."
)


def test_items_carry_at_most_two_types_chosen_among_the_rule_types():
    from claims.extraction import engine

    original = engine.final_types
    engine.final_types = lambda *a: None  # the rule types alone
    try:
        rules = extract(ARTICLE, "en").claims
    finally:
        engine.final_types = original
    shown = extract(ARTICLE, "en").claims
    assert max(len(c.types) for c in rules) >= 3  # before: 3-5 badges on such sentences
    assert [(c.start, c.end) for c in shown] == [(c.start, c.end) for c in rules]
    for r, s in zip(rules, shown):
        assert 1 <= len(s.types) <= 2 and set(s.types) <= set(r.types) and s.type == s.types[0]


def test_select_types_keeps_quotes_and_drops_other_next_to_a_real_type():
    probs = np.zeros(len(classify.TYPE_NAMES))
    probs[classify.TYPE_NAMES.index("event")] = 0.9
    probs[classify.TYPE_NAMES.index("causal")] = 0.7
    probs[classify.TYPE_NAMES.index("quote")] = 0.05
    assert classify.select_types(probs, ["quote", "event", "causal"], True, 0.1, "prune") == ["quote", "event"]
    assert classify.select_types(probs, ["event", "causal", "other"], False, 0.1, "prune") == ["event", "causal"]
    assert classify.select_types(probs, ["event", "quote"], False, 0.1, "prune") == ["event", "quote"]
    probs[:] = 0.0
    assert classify.select_types(probs, ["comparison"], False, 0.5, "prune") == ["comparison"]


def test_languages_without_a_type_model_keep_the_rule_types():
    assert classify.final_types(["Hallo Welt."], "de", [{"types": ["other"]}]) is None
