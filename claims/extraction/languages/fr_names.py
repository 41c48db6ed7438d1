"""French: the words speaker names are read with (who a speaker is, and how an article names them).

Spread into ``fr.SPEC``; the fields are documented on ``LanguageSpec``."""

from __future__ import annotations


def _singular(word: str) -> str:
    """ "entreprises" -> "entreprise", "journaux" -> "journal" (the head of a plural description)."""
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word


SPEAKER_NAMES = dict(
    # news agencies credited in a byline, and the negative subjects ("personne ne l'a dit"): nobody spoke
    non_speakers=frozenset(
        {"afp", "l'afp", "reuters", "ap", "belga", "la presse canadienne", "twitter", "personne", "nul", "aucun"}
    ),
    honorifics=r"m\.|me|mme|mlle|mgr|dr\.?|pr\.?|prof\.?|professeure?|monsieur|madame|maître|président|présidente",
    generic_speakers=(
        "porte-parole", "représentant", "responsable", "source", "conseiller", "communiqué",
    ),
    person_pronouns=frozenset(
        {
            "il", "elle", "-t-il", "-t-elle", "t-il", "t-elle", "-il", "-elle", "lui", "celui-ci", "celle-ci", "ce dernier",
            "cette dernière", "l'intéressé", "l'intéressée",
        }
    ),
    group_pronouns=frozenset(
        {
            "ils", "elles", "-t-ils", "-t-elles", "t-ils", "t-elles", "-ils", "-elles",
        }
    ),
    # "ces derniers", "ceux-ci": a group named just before
    negative_dets=frozenset({"aucun", "aucune", "nul", "nulle"}),
    plural_pronouns=frozenset({"ils", "elles"}),
    group_anaphors=frozenset({"ces derniers", "ces dernières", "ceux-ci", "celles-ci"}),
    org_nouns=frozenset(
        {
            "banque", "société", "groupe", "entreprise", "compagnie", "agence", "ministère",
            "gouvernement", "parti", "syndicat", "tribunal", "conseil", "autorité", "ambassade",
            "préfecture", "chaîne", "fédération", "constructeur", "fabricant", "opérateur", "police",
            "commission", "union", "club", "organisation", "association", "institut",
            "mairie", "régulateur", "assureur", "laboratoire", "cabinet", "firme",
        }
    ),
    title_nouns=frozenset(
        {
            "milliardaire", "président", "présidente", "ministre", "député", "députée", "maire", "patron",
            "patronne", "chef", "dirigeant", "dirigeante", "pdg", "fondateur", "fondatrice",
            "entrepreneur", "avocat", "avocate", "porte-parole", "premier", "sénateur", "sénatrice",
            "juge", "directeur", "directrice", "secrétaire", "star", "manager", "coach", "leader",
            "chancelier", "chancelière", "roi", "reine", "pape", "prince", "princesse", "général",
            "commissaire", "ambassadeur", "ambassadrice", "procureur", "procureure", "gouverneur",
            "préfet", "préfète", "sheriff", "shérif",
        }
    ),
    document_nouns=frozenset({"communiqué", "déclaration", "lettre", "message"}),
    filed_documents=frozenset({"plainte", "requête", "assignation"}),
    filing_verbs=("assign",),
    # -- names (names.py) -------------------------------------------------------------------------
    # particles an organisation's initials skip ("Banque de France" -> BF, "Organisation pour
    # l'interdiction des armes chimiques" -> OIAC); every language's are skipped, whatever the article's
    name_particles=frozenset(
        {"de", "la", "le", "des", "du", "et", "l'", "d'", "pour", "sur", "à", "en", "aux", "au", "les"}
    ),
    nicknames={
        "royale": ("Marine nationale",),
        "grande muette": ("armée française",),
        "quai d'orsay": ("ministère des Affaires étrangères",),
        "bercy": ("ministère de l'Economie", "ministère de l'Économie", "ministère des Finances"),
        "place beauvau": ("ministère de l'Intérieur",),
        "beauvau": ("ministère de l'Intérieur",),
        "chancellerie": ("ministère de la Justice",),
    },
    articles=r"la|le|les|l'",  # dropped before an organisation's name ("l'OMS" -> OMS)
    indefinite_dets=frozenset({"un", "une"}),
    definite_dets=frozenset({"le", "la", "l'", "les"}),
    possessive_dets=frozenset({"son", "sa", "ses", "leur", "leurs"}),
    demonstrative_dets=frozenset({"ce", "cet", "cette", "ces"}),
    # "les deux entreprises": that many organisations named before
    group_counts={"deux": 2, "trois": 3, "quatre": 4},
    and_word="et",
    contrast_clauses=("tandis que", "alors que"),
    singular=_singular,
    # "À l'ARS, on fait valoir que…": the pronoun speaks for the place named before it
    locative_preps=frozenset({"à", "au", "aux", "chez"}),
    bare_capitals={"a": "à"},  # "A l'ARS, on fait valoir…": the capital À typeset without its accent
    impersonal_pronouns=frozenset({"on"}),
    # -- the words of a subject noun phrase around a reporting verb (speakers.py) ------------------
    subject_skip=frozenset({"s'", "se", "n'", "ne", "pas", "ensuite", "aussi", "y"}),
    inversion_skip=frozenset({"s'", "se", "n'", "ne"}),
    subject_preps=frozenset({"de", "d'", "du", "des", "à", "au", "aux", "chez"}),  # "X, directeur chez SAP, affirme"
    subject_joins=("ainsi que", "de même que"),
    inverted_subject_preps=frozenset({"de", "d'", "du", "des", "à", "au", "aux", "pour"}),
    addressee_preps=frozenset({"à", "au", "aux"}),
    unaccented_preps={"a": "à"},  # "a indiqué a l'AFP le gouverneur …": "à" typed without its accent
    indefinite_subjects=frozenset({"un", "une", "l'un", "l'une"}),
    according_at_start=frozenset({"pour"}),
    source_nouns=frozenset(
        {
            "chiffres", "données", "statistiques", "estimations", "recherches", "tests", "étude", "études",
            "sondage", "sondages", "enquête", "enquêtes",
        }
    ),
    source_preps=frozenset({"de", "d'", "du", "des", "par"}),
)
