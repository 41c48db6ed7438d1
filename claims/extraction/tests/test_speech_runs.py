"""Speech that goes on after its quotation marks (issue 11, speech.py): which sentences after a quote are
still the speaker's words, and which are the writer's narration. Each rule in French and English."""

from __future__ import annotations

import pytest

from .conftest import speaker_of

# -- no "I" or "we", yet the quote goes on: a pronoun pointing back, a modal or conditional ---------------
GOES_ON = {
    "en": (
        "Several states are testing a tax on the miles that drivers cover.\n"
        '"People will accept this if you do not track where they go," said Ryan Morrison, the head of the firm.\n'
        "There have been some big mistakes in the state pilot programmes.\n"
        "Some drivers could end up paying far more than they pay at the pump.\n"
        "Oregon enrolled 5,000 drivers in its own trial in June.\n"
    ),
    "fr": (
        "Plusieurs régions testent une taxe sur les kilomètres parcourus par les automobilistes.\n"
        "« Les gens l'accepteront si l'on ne suit pas leurs trajets », a déclaré Ryan Morrison, le patron de "
        "l'entreprise.\n"
        "Cela va se passer comme pour les péages autoroutiers.\n"
        "Certains conducteurs pourraient payer bien plus qu'à la pompe.\n"
        "La Bretagne a inscrit 5 000 conducteurs à son propre essai en juin.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,pronoun,modal,narration",
    [
        ("en", "There have been some big mistakes", "Some drivers could", "Oregon enrolled"),
        ("fr", "Cela va se passer", "Certains conducteurs pourraient", "La Bretagne a inscrit"),
    ],
)
def test_a_quote_goes_on_through_sentences_that_point_back_or_judge(lang, pronoun, modal, narration):
    text = GOES_ON[lang]
    assert speaker_of(text, lang, pronoun) == "Ryan Morrison"  # opens with a word pointing back
    assert speaker_of(text, lang, modal) == "Ryan Morrison"  # a modal / conditional: the speaker's judgement
    assert speaker_of(text, lang, narration) is None  # a place named, a date: the writer again


# -- a connective joins the next sentence to the quote ------------------------------------------------
JOINED = {
    "en": (
        'The Iraqi prime minister, Nouri Maliki, said: "We have the right to ask the world for help in this fight."\n'
        "And if the violence is not stopped, the fighting will spread to the whole region.\n"
    ),
    "fr": (
        "Le Premier ministre irakien, Nouri Maliki, a déclaré : « Nous avons le droit de demander l'aide du "
        "monde dans ce combat. »\n"
        "Et si la violence n'est pas arrêtée, les combats s'étendront à toute la région.\n"
    ),
}


@pytest.mark.parametrize("lang,words", [("en", "And if the violence"), ("fr", "Et si la violence")])
def test_a_sentence_joined_to_a_quote_by_a_connective_is_still_the_quote(lang, words):
    assert speaker_of(JOINED[lang], lang, words) == "Nouri Maliki"


# -- "we" far after a quote, with narration between, is not the quoted person's -----------------------
FAR = {
    "en": (
        "Crematoriums have adapted to the change in customs.\n"
        '"For ten years they have tried to spare families a long wait," says Francis Michaud, head of the '
        "city's funeral services.\n"
        "Seventy per cent of sites now employ a master of ceremonies, who greets the mourners.\n"
        "This has been the case at the Père Lachaise crematorium since 1998.\n"
        "Many masters of ceremony are people who changed careers in midlife.\n"
        "The crematorium organises a remembrance ceremony every year on All Saints' Day.\n"
        "The crematorium allowed us to broadcast it online this year.\n"
    ),
    "fr": (
        "Les crématoriums se sont adaptés à cette évolution de la société.\n"
        "« Depuis dix ans, ils s'efforcent d'éviter aux familles une longue attente », observe François "
        "Michaud, directeur des services funéraires de la ville.\n"
        "Soixante-dix pour cent des établissements emploient désormais un maître de cérémonie, qui accueille "
        "l'assemblée.\n"
        "C'est le cas au crématorium du Père-Lachaise depuis 1998.\n"
        "Les maîtres de cérémonie sont souvent des gens qui se sont reconvertis.\n"
        "Le crématorium organise chaque année une cérémonie du souvenir le jour de la Toussaint.\n"
        "Le crématorium nous a autorisés à la retransmettre en ligne cette année.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,words",
    [
        ("en", "Seventy per cent"),
        ("en", "since 1998"),
        ("en", "allowed us"),
        ("fr", "Soixante-dix pour cent"),
        ("fr", "depuis 1998"),
        ("fr", "nous a autorisés"),
    ],
)
def test_first_person_far_after_a_quote_does_not_make_the_narration_between_speech(lang, words):
    assert speaker_of(FAR[lang], lang, words) is None


# -- reported speech, then the speaker's words with their marks lost -----------------------------------
REPORTED = {
    "en": (
        "Most patients would not ask to die if they had good palliative care, according to a spokeswoman for "
        "the association, Maryse Bouvette.\n"
        "We see it every day in our hospices across the province.\n"
    ),
    "fr": (
        "Très peu de malades voudraient mettre fin à leurs jours s'ils avaient accès à de bons soins "
        "palliatifs, selon une porte-parole de l'association, Maryse Bouvette.\n"
        "Nous le constatons chaque jour dans nos maisons de soins de la province.\n"
    ),
}


@pytest.mark.parametrize("lang,words", [("en", "We see it every day"), ("fr", "Nous le constatons")])
def test_first_person_words_after_reported_speech_are_the_reported_speakers(lang, words):
    assert speaker_of(REPORTED[lang], lang, words) == "Maryse Bouvette"


# -- between two quotes of one speaker, the writer's account of the past is not theirs -----------------
BETWEEN = {
    "en": (
        '"The gas tax is just not sustainable," said Lee Munnich, a transport expert at the university.\n'
        "His state recently put tracking devices on 500 cars to test a pay-by-mile system.\n"
        '"This is the most logical alternative over the long term," he said.\n'
    ),
    "fr": (
        "« La taxe sur l'essence n'est plus tenable », a déclaré Lee Munnich, spécialiste des transports à "
        "l'université.\n"
        "Sa région a récemment équipé 500 voitures de boîtiers pour tester un péage au kilomètre.\n"
        "« C'est la solution la plus logique à long terme », a-t-il ajouté.\n"
    ),
}


@pytest.mark.parametrize("lang,words", [("en", "His state recently"), ("fr", "Sa région a récemment")])
def test_past_narration_between_two_quotes_of_one_speaker_is_not_theirs(lang, words):
    assert speaker_of(BETWEEN[lang], lang, words) is None


# -- the speaker's own question, answered in the first person, does not end the quote -------------------
ASKS = {
    "en": (
        'The secretary of state, John Kerry, said: "We are dealing with a new world."\n'
        "So what if you were able to intercept the plans and stop them?\n"
        "We have actually prevented airplanes from going down because we learned of the plans ahead of time.\n"
    ),
    "fr": (
        "Le secrétaire d'État, John Kerry, a déclaré : « Nous vivons dans un monde nouveau. »\n"
        "Alors que se passerait-il si vous pouviez intercepter les projets et les arrêter ?\n"
        "Nous avons empêché des avions de tomber parce que nous connaissions les projets à l'avance.\n"
    ),
}


@pytest.mark.parametrize("lang,words", [("en", "We have actually prevented"), ("fr", "Nous avons empêché")])
def test_a_question_the_speaker_answers_in_the_first_person_does_not_end_the_quote(lang, words):
    assert speaker_of(ASKS[lang], lang, words) == "John Kerry"
