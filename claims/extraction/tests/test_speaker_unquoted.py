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
    assert (
        speaker_of(TITLES[lang], lang, "Musicals are" if lang == "en" else "Les comédies musicales") is None
    )


# -- a connective hangs the rest of the reasoning on what was said: long or dated, still the speaker's ------
HUNG = {
    "en": (
        "October was the deadliest month in Iraq since April 2008.\n"
        '"We have the right to ask the world for help because we are part of it," Nouri Maliki said in '
        "Washington on Thursday.\n"
        "And also because if what is happening in Iraq is not settled, it will spread, and what is happening "
        "in Syria will spread to the whole region too.\n"
        '"The rebellion seems to be coming to an end," said Jason Stearns, an expert on the region.\n'
        "It would be historic.\n"
        "And it would also be the first time since 1996 that no armed group would be present in the east.\n"
        "Protesters gathered outside the building.\n"
    ),
    "fr": (
        "Octobre a été en Irak le mois le plus meurtrier depuis avril 2008.\n"
        '"Nous avons le droit de demander l\'aide du monde parce que nous en faisons partie", a déclaré '
        "Nouri Maliki jeudi à Washington.\n"
        "Et aussi parce que si ce qui se passe en Irak n'est pas réglé, cela va s'étendre, et ce qui se passe "
        "en Syrie va s'étendre aussi à toute la région.\n"
        '"La rébellion semble toucher à sa fin", prédit un expert de la région, Jason Stearns.\n'
        "Ce serait historique.\n"
        "Et ce serait aussi la première fois depuis 1996 qu'aucun groupe armé ne serait présent dans l'est.\n"
        "Des manifestants se sont rassemblés devant le bâtiment.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,hung,conditional,narration",
    [
        ("en", "And also because", "And it would also be", "Protesters gathered"),
        ("fr", "Et aussi parce que", "Et ce serait aussi", "Des manifestants"),
    ],
)
def test_a_connective_hangs_long_or_dated_reasoning_on_the_quote(lang, hung, conditional, narration):
    text = HUNG[lang]
    assert speaker_of(text, lang, hung) == "Nouri Maliki"  # a clause hung on the quote, however long
    assert speaker_of(text, lang, conditional) == "Jason Stearns"  # the same conditional, dated or not
    assert speaker_of(text, lang, narration) is None


# -- an institution's nickname speaks for the full name the article gives -------------------------------------
NICKNAMES = {
    "en": (
        "The Federal Reserve left its main interest rate unchanged on Wednesday.\n"
        'The Fed said it would keep buying bonds "for as long as the recovery needs it", a statement showed.\n'
        'The Met said "no arrests have been made" after the march.\n'
    ),
    "fr": (
        "Le porte-avions Charles-de-Gaulle est immobilisé à Toulon depuis la mi-octobre.\n"
        'La Royale vient de nous confirmer "l\'indisponibilité" du navire jusqu\'à "la mi-novembre".\n'
        "D'après la Marine nationale, l'équipage n'a pas été exposé.\n"
        'Bercy a confirmé que "les recettes fiscales seront inférieures aux prévisions".\n'
    ),
}


@pytest.mark.parametrize(
    "lang,words,full,unnamed,nickname",
    [
        ("en", "keep buying bonds", "Federal Reserve", "no arrests", "Met"),
        ("fr", "indisponibilité", "Marine nationale", "les recettes fiscales", "Bercy"),
    ],
)
def test_an_institutions_nickname_speaks_for_the_full_name_the_article_gives(
    lang, words, full, unnamed, nickname
):
    text = NICKNAMES[lang]
    assert speaker_of(text, lang, words) == full
    assert speaker_of(text, lang, unnamed) == nickname  # the article never names it in full: left as it is


# -- organisations speaking together are named as the article writes each, article and all -------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Les urgences de l'Hôtel-Dieu fermeront le 4 novembre.\n"
            "A l'ARS comme à l'APHP, on défend le \"nouveau modèle hospitalier\" mis en route en octobre.\n",
            "nouveau modèle",
            "l'ARS et l'APHP",
        ),
        (
            "en",
            "The emergency ward of the Royal Hospital will close on November 4.\n"
            'At the RHA as at the NHS trust, they defend the "new hospital model" launched in October.\n',
            "new hospital model",
            "the RHA and the NHS trust",
        ),
    ],
)
def test_organisations_speaking_together_keep_their_articles(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- the incise inside the marks names the quote's speaker, and the words that follow are still theirs ------
INCISE_INSIDE = {
    "en": (
        "Abdel Malik Jermoune, a council clerk, has launched a new party in the suburbs of Paris.\n"
        "Finding candidates for the lists will be the hard part.\n"
        '"For the local elections in 2014, it may be tight, he said."\n'
        "It is a question of time and money.\n"
        "The party should be represented in Aubervilliers through my own candidacy.\n"
    ),
    "fr": (
        "Abdel-Malik Djermoune, attaché territorial, lance un nouveau parti en banlieue parisienne.\n"
        "Reste à trouver des candidats pour former des listes.\n"
        '"Pour les élections municipales de 2014, cela risque d\'être juste, reconnaît-il."\n'
        "C'est un problème de temps et d'argent.\n"
        "Le parti devrait être représenté à Aubervilliers à travers ma candidature.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,quote,goes_on,name",
    [
        ("en", "it may be tight", "through my own candidacy", "Abdel Malik Jermoune"),
        ("fr", "cela risque d'être juste", "à travers ma candidature", "Abdel-Malik Djermoune"),
    ],
)
def test_an_incise_inside_the_marks_names_the_speaker(lang, quote, goes_on, name):
    text = INCISE_INSIDE[lang]
    assert speaker_of(text, lang, quote) == name
    assert speaker_of(text, lang, goes_on) == name


# -- "comme l'explique X", "comme en témoigne X": a comment clause puts its subject after the verb ------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "Sur le marché des changes, les spéculations sur la politique de la BCE vont bon train, comme en "
            "témoigne John Hardy, stratège chez Saxo Bank.\n",
            "les spéculations",
            "John Hardy",
        ),
        (
            "fr",
            "L'idée était de montrer le quartier appelé à devenir \"l'épicentre de la musique folk\", comme "
            "l'écrit le journaliste Elijah Wald.\n",
            "L'idée était",
            "Elijah Wald",
        ),
        # English puts the subject first ("as X explains"): the same attribution, found before and after
        (
            "en",
            "On the currency market, speculation about the ECB's policy is rife, as John Hardy explains.\n",
            "speculation about",
            "John Hardy",
        ),
    ],
)
def test_a_comment_clause_names_its_inverted_subject(lang, text, words, name):
    assert speaker_of(text, lang, words) == name


# -- after a person's reported speech, one sentence of their reasoning is bridged when "we" follows it ------
BRIDGED = {
    "en": (
        "The euro fell against the dollar on Friday.\n"
        "Speculation about the central bank's next move is rife, according to John Hardy.\n"
        "The bank's single mandate has always been inflation, so its board has more reason to act next week.\n"
        "We expect a strong fall of the euro.\n"
        "The euro touched a two-week low of 1.3517 dollars.\n"
    ),
    "fr": (
        "L'euro a reculé vendredi face au dollar.\n"
        "Les spéculations sur la politique de la banque centrale vont bon train, comme en témoigne John Hardy.\n"
        "Le mandat unique de la banque a toujours porté sur l'inflation, donc son conseil a davantage de "
        "raisons d'agir la semaine prochaine.\n"
        "Nous anticipons un fort potentiel de baisse de l'euro.\n"
        "L'euro a touché un plus bas de deux semaines à 1,3517 dollar.\n"
    ),
}


@pytest.mark.parametrize(
    "lang,reasoning,first_person,narration",
    [
        ("en", "single mandate", "We expect", "two-week low"),
        ("fr", "Le mandat unique", "Nous anticipons", "plus bas de deux semaines"),
    ],
)
def test_a_sentence_of_reasoning_between_reported_speech_and_we_is_the_speakers(
    lang, reasoning, first_person, narration
):
    text = BRIDGED[lang]
    assert speaker_of(text, lang, reasoning) == "John Hardy"
    assert speaker_of(text, lang, first_person) == "John Hardy"
    assert speaker_of(text, lang, narration) is None


# -- a title opening the sentence as its subject opens no speech: the interviewer's "vous" after it is no quote
OPENING_TITLE = {
    "en": (
        'A former hostage: "Coming home is hard to manage"\n'
        "The journalist John Norman was freed in November 1987 after 21 months in captivity.\n"
        '"The New Observer" interviewed John Norman, 62, a former reporter.\n'
        'On the evening of your release, you were already on the set of "Channel 2" news.\n'
    ),
    "fr": (
        'Un ancien otage au Liban: "Le retour est assez complexe à gérer"\n'
        "Le journaliste Jean-Louis Normandin a été libéré en novembre 1987 après 21 mois de détention.\n"
        '"Le Nouvel Observateur" a questionné Jean-Louis Normandin, 62 ans, ex grand reporter.\n'
        'Dès le soir de votre libération, vous étiez sur le plateau du 20h d\'"Antenne 2".\n'
    ),
}


@pytest.mark.parametrize("lang,words", [("en", "On the evening"), ("fr", "Dès le soir")])
def test_a_title_opening_the_sentence_opens_no_speech(lang, words):
    assert speaker_of(OPENING_TITLE[lang], lang, words) is None
