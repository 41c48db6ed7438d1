"""Derived titles: metadata lines skipped, a first sentence at a word boundary, never "Article N"."""

import pytest

from articles.ingestion.titles import derive_title, title_from_url

SEED_TITLE = "Le chef de SpaceX a reconnu que ses tentatives de désamorcer le conflit russo-ukrainien n’avaient donné aucun résultat"


def test_the_seed_articles_metadata_prefix_is_cut_off(seed_text):
    assert seed_text.lstrip().startswith("date 2022-10")
    assert derive_title(seed_text) == SEED_TITLE


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "Source: AFP\nBy Jane Doe\nhttps://news.example/a\n\nUnemployment fell to 3.9% last year. It was expected.",
            "Unemployment fell to 3.9% last year",
        ),
        ("Publié le 3 mars 2024 – Le chômage baisse encore\n\nCorps.", "Le chômage baisse encore"),
        ("12/03/2024\nPar Jeanne Martin\nLa réforme passe au Sénat\n\nCorps.", "La réforme passe au Sénat"),
        ("2024-03-02 | Inflation: prices up 4.2% in March\nBody.", "Inflation: prices up 4.2% in March"),
        (
            "M. Dupont a dit que le chômage a baissé. Et puis il est parti.",
            "M. Dupont a dit que le chômage a baissé",
        ),
        (
            "Oil extends drop toward $96 a barrel\nThe price of oil continued to fall.",
            "Oil extends drop toward $96 a barrel",
        ),
    ],
)
def test_metadata_lines_are_skipped(text, title):
    assert derive_title(text) == title


def test_a_long_first_sentence_is_cut_at_a_word_boundary():
    text = (
        "La réforme des retraites change au 1er septembre pour les salariés du privé, du public et pour les "
        "fonctionnaires de la fonction publique hospitalière et territoriale"
    )
    title = derive_title(text)
    assert len(title) <= 121 and title.endswith("…")
    assert text.startswith(title[:-1]) and text[len(title) - 1] == " "


@pytest.mark.parametrize("text", ["", "   \n ", "2024-01-01", "Source: AFP\n12 345"])
def test_no_words_no_title(text):
    assert derive_title(text) == ""


@pytest.mark.parametrize(
    "url, title",
    [
        (
            "https://www.insee.fr/fr/statistiques/taux-de-chomage-au-3e-trimestre-2024.html",
            "insee.fr — Taux de chomage au 3e trimestre 2024",
        ),
        ("https://example.org/news/budget_2025/12345", "example.org — Budget 2025"),
        ("https://data.gouv.fr/", "data.gouv.fr"),
        ("https://example.org/a%C3%A9roport-ferm%C3%A9", "example.org — Aéroport fermé"),
    ],
)
def test_a_title_from_a_url(url, title):
    assert title_from_url(url) == title
