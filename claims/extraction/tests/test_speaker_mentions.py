"""Which mention is the speaker, and under which name (issue 11, GUIDELINES "speaker": the person or
organisation who said it, named as the article gives it most fully). Invented passages, each rule in French
and in English: a passive reporting verb, a negative subject, an incise after an auxiliary, an organisation
named by a place pronoun or only later, "ces derniers" / "they" for people just named, an acronym's branch,
a title's complement, a pronoun one sentence after its reporter."""

from __future__ import annotations

import pytest

from .conftest import speaker_of


# -- a passive reporting verb: its subject is what was said, or who was told, never who said it ---------------
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "fr",
            "La mort du chef taliban Hakimullah Mehsud a été annoncée à 3 reprises déjà par le passé.\n",
            "3 reprises",
        ),
        ("en", "Passengers will be told to switch their 300 devices to airplane mode.\n", "300 devices"),
    ],
)
def test_the_subject_of_a_passive_reporting_verb_is_no_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "L'armée israélienne s'est contentée d'évoquer une « action ciblée » près d'un tunnel dont la "
            "découverte a été annoncée mi-octobre par les autorités locales.\n",
            "action ciblée",
            "armée israélienne",
        ),
        (
            "en",
            'The Israeli army would only mention a "targeted action" near a tunnel whose discovery was '
            "announced in mid-October by local officials.\n",
            "targeted action",
            "Israeli army",
        ),
    ],
)
def test_a_reporting_infinitive_speaks_for_its_subject_not_for_a_passive(lang, text, words, name):
    assert name in (speaker_of(text, lang, words) or "")


# -- a negative subject: nobody said it ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "fr",
            "Les salariés ont appris la nouvelle lundi.\nPersonne n'a dit aux 300 salariés que l'usine fermerait.\n",
            "300 salariés",
        ),
        (
            "fr",
            "Les salariés ont appris la nouvelle lundi.\n"
            "Aucun responsable n'a annoncé aux 300 salariés que l'usine fermerait.\n",
            "300 salariés",
        ),
        (
            "en",
            "The workers learned the news on Monday.\nNo official told the 300 workers that the plant would close.\n",
            "300 workers",
        ),
        (
            "en",
            "Jim Bruce learned the truth about his surgery when he was 18 years old.\n"
            "I was sterilized at birth in 1976 -- and no one ever told me.\n",
            "sterilized",
        ),
    ],
)
def test_a_negative_subject_is_never_a_speaker(lang, text, words):
    assert speaker_of(text, lang, words) in (None, "Jim Bruce")


# -- an inverted subject after an auxiliary, closing the sentence; no incise without a clause before it --------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Le patron de la NSA, le général Keith Alexander, a démenti ces informations vendredi.\n"
            "Cela concernerait des « opérations militaires » dans 35 pays et cela ne viserait absolument pas "
            "l'Europe, a affirmé le général Alexander.\n",
            "35 pays",
            "Keith Alexander",
        ),
        (
            "en",
            "The head of the NSA, General Keith Alexander, denied the reports on Friday.\n"
            'This would concern "military operations" in 35 countries and it would not target Europe, has '
            "insisted General Alexander.\n",
            "35 countries",
            "Keith Alexander",
        ),
    ],
)
def test_an_inverted_subject_after_an_auxiliary_is_the_speaker(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "fr",
            "Le patron de la NSA, le général Keith Alexander, a démenti ces informations vendredi.\n",
            "NSA",
        ),
        ("en", "The head of the NSA, General Keith Alexander, denied the reports on Friday.\n", "NSA"),
    ],
)
def test_the_object_after_a_subject_apposition_is_no_incise_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


# -- "À l'ARS, on fait valoir…", "At the Health Ministry, they made clear…" -----------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Les urgences de l'Hôtel-Dieu fermeront le 4 novembre.\n"
            "A l'ARS, on fait valoir que trente patients par jour ne risquent pas d'engorger les autres "
            "services.\n",
            "trente patients",
            "ARS",
        ),
        (
            "en",
            "The emergency ward of the Royal Hospital will close on November 4.\n"
            "At the Health Ministry, they made clear that thirty patients a day would not overwhelm other "
            "wards.\n",
            "thirty patients",
            "Health Ministry",
        ),
    ],
)
def test_a_place_pronoun_with_a_light_reporting_verb_speaks_for_the_organisation(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- "ces derniers", "ils", "they": the people the previous sentence named in the plural ----------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Le président irakien Nouri Al Maliki est arrivé mercredi à Washington.\n"
            "Le principe d'une aide accrue à l'Irak est soutenu par d'influents sénateurs républicains et "
            "démocrates.\n"
            "Mais ces derniers ont aussi critiqué sa « politique sectaire » qui a fait 7 000 morts cette année.\n",
            "politique sectaire",
            "sénateurs républicains et démocrates",
        ),
        (
            "en",
            "Iraqi Prime Minister Nouri al-Maliki arrived in Washington on Wednesday.\n"
            "More aid to Iraq is backed by influential Republican senators.\n"
            'They also criticised his "sectarian policy", which has left 7,000 people dead this year.\n',
            "sectarian policy",
            "influential Republican senators",
        ),
    ],
)
def test_a_plural_anaphor_names_the_people_just_named(lang, text, words, name):
    assert name in (speaker_of(text, lang, words) or "")


# -- an acronym's branch keeps its place; a title's complement is no part of the name -------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "La Confédération française démocratique du travail (CFDT) a publié un rapport lundi.\n"
            "La CFDT de Bretagne a affirmé que « 300 emplois sont menacés dans la région ».\n",
            "300 emplois",
            "Confédération française démocratique du travail de Bretagne",
        ),
        (
            "en",
            "The American Civil Liberties Union (ACLU) is deeply concerned about the plan.\n"
            'The ACLU of Nevada warned: "It would be easy to track 300,000 drivers with these devices."\n',
            "300,000 drivers",
            "American Civil Liberties Union of Nevada",
        ),
    ],
)
def test_an_acronym_branch_keeps_its_place(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


def test_a_title_complement_is_no_part_of_the_name():
    text = (
        "Former White House Chief of Staff Bill Daley met the team on Monday.\n"
        'Daley said "we spent 2 million dollars on polling in 2011".\n'
    )
    assert speaker_of(text, "en", "2 million") == "Bill Daley"


# -- an organisation described, named only later ---------------------------------------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Un journal chinois qui avait réclamé la libération d'un reporter sera restructuré, a annoncé un "
            "régulateur de la presse.\n"
            "Le journal aurait publié 15 articles mensongers depuis 2012, a ajouté le régulateur.\n"
            "L'ordre est venu de l'Administration de la presse et des publications du Guangdong.\n",
            "15 articles",
            "Administration de la presse et des publications du Guangdong",
        ),
        (
            "en",
            "A Chinese newspaper that appealed for the release of a reporter is to be overhauled, a press "
            "regulator says.\n"
            "The paper published 15 untrue reports since 2012, the regulator said.\n"
            "The order came from the Guangdong Administration of Press and Publication.\n",
            "15 untrue",
            "Guangdong Administration of Press and Publication",
        ),
    ],
)
def test_a_described_organisation_takes_the_name_given_later(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- "il"/"he" one sentence after its reporter, when that sentence named nobody new -------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Heinrich Müller a en fait été enterré dans un cimetière juif de Berlin, affirme l'historien "
            "Johannes Tuchel.\n"
            "Müller n'a pas survécu à la fin de la guerre.\n"
            "« Son corps a été enterré en 1945 dans une fosse commune », a-t-il assuré.\n",
            "Son corps",
            "Johannes Tuchel",
        ),
        (
            "en",
            "Heinrich Mueller was in fact buried in a Jewish cemetery in Berlin, historian Johannes Tuchel "
            "said.\n"
            "Mueller did not survive the end of the war.\n"
            '"His body was buried in 1945 in a mass grave," he said.\n',
            "His body",
            "Johannes Tuchel",
        ),
    ],
)
def test_a_pronoun_keeps_the_reporter_over_a_sentence_naming_nobody_new(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- "« … », s'interroge X": a reflexive incise; "…, dont la CGT, la ministre X, avait décidé de « … »" ------------
def test_a_reflexive_incise_after_a_quote_names_the_speaker():
    text = (
        "Les urgences de l'Hôtel-Dieu fermeront le 4 novembre, a annoncé l'ARS.\n"
        "« Où va-t-on si on demande à 30 000 patients de s'auto-diagnostiquer », s'interroge Gérald Kierzek.\n"
    )
    assert speaker_of(text, "fr", "30 000 patients") == "Gérald Kierzek"


def test_a_verbless_aside_is_no_relative_clause():
    text = (
        "Face à la fronde de plusieurs syndicats, dont la CGT, la ministre de la santé, Marisol Touraine, "
        "avait décidé de « décaler de 4 mois la fermeture des urgences ».\n"
    )
    assert speaker_of(text, "fr", "Face à la fronde") == "Marisol Touraine"


# -- "…, calcule X, directeur …": any verb closing unquoted speech, with a person named after it ----------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "La précision de la reconnaissance faciale a été multipliée par dix en cinq ans, calcule Cyrille "
            "Bataller, directeur des laboratoires d'Accenture.\n",
            "multipliée par dix",
            "Cyrille Bataller",
        ),
        (
            "en",
            "The accuracy of face recognition has improved tenfold in five years, calculates Cyrille Bataller, "
            "director of research at Accenture.\n",
            "improved tenfold",
            "Cyrille Bataller",
        ),
    ],
)
def test_any_verb_closing_unquoted_speech_names_the_person_after_it(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- a surname or a short organisation name: the fuller name the article gave before -----------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Le New York Times s'est procuré le livre jeudi.\n"
            "Le Times affirme que 12 conseillers ont participé aux discussions.\n",
            "12 conseillers",
            "New York Times",
        ),
        (
            "fr",
            "La Commission européenne a ouvert une enquête mardi.\n"
            "La Commission a indiqué que 12 banques étaient visées.\n",
            "12 banques",
            "Commission européenne",
        ),
        (
            "en",
            "The New York Times obtained a copy of the book on Thursday.\n"
            "The Times reported that 12 aides took part in the talks.\n",
            "12 aides",
            "New York Times",
        ),
        (
            "en",
            "Pediatric endocrinologist Dr. Paul Kaplowitz studies early puberty.\n"
            '"It takes at least 2 to 3 years before menarche," said Kaplowitz.\n',
            "2 to 3 years",
            "Paul Kaplowitz",
        ),
    ],
)
def test_a_short_name_takes_the_fuller_one_given_before(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


def test_a_company_name_is_not_lengthened_into_another_company():
    text = (
        "Cogeco Câble teste un nouveau décodeur depuis mars.\n"
        "Cogeco a indiqué avoir enregistré un bénéfice net de 43,8 millions au quatrième trimestre.\n"
    )
    assert speaker_of(text, "fr", "43,8 millions") == "Cogeco"


# -- "X, an apposition, reported Y": the subject before the verb, not its object; hyphened words hold together --
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Embraer, troisième constructeur aéronautique mondial, a annoncé une baisse de 10 % de son bénéfice.\n",
            "10 %",
            "Embraer",
        ),
        (
            "en",
            "Brazil's Embraer SA, the world's third-largest commercial planemaker, reported a 10 percent fall in "
            "third-quarter profit.\n",
            "10 percent",
            "Embraer SA",
        ),
    ],
)
def test_the_subject_before_an_apposition_reports_not_the_object(lang, text, words, name):
    assert speaker_of(text, lang, words) == name
