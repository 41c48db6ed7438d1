"""Every number format journalists use, in French and English: value, unit, qualifier, offsets."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from .conftest import check_offsets, quantities

# (lang, sentence, raw, value, unit (substring expected), approximate, vague)
CASES = [
    (
        "fr",
        "Le gouvernement a distribué 25 000 masques aux hôpitaux.",
        "25 000",
        25000,
        "masques",
        False,
        False,
    ),
    (
        "fr",
        "Le gouvernement a distribué 25\u00a0000 masques aux hôpitaux.",
        "25\u00a0000",
        25000,
        "masques",
        False,
        False,
    ),
    (
        "fr",
        "Le gouvernement a distribué 25\u202f000 masques aux hôpitaux.",
        "25\u202f000",
        25000,
        "masques",
        False,
        False,
    ),
    ("fr", "Le club compte 38.000 adhérents depuis la fusion.", "38.000", 38000, "adhérents", False, False),
    (
        "fr",
        "La dette a atteint 1,5 milliard d'euros l'an dernier.",
        "1,5 milliard",
        1.5e9,
        "euros",
        False,
        False,
    ),
    (
        "fr",
        "La dette a atteint 1,5\u00a0milliard d\u2019euros l'an dernier.",
        "1,5\u00a0milliard",
        1.5e9,
        "euros",
        False,
        False,
    ),
    ("fr", "Le chômage a baissé de 12 % en un an.", "12 %", 12, "%", False, False),
    ("fr", "Le taux est passé à 3,5 % en mars.", "3,5 %", 3.5, "%", False, False),
    (
        "fr",
        "La ville a planté vingt-cinq mille arbres cette année.",
        "vingt-cinq mille",
        25000,
        "arbres",
        False,
        False,
    ),
    (
        "fr",
        "Trois cent cinquante personnes travaillaient à l'hôtel.",
        "Trois cent cinquante",
        350,
        "personnes",
        False,
        False,
    ),
    (
        "fr",
        "Près de 2000 personnes ont manifesté dimanche à Lyon.",
        "Près de 2000",
        2000,
        "personnes",
        True,
        False,
    ),
    ("fr", "Plus de 300 entreprises ont signé la charte.", "Plus de 300", 300, "entreprises", True, False),
    ("fr", "Moins de 40 % des électeurs se sont déplacés.", "Moins de 40 %", 40, "%", True, False),
    (
        "fr",
        "Le milliardaire a fait don d'environ 25 000 terminaux Internet par satellite Starlink à l'Ukraine.",
        "environ 25 000",
        25000,
        "terminaux Internet par satellite Starlink",
        True,
        False,
    ),
    (
        "fr",
        "La société a levé 3 millions d'euros auprès d'investisseurs.",
        "3 millions",
        3e6,
        "euros",
        False,
        False,
    ),
    ("fr", "Le projet a coûté 250 000 € à la commune.", "250 000 €", 250000, "euros", False, False),
    (
        "fr",
        "Une trentaine de personnes étaient présentes jeudi.",
        "Une trentaine",
        30,
        "personnes",
        True,
        False,
    ),
    ("fr", "Des milliers de personnes ont fui la ville.", "Des milliers", 1000, "personnes", False, True),
    (
        "fr",
        "L'Etat a dépensé des milliards d'euros pour ce programme.",
        "des milliards",
        1e9,
        "euros",
        False,
        True,
    ),
    (
        "fr",
        "Un Français sur trois renonce à se soigner.",
        "Un Français sur trois",
        1 / 3,
        "Français",
        False,
        False,
    ),
    (
        "fr",
        "Selon l'étude, un salarié sur trois a déjà subi un burn-out.",
        "un salarié sur trois",
        1 / 3,
        "salarié",
        False,
        False,
    ),
    ("fr", "Les jeunes sont touchés : un sur trois est au chômage.", "un sur trois", 1 / 3, "", False, False),
    ("fr", "La moitié des communes ont moins de 500 habitants.", "La moitié", 0.5, "communes", False, False),
    ("fr", "Quatre blessés légers au moins seraient à déplorer.", "Quatre", 4, "blessés", True, False),
    (
        "fr",
        "L'armée a envoyé plusieurs dizaines de soldats au front.",
        "plusieurs dizaines",
        10,
        "soldats",
        True,
        True,
    ),
    ("fr", "Un tiers des Français ne part pas en vacances.", "Un tiers", 1 / 3, "Français", False, False),
    ("fr", "Le Premier ministre a annoncé 2,5 Md€ pour l'hôpital.", "2,5 Md€", 2.5e9, "euros", False, False),
    (
        "fr",
        "Plus d'un million de personnes ont manifesté jeudi.",
        "Plus d'un million",
        1e6,
        "personnes",
        True,
        False,
    ),
    (
        "fr",
        "Le 14 juillet 2023, 3 500 policiers étaient mobilisés à Paris.",
        "3 500",
        3500,
        "policiers",
        False,
        False,
    ),
    (
        "en",
        "The airline began giving half as many frequent flier miles to customers.",
        "half",
        0.5,
        "frequent flier miles",
        False,
        False,
    ),
    ("en", "Half of the respondents said they would vote.", "Half", 0.5, "respondents", False, False),
    (
        "en",
        "Tens of thousands of people marched through the capital.",
        "Tens of thousands",
        10000,
        "people",
        False,
        True,
    ),
    (
        "en",
        "The Palmer United Party could control up to four votes in the Senate.",
        "up to four",
        4,
        "votes",
        True,
        False,
    ),
    ("fr", "Les deux tiers des salariés ont voté la grève.", "deux tiers", 2 / 3, "salariés", False, False),
    (
        "fr",
        "Brigitte Grouwels n'a été élue qu'avec 2 245 voix soit 0,5% des Bruxellois.",
        "0,5%",
        0.5,
        "%",
        False,
        False,
    ),
    (
        "fr",
        "Le coût est estimé à environ un million d'euros.",
        "environ un million",
        1e6,
        "euros",
        True,
        False,
    ),
    ("en", "The company sold 25,000 cars in March.", "25,000", 25000, "cars", False, False),
    ("en", "The company sold 3.5 million cars last year.", "3.5 million", 3.5e6, "cars", False, False),
    ("en", "The firm reported a profit of $4.2bn in 2023.", "$4.2bn", 4.2e9, "dollars", False, False),
    ("en", "The club paid €3m for the striker on Friday.", "€3m", 3e6, "euros", False, False),
    ("en", "Unemployment rose by 12% last year.", "12%", 12, "%", False, False),
    ("en", "Unemployment rose by 5.8 percent in October.", "5.8 percent", 5.8, "percent", False, False),
    ("en", "About 200 people attended the rally on Sunday.", "About 200", 200, "people", True, False),
    (
        "en",
        "Nearly 35 million pounds of candy corn are sold each year.",
        "Nearly 35 million",
        35e6,
        "pounds",
        True,
        False,
    ),
    (
        "en",
        "More than 250,000 US diplomatic cables were released.",
        "More than 250,000",
        250000,
        "cables",
        True,
        False,
    ),
    ("en", "At least 12 people were killed in the attack.", "At least 12", 12, "people", True, False),
    (
        "en",
        "Thousands of protesters marched in London on Saturday.",
        "Thousands",
        1000,
        "protesters",
        False,
        True,
    ),
    ("en", "A third of voters stayed at home, the survey found.", "A third", 1 / 3, "voters", False, False),
    ("en", "One in five children lives in poverty.", "One in five", 0.2, "children", False, False),
    (
        "en",
        "The council spent twenty-five thousand dollars on the study.",
        "twenty-five thousand",
        25000,
        "dollars",
        False,
        False,
    ),
    (
        "en",
        "There are 1,200 officially sanctioned haunted houses in the country.",
        "1,200",
        1200,
        "officially sanctioned haunted houses",
        False,
        False,
    ),
    ("en", "Crude was down 14 cents at $96.24 a barrel.", "$96.24", 96.24, "dollars a barrel", False, False),
    ("en", "The firm cut 1\u00a0200 jobs.", "1\u00a0200", 1200, "jobs", False, False),
    ("en", "The court upheld the 2700 page law on Thursday.", "2700", 2700, "pages", False, False),
    ("en", "Sales of 300 family cars rose in May.", "300", 300, "family cars", False, False),
    (
        "en",
        "That's great news for the 41 million trick-or-treaters.",
        "41 million",
        41e6,
        "trick-or-treaters",
        False,
        False,
    ),
    ("en", "Profits rose to 481.42m yuan last year.", "481.42m", 481.42e6, "yuan", False, False),
    ("en", "The 40-year-old Australian was served a notice.", "40", 40, "years old", False, False),
    (
        "en",
        "Officials said thousands of people watched the parade.",
        "thousands",
        1000,
        "people",
        False,
        True,
    ),
]


def test_the_verb_after_the_counted_noun_is_not_part_of_the_unit():
    ext = extract("More than 25,000 people marched; thousands of others watched.", "en")
    assert [(q.value, q.unit) for q in quantities(ext)] == [(25000, "people"), (1000, "others")]


@pytest.mark.parametrize("lang,sentence,raw,value,unit,approximate,vague", CASES)
def test_quantity(lang, sentence, raw, value, unit, approximate, vague):
    ext = extract(sentence, lang)
    check_offsets(sentence, ext)
    qs = quantities(ext)
    match = [q for q in qs if q.raw == raw]
    assert match, f"{raw!r} not in {[q.raw for q in qs]}"
    q = match[0]
    assert q.value == pytest.approx(value, rel=1e-6)
    assert unit in q.unit, (q.unit, unit)
    assert q.approximate is approximate
    assert q.vague is vague
    assert sentence[q.start : q.end] == raw


@pytest.mark.parametrize(
    "lang,sentence,values,unit",
    [
        ("fr", "Entre 10 et 15 manifestants ont été interpellés samedi.", [10, 15], "manifestants"),
        ("fr", "Le dessin animé est destiné aux enfants de 2 à 7 ans.", [2, 7], "ans"),
        ("en", "Between 10 and 15 officers were injured in the clashes.", [10, 15], "officers"),
    ],
)
def test_ranges(lang, sentence, values, unit):
    ext = extract(sentence, lang)
    check_offsets(sentence, ext)
    qs = quantities(ext)
    assert [q.value for q in qs] == values
    assert all(unit in q.unit for q in qs)


@pytest.mark.parametrize(
    "lang,sentence",
    [
        (
            "fr",
            "Le M23 est né d'une mutinerie, en avril 2012, d'anciens rebelles intégrés dans l'armée en 2009.",
        ),
        ("fr", "Une maison construite en 1850 a brûlé le 24 novembre vers 12h30."),
        ("en", "He sought refuge at the embassy on June 19 during the 2012 primary season."),
        ("en", "Profits rose in the third quarter."),
        ("en", "The plan has three parts:\n1. Cut taxes.\n2. Build roads."),
    ],
)
def test_dates_and_numbering_are_not_quantities(lang, sentence):
    ext = extract(sentence, lang)
    check_offsets(sentence, ext)
    values = [q.value for q in quantities(ext)]
    assert not any(v in (2012, 2009, 1850, 24, 19, 1, 2, 0.25) for v in values), values
