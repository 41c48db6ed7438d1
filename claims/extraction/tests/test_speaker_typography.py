"""Speakers behind slips of typing (issue 11, GUIDELINES "speaker"): news copy loses accents and moves
quotation marks. Invented passages, each rule in French and in English."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from .conftest import check_offsets


def speakers(text, lang):
    ex = extract(text, lang)
    check_offsets(text, ex)
    return {c.text: c.speaker for c in ex.claims}


def speaker_of(text, lang, words):
    """The speaker of the first claim whose text contains ``words``."""
    hits = [sp for t, sp in speakers(text, lang).items() if words in t]
    assert hits, f"no claim holds {words!r}"
    return hits[0]


# -- "à" typed without its accent after the reporting verb: the addressee, then the speaker -------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            # right after the participle, "a" cannot be the auxiliary: it is "à", and what follows it is
            # whom the speaker told, then the speaker
            "fr",
            "L'armée congolaise prépare un nouvel assaut contre les rebelles près de Bunagana.\n"
            "Hier, nous avons pris la colline de Bugina, qui surplombe celle de Mbuzi.\n"
            "« La colline de Chanzu n'est pas très stratégique », a indiqué a l'AFP le gouverneur du "
            "Nord-Kivu, Julien Paluku.\n"
            "M. Paluku prévoit de se rendre samedi à Bunagana.",
            "Hier, nous avons pris",
            "Julien Paluku",
        ),
        (
            # English has no accent to lose: "a" after the verb is an article and opens the speaker
            "en",
            "The Congolese army is preparing a new assault on the rebels near Bunagana.\n"
            '"The hill of Chanzu is not very strategic," said a spokesman for the Congolese army.',
            "not very strategic",
            "a spokesman for the Congolese army",
        ),
    ],
)
def test_a_preposition_typed_without_its_accent_still_names_the_addressee(lang, text, words, name):
    assert speaker_of(text, lang, words) == name
    if lang == "fr":
        assert speaker_of(text, lang, "pas très stratégique") == name
        assert speaker_of(text, lang, "prévoit de se rendre") is None
