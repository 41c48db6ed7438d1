"""Speech without its own quotation marks that still belongs to someone (issue 11, session 8): sentences
whose only marks are around titles, continuations, topics introduced by "Quant à" / "As for", institutional
nicknames. Each rule in French and English."""

from __future__ import annotations

import pytest

from .conftest import speaker_of

# -- quotation marks around a title are nobody's words: an interview's answer naming shows is still the answer
TITLES = {
    "en": (
        "A historian answers our questions\n"
        "Musicals are drawing bigger crowds than ever in European theatres.\n"
        "Patrick Nelson, the author of a history of the genre, explains the success.\n"
        "How are musicals changing?\n"
        "The offer has multiplied.\n"
        'But new shows like "Rent" or "Spring Awakening" are struggling to find money.\n'
        "Do we have enough performers?\n"
        "There are about 200 talented performers who go from one show to the next.\n"
    ),
    "fr": (
        "Un historien répond à nos questions\n"
        "Les comédies musicales attirent plus de spectateurs que jamais dans les théâtres européens.\n"
        "Patrick Nivelle, auteur d'une histoire du genre, analyse les raisons du succès.\n"
        "Comment évoluent les comédies musicales?\n"
        "L'offre s'est démultipliée.\n"
        'Mais des projets en cours comme "Rent" ou "Le Baiser de la femme araignée" ont du mal à trouver des financements privés.\n'
        "Avons-nous assez d'artistes?\n"
        "Il y a environ 200 artistes de talent qui tournent de projets en projets.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,words,name",
    [("en", "But new shows like", "Patrick Nelson"), ("fr", "Mais des projets en cours", "Patrick Nivelle")],
)
def test_an_answer_whose_only_marks_are_around_titles_is_still_the_answer(lang, words, name):
    assert speaker_of(TITLES[lang], lang, words) == name
    assert speaker_of(TITLES[lang], lang, "Musicals are" if lang == "en" else "Les comédies musicales") is None
