"""Speakers the reporting clause alone misses (issue 11, GUIDELINES "speaker"): "à" typed without its accent
before the addressee ("a indiqué a l'AFP X"), and long quoted words in the writer's sentence right after
someone's quote. Invented passages, each rule in French and in English."""

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


# -- long quoted words in the writer's sentence, right after someone's quote: theirs, as short ones are -------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            'La ministre de la santé, Marisol Touraine, a décidé en juillet de "décaler le calendrier de mise '
            'en oeuvre du projet".\n'
            'Une demande faite "pour ne courir aucun risque sur la prise en charge des urgences au début de '
            "l'hiver\" mais qui visait aussi à ménager la campagne municipale.\n"
            "La fermeture devrait tout de même être effective à cette date.",
            "Une demande faite",
            "Marisol Touraine",
        ),
        (
            "en",
            'The health minister, Marisol Touraine, decided in July to "postpone the timetable for the '
            'project".\n'
            'A request officially made "so as to run no risk with emergency care in Paris at the start of '
            'winter" but also meant to spare the party before the local elections.\n'
            "The closure should still take effect on that date.",
            "A request officially made",
            "Marisol Touraine",
        ),
    ],
)
def test_long_quoted_words_after_someones_quote_are_theirs(lang, text, words, name):
    assert speaker_of(text, lang, words) == name
    # the quoted words themselves too, and not the narration after them
    inner = "pour ne courir aucun risque" if lang == "fr" else "so as to run no risk"
    assert speaker_of(text, lang, inner) == name
    assert speaker_of(text, lang, "tout de même" if lang == "fr" else "should still") is None


@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            # a capitalised quote is a title, not the minister's words
            "fr",
            'La ministre de la santé, Marisol Touraine, a décidé en juillet de "décaler le calendrier du '
            'projet".\n'
            'Le film "Les Urgences de l\'Hôtel-Dieu au bord de la rupture" sort en salles mercredi à Paris.',
            "Urgences de l'Hôtel-Dieu",
        ),
        (
            "en",
            'The health minister, Marisol Touraine, decided in July to "postpone the timetable for the project".\n'
            'The film "The Emergency Ward of the Hotel-Dieu at Breaking Point" opens in Paris on Wednesday.',
            "Emergency Ward",
        ),
    ],
)
def test_a_long_capitalised_quote_after_someones_quote_is_a_title(lang, text, words):
    assert all(sp is None for t, sp in speakers(text, lang).items() if words in t)


# -- someone's reported words, unmarked speech, then their quote: the words between are theirs ----------------
_BRIDGE = {
    "en": (
        "President Obama yesterday tweaked his original pledge on health plans.\n"
        'Addressing what he called the "flurry in the news" about the cancellations, Obama urged Americans '
        "receiving these notices to shop for new coverage.\n"
        "{middle}\n"
        '"You are going to get a better deal," he said.',
        "Most people are going to be able to get better plans for the same price or even cheaper than projected.",
        "Most insurers raised their prices sharply in the weeks that followed the launch.",
        "Obama",
    ),
    "fr": (
        "Le ministre Bruno Le Maire a présenté hier sa réforme des contrats d'assurance.\n"
        "Évoquant ce qu'il a appelé « l'emballement médiatique », Bruno Le Maire a exhorté les assurés à "
        "comparer les nouvelles offres.\n"
        "{middle}\n"
        "« Vous allez faire une meilleure affaire », a-t-il dit.",
        "La plupart des gens vont pouvoir obtenir de meilleurs contrats pour le même prix, voire moins cher que "
        "prévu.",
        "La plupart des assureurs ont fortement augmenté leurs prix dans les semaines suivantes.",
        "Bruno Le Maire",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unmarked_speech_between_reported_words_and_a_quote_of_the_same_speaker(lang):
    frame, speech, narration, name = _BRIDGE[lang]
    assert speaker_of(frame.format(middle=speech), lang, speech[:30]) == name
    # the writer telling in the past what happened between the two is no part of the speech
    assert speaker_of(frame.format(middle=narration), lang, narration[:30]) is None
