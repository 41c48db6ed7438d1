"""Attribution (issue 11): which mention speaks, and how far a quote's speech runs, in both languages.

Invented sentences, one failure class per test: the subject before or after the speech verb, appositions,
participle appositions, "according to" inside what someone reports, speech whose quotation marks were lost,
and the writer's narration after a quote."""

from __future__ import annotations

import pytest

from .conftest import speaker_of


# -- which mention is the speaker -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        # the name heading an apposition speaks, not the company its description names
        (
            "en",
            '"The plant will close in the spring," Tomas Lindqvist, chairman of the engineering firm Norrland, '
            "says.",
            "The plant will close",
            "Tomas Lindqvist",
        ),
        (
            "fr",
            "Tomas Lindqvist, président de l'entreprise d'ingénierie Norrland, a déclaré : « L'usine fermera au "
            "printemps prochain. »",
            "L'usine fermera",
            "Tomas Lindqvist",
        ),
        # a quoted title inside the apposition
        (
            "en",
            'Greta Holm opened a café in 2019. Greta, founder of the "Blue Kettle" tea company, said: "We sell '
            'three hundred cups a day."',
            "three hundred cups",
            "Greta Holm",
        ),
        (
            "fr",
            "Greta Holm a ouvert un café en 2019. Greta, fondatrice de la société « Bouilloire bleue », a "
            "déclaré : « Nous vendons trois cents tasses par jour. »",
            "trois cents tasses",
            "Greta Holm",
        ),
        # a participle apposition between the subject and its verb
        (
            "en",
            'Amina Diallo, speaking at a rally in the capital on Monday, said: "We will build ten new schools '
            'this year."',
            "ten new schools",
            "Amina Diallo",
        ),
        (
            "fr",
            "Amina Diallo, s'exprimant lundi devant les élus de la capitale, a déclaré : « Nous construirons "
            "dix nouvelles écoles cette année. »",
            "dix nouvelles écoles",
            "Amina Diallo",
        ),
        (
            "en",
            '"The family believes the fire was set on purpose," Oscar Bell, a lawyer representing Helen Marsh, '
            "told a local radio station.",
            "fire was set",
            "Oscar Bell",
        ),
        (
            "fr",
            "Oscar Bell, l'avocat représentant Helen Marsh, a indiqué à une radio locale : « La famille pense "
            "que l'incendie était volontaire. »",
            "incendie était volontaire",
            "Oscar Bell",
        ),
        # a relative clause without commas between the subject and its verb
        (
            "en",
            'A resident who had heard shooting all night on Friday said the town was "quiet since dawn".',
            "A resident",
            "A resident",
        ),
        (
            "fr",
            "Un habitant qui avait entendu des tirs toute la nuit de vendredi a indiqué que la ville était "
            "« calme depuis l'aube ».",
            "Un habitant",
            "Un habitant",
        ),
        # a reporting infinitive takes the subject of the verb governing it
        (
            "en",
            'Nadia Petrova declined to say whether the "second phase" of the works would start in May.',
            "second phase",
            "Nadia Petrova",
        ),
        (
            "fr",
            "Nadia Petrova s'est contentée d'affirmer que la « deuxième phase » des travaux commencerait en mai.",
            "deuxième phase",
            "Nadia Petrova",
        ),
    ],
)
def test_which_mention_speaks(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        # any verb in the incise right after a quote reports it
        (
            "en",
            '"The harvest will be the worst in ten years," predicted Jonas Berg, an economist at the farmers\' '
            "union.",
            "The harvest will be",
            "Jonas Berg",
        ),
        (
            "fr",
            "« La récolte sera la pire depuis dix ans », prédit Jonas Berg, économiste au syndicat agricole.",
            "La récolte sera",
            "Jonas Berg",
        ),
        # the same at the end of unquoted speech, with the subject after the verb
        (
            "en",
            "If the council does nothing by Monday, we will close every library in the county, predicts Ruth "
            "Adler, head of the librarians' union.",
            "we will close",
            "Ruth Adler",
        ),
        (
            "fr",
            "Si le conseil ne fait rien d'ici lundi, nous fermerons toutes les bibliothèques du département, "
            "prévient Ruth Adler, responsable du syndicat des bibliothécaires.",
            "nous fermerons",
            "Ruth Adler",
        ),
    ],
)
def test_incise_verb_reports_the_speech_before_it(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


def test_incise_clitic_typed_without_its_hyphen():
    text = (
        "Karim Haddad a fondé le mouvement en 2012.\n"
        "Ma première mesure sera de créer un ministère de la jeunesse, indique t-il.\n"
    )
    assert speaker_of(text, "fr", "Ma première mesure") == "Karim Haddad"


@pytest.mark.parametrize(
    "lang,text,words,name,not_name",
    [
        # a noun phrase after the verb that has its own verb is the reported clause's subject
        (
            "en",
            'Laura Finch, who runs the agency, said the launch of the new website has gone "badly" since May.',
            "launch of the new website",
            "Laura Finch",
            "launch",
        ),
        (
            "fr",
            "Laura Finch, qui dirige l'agence, a dit que le lancement du nouveau site s'était « mal passé » "
            "depuis mai.",
            "lancement du nouveau site",
            "Laura Finch",
            "lancement",
        ),
        # the one spoken to, then the speaker's name after it
        (
            "en",
            '"The family believes the fire was set on purpose," Oscar Bell, the family\'s lawyer, told a local '
            "radio station.",
            "fire was set",
            "Oscar Bell",
            "radio",
        ),
        (
            "fr",
            "« La famille pense que l'incendie était volontaire », a indiqué à une radio locale Oscar Bell, "
            "l'avocat de la famille.",
            "incendie était volontaire",
            "Oscar Bell",
            "radio",
        ),
        # "according to" inside what someone reports is their source, not the speaker
        (
            "en",
            'On Thursday, Pedro Alves said the two depots were, according to the army, "empty since last year".',
            "two depots",
            "Pedro Alves",
            "army",
        ),
        (
            "fr",
            "Jeudi, Pedro Alves a affirmé que les deux dépôts étaient, selon l'armée, « vides depuis l'an "
            "dernier ».",
            "deux dépôts",
            "Pedro Alves",
            "armée",
        ),
        # "told X": X is the one spoken to
        (
            "en",
            '"Sales fell by a third in the autumn," Victor Lamb told Radio Nord on Tuesday.',
            "Sales fell",
            "Victor Lamb",
            "Nord",
        ),
        (
            "fr",
            "« Les ventes ont chuté d'un tiers à l'automne », a confié Victor Lamb à Radio Nord mardi.",
            "Les ventes ont chuté",
            "Victor Lamb",
            "Nord",
        ),
    ],
)
def test_the_speaker_not_another_mention(lang, text, words, name, not_name):
    sp = speaker_of(text, lang, words)
    assert sp == name
    assert not_name not in sp


# -- speech whose quotation marks were lost ----------------------------------------------------------------
SANDWICH = {
    "en": (
        "The river burst its banks on Sunday.\n"
        '"The water rose faster than anyone expected," Rosa Klein, the mayor, told reporters.\n'
        "Three bridges were closed and the old mill was flooded.\n"
        '"The damage will run into millions," Klein said.\n'
        "Rescue teams reached the village on Monday.\n"
    ),
    "fr": (
        "La rivière est sortie de son lit dimanche.\n"
        "« L'eau est montée plus vite que prévu », a déclaré Rosa Klein, la maire.\n"
        "Trois ponts ont été fermés et le vieux moulin a été inondé.\n"
        "« Les dégâts se chiffreront en millions », a ajouté Rosa Klein.\n"
        "Les secours ont atteint le village lundi.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,between,after", [("en", "Three bridges", "Rescue teams"), ("fr", "Trois ponts", "Les secours")]
)
def test_sentences_between_two_quotes_of_one_speaker_are_hers(lang, between, after):
    text = SANDWICH[lang]
    assert speaker_of(text, lang, between) == "Rosa Klein"
    assert speaker_of(text, lang, after) is None  # after her last quote, the writer again


RUN_AFTER = {
    "en": (
        '"We did not see it coming," Tom Reyes, the factory manager, said.\n'
        "We have lost two months of orders and our insurers will not pay.\n"
        "The factory reopened in March after repairs costing 2 million dollars.\n"
    ),
    "fr": (
        "« Nous ne l'avons pas vu venir », a expliqué Tom Reyes, le directeur de l'usine.\n"
        "Nous avons perdu deux mois de commandes et nos assureurs ne paieront pas.\n"
        "L'usine a rouvert en mars après des réparations de 2 millions d'euros.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,speech,narration", [("en", "two months", "reopened"), ("fr", "deux mois", "rouvert")]
)
def test_speech_runs_on_after_a_quote_attributed_after_it(lang, speech, narration):
    text = RUN_AFTER[lang]
    assert speaker_of(text, lang, speech) == "Tom Reyes"
    assert speaker_of(text, lang, narration) is None


CONTINUED = {
    "en": (
        'The chef, Anna Moretti, said: "Our kitchen serves two hundred meals a night."\n'
        'As for the new menu, it is "lighter and cheaper" and "built around local fish".\n'
        'The restaurant opened in "Old Harbour Street" in 2015.\n'
    ),
    "fr": (
        "La cheffe, Anna Moretti, a déclaré : « Notre cuisine sert deux cents repas par soir. »\n"
        "Quant au nouveau menu, il est « plus léger et moins cher » et « construit autour du poisson local ».\n"
        "Le restaurant a ouvert rue « Vieux Port » en 2015.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,quoted,title",
    [("en", "new menu", "restaurant opened"), ("fr", "nouveau menu", "restaurant a ouvert")],
)
def test_quoted_words_after_a_quote_stay_the_speakers_but_not_a_title(lang, quoted, title):
    text = CONTINUED[lang]
    assert speaker_of(text, lang, quoted) == "Anna Moretti"
    assert speaker_of(text, lang, title) is None


# -- narration after a quote is not the quoted person's speech -------------------------------------------------
def test_the_country_us_is_not_first_person_speech():
    text = (
        'Lena Ortiz, the trade minister, said: "We will sign the agreement next week."\n'
        "Exports to the US fell by 8 per cent last year.\n"
    )
    assert speaker_of(text, "en", "Exports to the US") is None


def test_narration_after_a_quote_is_not_speech_fr():
    text = (
        "Lena Ortiz, la ministre du commerce, a déclaré : « Nous signerons l'accord la semaine prochaine. »\n"
        "Les exportations vers les États-Unis ont baissé de 8 % l'an dernier.\n"
    )
    assert speaker_of(text, "fr", "Les exportations") is None
