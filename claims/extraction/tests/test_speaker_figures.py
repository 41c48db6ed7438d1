"""Figures are no speaker (GUIDELINES "speaker": the person or organisation who said it): "selon les chiffres
de X", "according to data released by X" give X, and figures with no source named give no speaker rather
than the figures themselves. Invented sentences, in French and in English."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from .conftest import check_offsets, speaker_of


def speaker(text, lang):
    ex = extract(text, lang)
    check_offsets(text, ex)
    assert ex.claims, "no claim"
    return ex.claims[0].speaker


@pytest.mark.parametrize(
    "lang,text,name",
    [
        (
            "fr",
            "Le nombre de victimes a doublé en cinq ans, selon des chiffres publiés vendredi par les autorités "
            "irakiennes.",
            "autorités irakiennes",
        ),
        (
            "fr",
            "Les ventes ont reculé de 12 % en 2024, d'après les statistiques de l'Insee.",
            "Insee",
        ),
        (
            "en",
            "Unemployment fell to 4.1% in March, according to data released by the Office for National "
            "Statistics.",
            "Office for National Statistics",
        ),
        (
            "en",
            "Sales fell 12% in 2024, according to figures from the Federal Statistical Office.",
            "Federal Statistical Office",
        ),
    ],
)
def test_figures_speak_for_whoever_published_them(lang, text, name):
    assert name in (speaker(text, lang) or "")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("fr", "La fréquentation a progressé de 8,5 % en un an, selon les chiffres officiels."),
        ("en", "Ridership rose 8.5% in a year, according to official figures."),
    ],
)
def test_figures_without_a_source_are_no_speaker(lang, text):
    assert speaker(text, lang) is None


# -- research, tests, a survey as the subject of a reporting verb: no speaker, unless its author is named -----
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "en",
            "Earlier research had revealed that happy dogs wag their tails more to the right.",
            "happy dogs",
            None,
        ),
        (
            "en",
            "According to a survey carried out by the Cloud Security Alliance, a trade body, some 10 per cent of "
            "members cancelled their plans.",
            "10 per cent",
            "Cloud Security Alliance",
        ),
        (
            "fr",
            "Des tests de routine ont révélé que les produits vendus en Écosse contenaient de la viande de cheval.",
            "viande de cheval",
            None,
        ),
        (
            "fr",
            "Selon une étude Ipsos réalisée les 6 et 7 septembre auprès de 1009 personnes, 53% des Français "
            "choisissent la crémation.",
            "53%",
            "Ipsos",
        ),
    ],
)
def test_research_or_a_survey_is_no_speaker_its_author_is(lang, text, words, name):
    assert speaker_of(text, lang, words) == name
