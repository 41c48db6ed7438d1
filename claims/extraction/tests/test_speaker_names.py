"""The speaker *string* (issue 11): the fullest name the article gives, never a pronoun, a title or a
description when a name is offered. Each class in both languages, from invented sentences."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from .conftest import check_offsets


def speaker_of(text, lang, words):
    """The speaker of the first claim whose text contains ``words``."""
    ex = extract(text, lang)
    check_offsets(text, ex)
    hits = [c for c in ex.claims if words in c.text]
    assert hits, f"no claim holds {words!r}: {[c.text for c in ex.claims]}"
    return hits[0].speaker


# -- "les deux entreprises", "the company": the organisations the article named -----------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Le constructeur Airbus et la compagnie Lufthansa ont signé un accord lundi.\n"
            "Les deux entreprises ont affirmé que « la commande porte sur 40 avions livrés d'ici 2020 ».\n",
            "la commande",
            "Airbus et Lufthansa",
        ),
        (
            "en",
            "Airbus and Lufthansa signed a deal on Monday.\n"
            'The two companies said "the order covers 40 aircraft to be delivered by 2020".\n',
            "the order",
            "Airbus and Lufthansa",
        ),
        (
            "fr",
            "La société Renault a publié ses résultats mardi.\n"
            "L'entreprise a indiqué que « les ventes ont progressé de 12 % au troisième trimestre ».\n",
            "les ventes",
            "Renault",
        ),
        (
            "en",
            "Renault published its results on Tuesday.\n"
            'The company said that "sales rose 12 percent in the third quarter".\n',
            "sales rose",
            "Renault",
        ),
    ],
)
def test_a_description_of_organisations_speaks_under_their_names(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- a title: the person the article introduced with it; the title itself is no part of a name ----------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Le ministre des Finances, Wolfgang Schäuble, a présenté le budget à Berlin.\n"
            "Le ministre a assuré que « le déficit sera réduit de moitié en deux ans ».\n",
            "le déficit",
            "Wolfgang Schäuble",
        ),
        (
            "en",
            "The finance minister, Wolfgang Schaeuble, presented the budget in Berlin.\n"
            'The minister said that "the deficit will be halved in two years".\n',
            "the deficit",
            "Wolfgang Schaeuble",
        ),
        (
            "fr",
            "Jean Dupuis a rencontré son homologue américain mardi.\n"
            "Le ministre de l'Intérieur a aussi reconnu avoir été « en pilote automatique » pendant deux ans.\n",
            "pilote automatique",
            "Jean Dupuis",
        ),
        (
            "en",
            "John Kerry has indicated a softening of the stance.\n"
            'The Secretary of State also admitted that he had been on "automatic pilot" for two years.\n',
            "automatic pilot",
            "John Kerry",
        ),
    ],
)
def test_a_title_speaks_under_the_name_of_the_person_holding_it(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "La chancelière Angela Merkel était à Paris mardi.\n"
            "Merkel a déclaré que « la croissance atteindra 2 % l'an prochain ».\n",
            "la croissance",
            "Angela Merkel",
        ),
        (
            "en",
            "Chancellor Angela Merkel was in Paris on Tuesday.\n"
            'Merkel said that "growth will reach 2 percent next year".\n',
            "growth will reach",
            "Angela Merkel",
        ),
        (
            "en",
            "Chancellor Angela Merkel said that \"growth will reach 2 percent next year\".\n",
            "growth will reach",
            "Angela Merkel",
        ),
    ],
)
def test_a_surname_is_the_full_name_and_a_title_is_no_part_of_it(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- the name before an apposition, not the organisation named in it ---------------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "en",
            "Dogs wag their tails more to the right when they are happy.\n"
            'Prof Georgio Ravelli, a neuroscientist from the University of Padua, said: "It is very well '
            'known in humans that the two sides of the brain react differently to emotions."\n',
            "very well known",
            "Georgio Ravelli",
        ),
        (
            "fr",
            "Les chiens remuent davantage la queue vers la droite quand ils sont contents.\n"
            "Pr Giorgio Ravelli, neurologue à l'Université de Padoue, a déclaré : « On sait depuis longtemps "
            "que les deux côtés du cerveau réagissent différemment aux émotions. »\n",
            "On sait depuis longtemps",
            "Giorgio Ravelli",
        ),
    ],
)
def test_the_name_before_an_apposition_is_the_speaker(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- a pronoun speaking for a place named before it: "À l'ARS, on estime…" ------------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "L'Agence régionale de santé (ARS) a publié un rapport lundi.\n"
            "À l'ARS, on estime que « trente patients ne représentent pas une avalanche ».\n",
            "trente patients",
            "Agence régionale de santé",
        ),
        (
            "en",
            "The Regional Health Agency (RHA) published a report on Monday.\n"
            'At the RHA, they argue that "thirty patients are not an avalanche".\n',
            "thirty patients",
            "Regional Health Agency",
        ),
    ],
)
def test_an_impersonal_pronoun_speaks_for_the_organisation_it_is_at(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


@pytest.mark.parametrize(
    "lang,text,words",
    [
        ("fr", "À Paris, on estime que « trente patients ne représentent pas une avalanche ».\n", "trente"),
        ("en", 'At dawn, they said that "thirty patients are not an avalanche".\n', "thirty"),
    ],
)
def test_a_pronoun_without_a_named_antecedent_is_no_speaker(lang, text, words):
    speaker = speaker_of(text, lang, words)
    assert speaker is None or speaker.lower() not in ("on", "they", "paris", "dawn")


# -- a described person keeps the organisation the article names for them ------------------------------
@pytest.mark.parametrize(
    "lang,text,words,org",
    [
        (
            "fr",
            "Des combats ont éclaté près de la frontière.\n"
            "Un porte-parole du Quai d'Orsay a indiqué que « 300 ressortissants ont été évacués samedi ».\n",
            "300 ressortissants",
            "Quai d'Orsay",
        ),
        (
            "en",
            "Fighting broke out near the border.\n"
            'A spokesman for the Foreign Office said that "300 citizens were evacuated on Saturday".\n',
            "300 citizens",
            "Foreign Office",
        ),
    ],
)
def test_a_described_speaker_names_its_organisation(lang, text, words, org):
    assert org in (speaker_of(text, lang, words) or "")
