"""The writer's own sentences that name no speaker, and subjects that hold more than a bare noun phrase
(issue 11, session 9: "narration given a speaker" on the train articles). Each rule in French and
English; where the language never meets the case, the other side is a guard that passes before and after."""

from __future__ import annotations

import pytest

from .conftest import speaker_of


# -- a reporting infinitive with a plain object reports nothing: "pour observer son exploit", "continue à
# soutenir le gouvernement", "declined to comment on the notice"
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "fr",
            "Le sportif a sauté jeudi d'un hélicoptère au-dessus de Bogota. Il est passé à 160 km/h au-dessus "
            "du sanctuaire, où de nombreux badauds s'étaient rassemblés pour observer son exploit.",
            "Il est passé",
        ),
        (
            "fr",
            "Silvio Berlusconi menace de retirer son soutien. Mais une partie de son camp continue à soutenir "
            "le gouvernement, comme l'a montré son vote de confiance du 2 octobre.",
            "Mais une partie",
        ),
        (
            "en",
            '"We will arrest him at a time of our choosing," a Scotland Yard spokesman said. He remains in '
            "breach of his bail conditions. The embassy declined to comment on the serving of the police notice.",
            "The embassy declined",
        ),
    ],
)
def test_a_reporting_infinitive_with_a_plain_object_in_narration_names_no_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


def test_a_reporting_infinitive_opening_a_clause_keeps_its_speaker():
    fr = "L'armée s'est contentée d'indiquer que les frappes visaient des dépôts d'armes."
    en = "The minister declined to say whether the strikes had hit weapons depots."
    assert "armée" in speaker_of(fr, "fr", "L'armée")
    assert "minister" in speaker_of(en, "en", "The minister")


# -- a noun phrase a preposition governs is no subject: "pas encore de date précise" ---------------------
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "fr",
            "Cogeco Câble emboîte ainsi le pas à ses concurrents, même si la filiale de Cogeco n'a pas encore "
            "de date précise en ce qui a trait à cette nouvelle plateforme.",
            "Cogeco Câble",
        ),
        (  # English: "to" ends the subject, already (guard)
            "en",
            "Data presented to Parliament last year indicate that 199 of the 1,218 soldiers released had not "
            "served long enough to receive a pension.",
            "Data presented",
        ),
    ],
)
def test_a_noun_phrase_governed_by_a_preposition_is_no_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


# -- the subject holds a participle and its complement, or two parts joined -------------------------------
@pytest.mark.parametrize(
    "lang,text,words,name",
    [
        (
            "fr",
            "L'entreprise établie à Montréal explique ce recul par des coûts d'amortissement plus élevés.",
            "L'entreprise",
            "L'entreprise établie à Montréal",
        ),
        (
            "en",
            "The association based in Leeds said that the fall came from higher depreciation costs.",
            "The association",
            "The association based in Leeds",
        ),
        (
            "fr",
            "Des responsables de l'armée ainsi que de la mouvance activiste ont affirmé qu'il avait perdu la "
            "vie dans cette frappe.",
            "Des responsables",
            "responsables de l'armée",
        ),
        (
            "en",
            "Officials of the army as well as members of the activist movement said that he had died in the "
            "strike.",
            "Officials",
            "Officials of the army",
        ),
        (
            "fr",
            "Cette association, strictement réservée aux développeurs, affirme que les ventes progressent.",
            "Cette association",
            "Cette association",
        ),
        (
            "en",
            "The association, strictly reserved for developers, says that sales are rising.",
            "The association",
            "The association",
        ),
    ],
)
def test_the_whole_subject_speaks(lang, text, words, name):
    assert name in (speaker_of(text, lang, words) or "")


# -- a noun phrase before a conjunction is an object, not an inverted subject ("tels qu'un chargeur") ----
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "fr",
            "Cette boutique, réservée aux développeurs disposant déjà de Google Glass, propose quelques "
            "accessoires tels qu'un chargeur et son câble USB, pour 50$.",
            "Cette boutique",
        ),
        (  # English "such as" is no conjunction to the tagger (guard)
            "en",
            "The shop, reserved for developers who already own Google Glass, offers some accessories such as "
            "a charger and its USB cable, for $50.",
            "The shop",
        ),
    ],
)
def test_an_object_before_a_conjunction_is_no_inverted_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


# -- a gerund after a preposition is an earlier act, not the sentence's speech ---------------------------
@pytest.mark.parametrize(
    "lang,text,words",
    [
        (
            "en",
            "A 21-year-old Sydney woman sentenced to 15 days in jail for falsely claiming she was assaulted by "
            "a taxi driver is appealing the verdict.",
            "A 21-year-old",
        ),
        (
            "en",
            "Bamford was found guilty by a provincial court on June 15 after telling police a taxi driver had "
            "assaulted her.",
            "Bamford was found",
        ),
        (  # French says it with an infinitive ("pour avoir affirmé"), never a gerund (guard)
            "fr",
            "Une Australienne de 21 ans condamnée à 15 jours de prison pour avoir faussement affirmé avoir été "
            "agressée par un chauffeur de taxi fait appel du jugement.",
            "Une Australienne",
        ),
    ],
)
def test_a_gerund_after_a_preposition_names_no_speaker(lang, text, words):
    assert speaker_of(text, lang, words) is None


# -- several organisations described are not the one organisation the article names ---------------------
@pytest.mark.parametrize(
    "lang,text,words,wrong",
    [
        (
            "fr",
            "Le Commissariat à la protection de la vie privée a publié un avis mardi. Les organisations "
            "dédiées à la protection de la vie privée confirment cet engouement pour la biométrie.",
            "Les organisations",
            "Commissariat",
        ),
        (
            "en",
            "The Privacy Protection Commission published a notice on Tuesday. The organisations devoted to "
            "privacy protection confirm the appetite for biometrics.",
            "The organisations",
            "Commission",
        ),
    ],
)
def test_organisations_described_in_the_plural_are_not_the_one_named(lang, text, words, wrong):
    assert wrong not in (speaker_of(text, lang, words) or "")
