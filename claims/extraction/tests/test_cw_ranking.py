"""Check-worthiness scores rank an article's items: central facts above colour, no saturation, in both languages.

The news stage reads the item's sentence embedding (the matching encoder) and where the item stands in its
article; these tests hold the behaviour, not a figure (figures: ``make eval``)."""

from __future__ import annotations

import numpy as np
import pytest

from claims.extraction import checkworthiness as cw
from claims.extraction import cw_news, extract

EN_ARTICLE = (
    "Rolls-Royce to cut 4,600 jobs after profits fall\n"
    "Rolls-Royce said on Thursday it would cut 4,600 jobs over the next two years after its annual profit fell "
    "by 28% to £1.6bn. The engine maker's chief executive, John Bishop, made the announcement at a press "
    "conference in London. The comments came as he chatted with reporters about the weather and his recent "
    "holiday in Scotland. The cuts will fall mostly on managers in Derby, where the company employs 12,000 "
    "people, according to the union Unite. The room was crowded and the coffee ran out early. "
    "Shares in the company rose 3% on the news."
)

FR_ARTICLE = (
    "Renault va supprimer 4 600 emplois\n"
    "Renault a annoncé jeudi la suppression de 4 600 emplois d'ici deux ans, après une chute de 28 % de son "
    "bénéfice annuel, à 1,6 milliard d'euros. Le directeur général du constructeur, Jean Dupont, a fait "
    "l'annonce lors d'une conférence de presse à Paris. Les commentaires sont venus alors qu'il discutait "
    "avec des journalistes de la météo et de ses récentes vacances en Bretagne. Les suppressions toucheront "
    "surtout les cadres du site de Flins, où le groupe emploie 12 000 personnes, selon la CGT. "
    "La salle était bondée et le café a manqué très tôt. L'action du groupe a gagné 3 % à la Bourse de Paris."
)

CASES = {
    "en": (
        EN_ARTICLE,
        "cut 4,600 jobs over the next two years",
        "The comments came as he chatted",
        "The room was crowded",
    ),
    "fr": (
        FR_ARTICLE,
        "la suppression de 4 600 emplois",
        "Les commentaires sont venus",
        "La salle était bondée",
    ),
}


def _score_of(ext, needle):
    hits = [c for c in ext.claims if needle in c.text]
    assert hits, f"no item holds {needle!r}"
    return hits[0].score


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_central_fact_scores_above_the_colour(lang):
    text, central, colour, aside = CASES[lang]
    ext = extract(text, lang)
    fact = _score_of(ext, central)
    assert fact >= cw.THRESHOLD
    for needle in (colour, aside):
        hits = [c for c in ext.claims if needle in c.text]
        if hits:  # the engine may not extract an aside at all: then nothing to rank
            assert hits[0].score < fact


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_articles_items_get_distinct_unsaturated_scores(lang):
    ext = extract(CASES[lang][0], lang)
    scores = [c.score for c in ext.claims]
    assert len(scores) >= 5
    assert len(set(scores)) == len(scores)  # the queue can rank every item
    assert sum(s >= 0.99 for s in scores) <= 1 and min(scores) > 0.01  # before: 7 of 9 items at 1.00


def test_the_news_model_embeds_items_and_reads_their_place_in_the_article():
    news = cw._load()["news"]
    for lang in ("fr", "en"):
        assert news[lang].uses_embedding and news[lang].ctx is not None
    # the same sentence, first in one article and last in another, is not scored the same
    items = [
        "Renault a annoncé jeudi la suppression de 4 600 emplois d'ici deux ans.",
        "La salle était bondée et le café a manqué très tôt.",
    ]
    hints = [
        {"types": ["quantity", "event"], "n_quantities": 1, "n_specific_quantities": 1, "doc": 0},
        {"types": ["event"], "n_quantities": 0, "doc": 0},
    ]
    first = cw.score_texts(items, "fr", hints)[0]
    last = cw.score_texts(items[::-1], "fr", hints[::-1])[1]
    assert first != last


def test_context_features_follow_the_article_not_the_batch():
    emb = np.eye(4)[[0, 0, 1, 2]].astype(float)
    feats = cw_news.context_features(["a", "a", "b", "b"], emb)
    names = cw_news.CONTEXT_NAMES
    assert feats[0, names.index("first_item")] == 1.0 and feats[2, names.index("first_item")] == 1.0
    assert feats[1, names.index("rel_position")] == 1.0
    assert feats[0, names.index("centrality")] == pytest.approx(1.0)  # its article's other item is the same
    assert feats[2, names.index("centrality")] == pytest.approx(0.0)


# a sentence that piles up figures, dates, a named source and a rate: before the tail compression of the
# calibrated logit (``cw_news.compress``) the French one scored 0.9993, a hair from the 1.00 of issue 11
HEAVY = {
    "fr": " Le milliardaire a fait don d'environ 25 000 terminaux Internet par satellite Starlink à l'Ukraine "
    "après l'invasion russe du 24 février 2022, pour un coût de 80 millions de dollars, selon SpaceX, soit "
    "3 200 dollars par terminal.",
    "en": " The billionaire donated about 25,000 Starlink satellite internet terminals to Ukraine after Russia's "
    "invasion on February 24, 2022, at a cost of $80 million, according to SpaceX, or $3,200 per terminal.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sentence_piling_up_figures_ranks_high_without_touching_one(lang):
    ext = extract(CASES[lang][0] + HEAVY[lang], lang)
    heavy = _score_of(ext, HEAVY[lang].split(",")[0].strip()[:40])
    scores = [c.score for c in ext.claims]
    assert heavy >= cw.THRESHOLD and heavy >= sorted(scores)[-2]  # among the two best items of the article
    assert max(scores) < 0.999  # headroom: four decimals still rank the top items
    assert sum(s >= 0.99 for s in scores) <= 1


def test_tail_compression_keeps_ranks_and_the_decision_point():
    z = np.linspace(-30, 30, 601)
    g = cw_news.compress(z, 3.0)
    assert np.all(np.diff(g) > 0)  # monotone: the queue's order is the model's
    assert cw_news.compress(np.array([0.0]), 3.0)[0] == 0.0  # 0.5 stays the decision point
    assert np.allclose(cw_news.compress(-z, 3.0), -g)
    assert abs(cw_news.compress(np.array([0.3]), 3.0)[0] - 0.3) < 0.02  # ~identity near the threshold
    assert cw_news.compress(np.array([30.0]), 3.0)[0] < 8.0  # the tails grow slowly
    assert np.array_equal(cw_news.compress(z, None), z)
    for lang in ("fr", "en"):
        assert cw._load()["news"][lang].compress  # the shipped models use it
