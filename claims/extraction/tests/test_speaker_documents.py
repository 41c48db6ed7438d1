"""Speakers that are no person named in the reporting clause, or nobody (issue 11, GUIDELINES "speaker": the
person or organisation who said it, named as the article gives it most fully): a filed document, a quoted
title, a relative aside, a passive incise. Invented passages, each rule in French and in English."""

from __future__ import annotations

import pytest

from .conftest import speaker_of


# -- a filed document speaks for whoever filed it: "the lawsuit said", "selon la plainte" ---------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "en",
            "Rockstar, the consortium that bought the patents, sued Samsung on Thursday.\n"
            "Google is accused of infringing seven patents.\n"
            '"Google has infringed and continues to infringe," the lawsuit said.\n'
            "Rockstar is seeking damages of $2 million, according to the complaint.",
            "continues to infringe",
            "Rockstar",
        ),
        (
            "en",
            "Rockstar, the consortium that bought the patents, sued Samsung on Thursday.\n"
            "Google is accused of infringing seven patents.\n"
            '"Google has infringed and continues to infringe," the lawsuit said.\n'
            "Rockstar is seeking damages of $2 million, according to the complaint.",
            "seeking damages",
            "Rockstar",
        ),
        (
            "fr",
            "La société Acme a porté plainte jeudi contre Widget devant le tribunal de Nanterre.\n"
            "Widget est accusé d'avoir copié sept brevets.\n"
            "« Widget a copié nos brevets et continue de le faire », affirme la plainte.\n"
            "Selon la plainte, le préjudice dépasse dix millions d'euros.",
            "continue de le faire",
            "Acme",
        ),
        (
            "fr",
            "La société Acme a porté plainte jeudi contre Widget devant le tribunal de Nanterre.\n"
            "Widget est accusé d'avoir copié sept brevets.\n"
            "« Widget a copié nos brevets et continue de le faire », affirme la plainte.\n"
            "Selon la plainte, le préjudice dépasse dix millions d'euros.",
            "le préjudice dépasse",
            "Acme",
        ),
    ],
)
def test_a_filed_document_speaks_for_the_party_that_filed_it(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            # a description holding a name is not who filed ("thousands of … Nortel patents"): no filer known,
            # the document stays the speaker
            "en",
            "A group that owns thousands of former Nortel patents filed lawsuits on Thursday.\n"
            '"Google has infringed and continues to infringe," the lawsuit said.',
            "continues to infringe",
        ),
        (
            "fr",
            "Des milliers d'anciens brevets de Nortel ont fait l'objet d'une plainte jeudi.\n"
            "« Widget a copié nos brevets et continue de le faire », affirme la plainte.",
            "continue de le faire",
        ),
    ],
)
def test_a_filed_document_with_no_named_filer_keeps_its_description(lang, text, words):
    assert "Nortel" not in (speaker_of(text, lang, words) or "")


# -- a quoted title as the subject of a reporting word: the work, named by its fullest title -----------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            # "claims" after a quoted title is read as a noun by the tagger: the reporting word still counts
            "en",
            'The revelation comes from the campaign book, "Double Down: Game Change 2012."\n'
            "The potential switch was a closely guarded secret.\n"
            '"Double Down" claims Daley spearheaded the effort to replace Biden, despite their "close personal '
            'rapport."',
            "spearheaded the effort",
            "Double Down: Game Change 2012",
        ),
        (
            "fr",
            "La révélation vient du livre de campagne « Double Down : Game Change 2012 ».\n"
            "Le projet était un secret bien gardé.\n"
            "« Double Down » affirme que Daley a mené l'effort pour remplacer Biden, malgré leur « relation "
            "personnelle étroite ».",
            "a mené l'effort",
            "Double Down : Game Change 2012",
        ),
    ],
)
def test_a_quoted_title_reporting_is_the_work_speaking(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "en",
            'Nick Kroll rose to prominence on a deep-cable sitcom (FXX\'s fantasy-football-themed "The League") '
            "and now has his own show.",
            "rose to prominence",
        ),
        ("fr", 'Gérard de Villiers, l\'auteur de "SAS", est mort jeudi à 83 ans.', "est mort"),
    ],
)
def test_quoted_titles_in_the_writers_sentence_are_nobodys_words(lang, text, words):
    assert speaker_of(text, lang, words) is None


# -- a reporting verb in a relative clause between commas reports for that clause, not the sentence ----------
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "en",
            "Shares of Bombardier, which also announced that Patrick Pichette would join the board, were down "
            "8.5 percent at C$4.83 on Thursday.",
            "were down",
        ),
        (
            "en",
            "Shares of Bombardier, whose chief executive Pierre Beaudoin also announced that Patrick Pichette "
            "would join the board, were down 8.5 percent at C$4.83 on Thursday.",
            "were down",
        ),
        (
            "fr",
            "Les actions de Bombardier, dont le président Pierre Beaudoin a aussi annoncé que Patrick Pichette "
            "rejoindrait le conseil, reculaient de 8,5 % jeudi à la Bourse de Toronto.",
            "reculaient",
        ),
    ],
)
def test_reporting_inside_a_relative_aside_is_not_the_sentences_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


# -- the incise after a quote in the passive: who was told is no speaker --------------------------------------
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "en",
            "The hearing resumed in Sydney on Monday morning.\n"
            '"We have never dealt with an incident of child sexual assault within our organisation," the '
            "Commission was told.",
            "never dealt with",
        ),
        (
            "fr",
            "L'audience a repris lundi matin à Sydney.\n"
            "« Nous n'avons jamais eu affaire à un incident de cette nature dans notre organisation », ont été "
            "avertis les commissaires.",
            "jamais eu affaire",
        ),
    ],
)
def test_a_passive_incise_names_who_was_told_not_who_spoke(lang, text, words):
    assert speaker_of(text, lang, words) is None
