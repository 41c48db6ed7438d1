"""Quote forms and attribution patterns in French and English: spans (without quote marks) and speakers."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from .conftest import check_offsets


def quote_claims(ext):
    return [c for c in ext.claims if "quote" in c.types]


def find(ext, words):
    for c in ext.claims:
        if c.text.startswith(words) or c.text == words:
            return c
    raise AssertionError(f"no claim starting with {words!r}: {[c.text for c in ext.claims]}")


# (lang, text, quoted words, expected speaker substring)
CASES = [
    # "il" after a quoted indefinite description is that description, not the place in it
    (
        "fr",
        "« Ça n'a pas cessé depuis ce matin », a indiqué à l'AFP un habitant de Jomba.\n"
        "« L'intensité des affrontements a diminué un peu », a-t-il ajouté.",
        "L'intensité des affrontements a diminué un peu",
        "un habitant de Jomba",
    ),
    # present-tense incise spelt like a participle: '…", dit X'
    (
        "fr",
        "« C'est clairement le profit warning de Nissan », dit un responsable du trading d'un courtier parisien.",
        "C'est clairement le profit warning de Nissan",
        "un responsable du trading",
    ),
    # the addressee before the name: "a indiqué à l'AFP Imelda Nyirankusi"
    (
        "fr",
        "Près de 5000 personnes se sont réfugiées en Ouganda selon l'ONU.\n"
        "« Ce matin nous avons retraversé pour aller dans nos champs », a indiqué à l'AFP Imelda Nyirankusi, "
        "entourée de ses neuf enfants.",
        "Ce matin nous avons retraversé pour aller dans nos champs",
        "Imelda Nyirankusi",
    ),
    # an indefinite description is the speaker, even with a name as its complement
    (
        "fr",
        "« Ça n'a pas cessé depuis ce matin, les combats continuent », a indiqué à l'AFP un habitant de Jomba.",
        "Ça n'a pas cessé depuis ce matin, les combats continuent",
        "un habitant de Jomba",
    ),
    (
        "fr",
        "« Le président ne se représentera pas en 2027 », a confié un proche de Nicolas Sarkozy.",
        "Le président ne se représentera pas en 2027",
        "un proche de Nicolas Sarkozy",
    ),
    # French guillemets, speaker after with inversion
    (
        "fr",
        "Elon Musk dirige SpaceX.\n« Nous continuerons à financer le gouvernement ukrainien », a répondu Musk.",
        "Nous continuerons à financer le gouvernement ukrainien",
        "Elon Musk",
    ),
    # subject + verb after the quote
    (
        "fr",
        "Elon Musk dirige SpaceX.\n« Nous continuerons à financer le gouvernement ukrainien », Musk a tweeté samedi.",
        "Nous continuerons à financer le gouvernement ukrainien",
        "Elon Musk",
    ),
    # curly quotes, speaker before a colon
    (
        "fr",
        "Kim Dotcom a répondu : “Vous continuerez votre soutien à la guerre en Ukraine.”",
        "Vous continuerez votre soutien à la guerre en Ukraine.",
        "Kim Dotcom",
    ),
    # bare colon "X : « … »"
    (
        "fr",
        "Le ministre Bruno Le Maire : « La croissance atteindra 1 % cette année. »",
        "La croissance atteindra 1 % cette année.",
        "Bruno Le Maire",
    ),
    # mixed pair “ … » over several sentences, pronoun resolved to the last person named
    (
        "fr",
        (
            "Schmitz a ensuite félicité Musk pour ses idées.\n“Je crois en toi. Nous sommes confrontés à une guerre "
            "nucléaire. Tu le sais », il a argumenté."
        ),
        "Je crois en toi. Nous sommes confrontés à une guerre nucléaire. Tu le sais",
        "Schmitz",
    ),
    # ASCII quotes, "selon X"
    (
        "fr",
        'Selon le député Emmanuel De Bock, "la ministre a dépensé follement l\'argent des Bruxellois".',
        "la ministre a dépensé follement l'argent des Bruxellois",
        "Emmanuel De Bock",
    ),
    # single guillemets ‹ ›
    (
        "fr",
        "‹ Les combats continuent malgré la nuit dans la région ›, a indiqué à l'AFP un habitant de Jomba.",
        "Les combats continuent malgré la nuit dans la région",
        "habitant de Jomba",
    ),
    # title resolved to the fullest name in the article
    (
        "fr",
        (
            "Le PDG de Tesla, Elon Musk, a admis son échec.\nLe milliardaire a proposé de “refaire les élections des "
            "régions annexées sous la supervision de l'ONU.”"
        ),
        "refaire les élections des régions annexées sous la supervision de l'ONU.",
        "Elon Musk",
    ),
    # unclosed quote runs to the end of the paragraph
    (
        "fr",
        "Le maire a déclaré : « Nous allons rouvrir les écoles dès lundi prochain\nLa suite demain.",
        "Nous allons rouvrir les écoles dès lundi prochain",
        "maire",
    ),
    # English: "..., X said."
    (
        "en",
        '"We are confident the trader acted alone and that the matter has been contained," Credit Suisse said.',
        "We are confident the trader acted alone and that the matter has been contained",
        "Credit Suisse",
    ),
    # English: "..., said X."
    (
        "en",
        '"The only other airline with such a fee is Wizz Air," said airline consultant Jay Sorensen.',
        "The only other airline with such a fee is Wizz Air",
        "Jay Sorensen",
    ),
    # English: X said: "..."
    (
        "en",
        'Clive Palmer said: "He\'s got a major conflict of interest when it comes to paid parental leave."',
        "He's got a major conflict of interest when it comes to paid parental leave.",
        "Clive Palmer",
    ),
    # English: according to X
    (
        "en",
        'According to Google, "the highest searched costumes this year are zombies and witches".',
        "the highest searched costumes this year are zombies and witches",
        "Google",
    ),
    # English: pronoun "it said" resolved to the organisation that spoke before
    (
        "en",
        (
            'Qantas said it would stick with the current rules for now.\n"Our current policy is that devices cannot '
            'be used during take-off," it said.'
        ),
        "Our current policy is that devices cannot be used during take-off",
        "Qantas",
    ),
    # English: surname resolved to the fullest name
    (
        "en",
        (
            'Billionaire MP Clive Palmer attacked the scheme.\n"He has a direct interest in the outcome of this '
            'policy," Mr Palmer said.'
        ),
        "He has a direct interest in the outcome of this policy",
        "Clive Palmer",
    ),
]


@pytest.mark.parametrize("lang,text,words,speaker", CASES)
def test_quote_and_speaker(lang, text, words, speaker):
    ext = extract(text, lang)
    check_offsets(text, ext)
    start = text.index(words)
    c = next((c for c in ext.claims if c.start == start and c.end == start + len(words)), None)
    assert c is not None, [(c.text, c.types) for c in ext.claims]
    assert "quote" in c.types
    assert c.type == "quote"
    assert c.speaker and speaker.lower() in c.speaker.lower(), c.speaker


def test_quote_and_claim_outside_give_two_items():
    text = (
        "Quant aux quatre autres anciens territoires ukrainiens admis en Russie, le milliardaire Elon Musk a "
        "proposé de “refaire les élections des régions annexées sous la supervision de l'ONU.”"
    )
    ext = extract(text, "fr")
    check_offsets(text, ext)
    assert len(ext.claims) == 2
    quote = [c for c in ext.claims if c.text.startswith("refaire")]
    assert quote and quote[0].speaker == "Elon Musk"
    sentence = [c for c in ext.claims if c.start == 0]
    assert sentence and any(q.value == 4 for q in sentence[0].quantities)


def test_short_scare_quote_stays_in_sentence():
    text = 'Me Ruby a dit croire que la police avait "ignoré ou minimisé" les éléments de preuve contre le maire.'
    ext = extract(text, "fr")
    check_offsets(text, ext)
    assert len(ext.claims) == 1
    assert ext.claims[0].start == 0
    assert "quote" in ext.claims[0].types
    assert "Ruby" in (ext.claims[0].speaker or "")


def test_two_quotes_share_one_reporting_clause():
    text = (
        "Un habitant de Jomba a parlé à l'AFP.\n\"L'intensité des affrontements a diminué un peu\", a-t-il "
        'ajouté, "il semble que l\'armée a repoussé un peu les rebelles".'
    )
    ext = extract(text, "fr")
    check_offsets(text, ext)
    qs = quote_claims(ext)
    assert len(qs) >= 2
    assert qs[0].speaker == qs[1].speaker and qs[0].speaker


def test_unquoted_speech_with_incise():
    text = (
        "La chef du département, Gillian Beaudet, a fait le point.\nPour nous, la situation est toujours précaire "
        "car on emploie beaucoup de jeunes femmes, a-t-elle ajouté."
    )
    ext = extract(text, "fr")
    check_offsets(text, ext)
    c = find(ext, "Pour nous")
    assert "quote" in c.types and c.speaker == "Gillian Beaudet"
    assert not c.text.endswith("ajouté.")


def test_many_unmatched_quotes_is_fast_and_safe():
    text = "Il a dit « bonjour " * 2000 + "“" * 3000 + '"' * 3001
    ext = extract(text, "fr")
    check_offsets(text, ext)


def test_a_relative_clause_between_subject_and_verb_is_skipped():
    text = (
        "Nissan, qui a dû procéder à une telle révision, a également annoncé un remaniement de sa direction."
    )
    ext = extract(text, "fr")
    check_offsets(text, ext)
    assert find(ext, "Nissan, qui").speaker == "Nissan"


def test_an_infinitive_is_not_the_reporting_verb():
    # "soutenir" (to support / to maintain) as an infinitive object: no speaker from its object
    text = "L'ONU et Kinshasa accusent régulièrement l'Ouganda et le Rwanda de soutenir le M23."
    ext = extract(text, "fr")
    assert "Ouganda" not in (find(ext, "L'ONU et Kinshasa").speaker or "")


def test_quoted_words_inside_the_writers_sentence_are_a_secondary_type():
    text = (
        'Scotland Yard said they had served a "surrender notice" on the 40-year-old Australian requiring '
        "him to appear at a police station."
    )
    ext = extract(text, "en")
    c = find(ext, "Scotland Yard said")
    assert "quote" in c.types and c.types[0] != "quote" and c.type == c.types[0]
