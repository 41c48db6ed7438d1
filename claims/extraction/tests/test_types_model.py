"""Claim types: the rules find candidate types from the language's cues; the type model (type_model.py,
cw_model/types.*) shows one or two of them, and never a type no rule found (``other`` aside)."""

import numpy as np
import pytest

from claims.extraction import classify, engine, extract, type_model
from claims.extraction.languages import en, fr

ARTICLES = {
    "en": (
        "The Energy Department said Wednesday that U.S. supplies increased 4.1 million barrels last week, "
        "more than analysts had expected, because refineries slowed down for maintenance. "
        "Prices will probably rise again next month, the agency predicted in its report on Tuesday."
    ),
    "fr": (
        "Le ministère de l'Energie a indiqué mercredi que les stocks avaient augmenté de 4,1 millions de "
        "barils la semaine dernière, plus que prévu, en raison de l'arrêt de plusieurs raffineries. "
        "Les prix devraient encore monter le mois prochain, a prédit l'agence dans son rapport mardi."
    ),
}


def _rule_types(text, lang):
    original = engine.final_types
    engine.final_types = lambda *a: None  # the rule types alone
    try:
        return extract(text, lang).claims
    finally:
        engine.final_types = original


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_items_show_at_most_two_types_among_the_candidates(lang):
    rules = _rule_types(ARTICLES[lang], lang)
    shown = extract(ARTICLES[lang], lang).claims
    assert max(len(c.types) for c in rules) >= 3  # the rules alone give 3-5 badges on such sentences
    assert [(c.start, c.end) for c in shown] == [(c.start, c.end) for c in rules]
    for r, s in zip(rules, shown):
        assert 1 <= len(s.types) <= 2 and s.type == s.types[0]
        assert set(s.types) <= set(r.types) | {"other", "event"}


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The plant closed after the storm, and prices have risen since March."),
        ("en", "The new vaccine helps the body make antibodies, which means smokers may quit."),
        ("en", "Mr Hare said the company was responsible for the programme, which was launched in 2009."),
        ("fr", "L'usine a fermé après la tempête, et les prix ont augmenté depuis mars."),
        ("fr", "Le nouveau vaccin permet de fabriquer des anticorps, selon le responsable du programme."),
        (
            "fr",
            "Le suspect a été mis en cause dans l'enquête ouverte en 2009, et le résultat sera connu lundi.",
        ),
    ],
)
def test_causal_needs_a_cause(lang, text):
    """Time words ("after", "depuis"), enabling ones ("helps", "permet") and look-alikes ("responsable",
    "mis en cause", "résultat") name no cause: no item of such a sentence is causal, by rule or shown."""
    assert all("causal" not in c.types for c in _rule_types(text, lang))
    assert all("causal" not in c.types for c in extract(text, lang).claims)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Output fell 4% because two refineries were shut down for maintenance."),
        ("en", "The strike led to the cancellation of 300 flights on Monday."),
        ("en", "Sales were hit by the strong pound, the company said on Friday."),
        ("fr", "La production a baissé de 4 % parce que deux raffineries ont été fermées."),
        ("fr", "La grève a provoqué l'annulation de 300 vols lundi."),
        ("fr", "Le match a été reporté en raison de la neige, a annoncé la fédération."),
    ],
)
def test_a_named_cause_makes_a_causal_candidate(lang, text):
    assert any("causal" in c.types for c in _rule_types(text, lang))


def _probs(**p):
    out = np.zeros(len(type_model.TYPE_NAMES))
    for k, v in p.items():
        out[type_model.TYPE_NAMES.index(k)] = v
    return out


def test_select_types_ranks_the_candidates_and_keeps_quotes():
    probs = _probs(event=0.9, causal=0.7, quote=0.05, other=0.6, prediction=0.95)
    # prediction scores best, but no rule found it: it is no candidate
    assert type_model.select_types(probs, ["quote", "event", "causal"], True, (), 0.1) == ["quote", "event"]
    assert type_model.select_types(probs, ["event", "causal"], False, (), 0.1) == ["event", "causal"]
    assert type_model.select_types(probs, ["event", "causal"], False, (), 0.8) == ["event"]
    # "other" (which no rule can find) is a candidate when the language's model says so
    assert type_model.select_types(probs, ["event", "comparison"], False, ("other",), 0.5) == [
        "event",
        "other",
    ]
    # quoted words inside the writer's sentence: the sentence's type first, the quote second
    assert type_model.select_types(probs, ["event", "quote"], False, (), 0.1) == ["event", "quote"]
    assert type_model.select_types(_probs(), ["comparison"], False, (), 0.5) == ["comparison"]


def test_languages_without_a_type_model_keep_the_rule_types():
    assert type_model.final_types(["Hallo Welt."], "de", [{"types": ["other"]}]) is None


def test_the_type_model_reads_features_of_its_own():
    """Retraining the check-worthiness models never changes what the type heads read: they have their own
    vocabulary and standardisation, and a model that does not fit this code's features is not used."""
    models = type_model._models()
    assert set(models) >= {"fr", "en"}
    m = models["en"]
    assert m.coef.shape == (len(type_model.TYPE_NAMES), len(m.vec.vocabulary) + len(type_model.DENSE_NAMES))
    meta = {
        "vocabulary": ["a", "b"],
        "params": {"analyzer": "word", "ngram_range": [1, 2]},
        "select": {"extra": [], "floor": 0.5},
    }
    arrays = {
        "x_idf": np.ones(2),
        "x_mean": np.zeros(3),
        "x_scale": np.ones(3),
        "x_coef": np.zeros((len(type_model.TYPE_NAMES), 5)),
        "x_intercept": np.zeros(7),
    }
    with pytest.raises(ValueError):
        type_model.TypeModel(meta, arrays, "x")


@pytest.mark.parametrize("spec", [en.SPEC, fr.SPEC], ids=["en", "fr"])
def test_cue_counts_are_handed_to_the_type_model(spec):
    item = engine._Item(0, 10, "sentence", (0, 10), ["causal"], None, [], [])
    text = {
        "en": "Because of the rain, and because of the wind.",
        "fr": "En raison de la pluie et en raison du vent.",
    }
    hint = classify._hint(item, text[spec.code], spec)
    assert hint["cue_counts"][type_model.CUE_FAMILIES.index("causal_cues")] == 2
