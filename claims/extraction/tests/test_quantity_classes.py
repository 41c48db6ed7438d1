"""Issue 11 failure classes of the quantity finder, each in French and English: glued units, currency
with a scale, spelled scales, counting ordinals, durations, rates and fractions, and units that must
not swallow the words after them."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from .conftest import check_offsets, quantities


def found(lang, sentence):
    ext = extract(sentence, lang)
    check_offsets(sentence, ext)
    return quantities(ext)


def one(lang, sentence, value):
    qs = [
        q for q in found(lang, sentence) if q.value is not None and q.value == pytest.approx(value, rel=1e-6)
    ]
    assert qs, f"{value} not in {[(q.raw, q.value, q.unit) for q in found(lang, sentence)]}"
    return qs[0]


# (lang, sentence, value, unit substring)
GLUED = [
    ("en", "The wall of the dam is 30ft high.", 30, "ft"),
    ("en", "Police clocked the car at 180km/h on the motorway.", 180, "km/h"),
    ("en", "He was driving at 70mph in a 30mph zone.", 70, "mph"),
    ("en", "Police seized heroin worth £1.5million in the raids.", 1.5e6, "pounds"),
    ("en", "The Senate approved a $90-million pilot project.", 90e6, "dollars"),
    ("fr", "Il est passé à 160 km/h au-dessus du sanctuaire.", 160, "km/h"),
    ("fr", "Le coureur a bouclé le marathon en 3h15 malgré la chaleur.", 3.25, "heures"),
    ("fr", "La tempête a soufflé à 130km/h sur la côte.", 130, "km/h"),
    ("fr", "Le colis pesait 25kg à l'arrivée.", 25, "kg"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", GLUED)
def test_units_glued_to_the_number(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


def test_a_clock_time_is_still_not_a_quantity():
    assert not [
        q for q in found("fr", "Le conseil se réunit à 3h15 dans la salle des fêtes.") if q.value == 3.25
    ]


CURRENCY_SCALE = [
    ("en", "The miner raised A$40m from investors.", 40e6, "dollars"),
    ("en", "The deal values the group at £12.5bn.", 12.5e9, "pounds"),
    ("fr", "Le chantier coûtera 3 à 4 millions € à la commune.", 3e6, "euros"),
    ("fr", "Le chantier coûtera 3 à 4 millions € à la commune.", 4e6, "euros"),
    ("fr", "Il en a vendu entre 120 et 150 millions d'exemplaires.", 120e6, "exemplaires"),
    ("en", "The fund lost between 2 and 3 billion dollars.", 2e9, "dollars"),
    ("en", "The fund raised €3m-€4m from investors.", 4e6, "euros"),
    ("fr", "Le groupe a levé 40 M€ auprès de ses actionnaires.", 40e6, "euros"),
    ("fr", "La dette atteint 12,5 Md€ à la fin de l'année.", 12.5e9, "euros"),
    ("fr", "Le fonds a levé 3M€-4M€ auprès des banques.", 4e6, "euros"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", CURRENCY_SCALE)
def test_currency_with_scale(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


SPELLED_SCALES = [
    ("en", "Some half-a-million people fled the fighting.", 5e5, "people"),
    ("en", "The city spent half a million dollars on the study.", 5e5, "dollars"),
    ("fr", "L'Etat a dépensé un demi-milliard d'euros pour le projet.", 5e8, "euros"),
    ("fr", "Un demi-million de visiteurs sont venus.", 5e5, "visiteurs"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", SPELLED_SCALES)
def test_spelled_scales(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


ORDINALS = [
    ("fr", "C'est le cinquième attentat depuis le début de l'année.", 5, "attentat"),
    ("fr", "Il venait de publier son 200e roman.", 200, "roman"),
    ("en", "Sales fell for the fourth straight quarter.", 4, "quarter"),
    ("en", "The tunnel is the eighth major passage discovered since 2006.", 8, "passage"),
    ("fr", "Les ventes reculent pour le troisième trimestre consécutif.", 3, "trimestre"),
    ("fr", "C'est le troisième mois consécutif de baisse.", 3, "mois"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", ORDINALS)
def test_ordinals_that_count(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "Profits rose in the third quarter."),
        ("en", "It happened in the 19th century."),
        ("fr", "Le bénéfice a progressé au troisième trimestre."),
        ("fr", "Ce château date du XVe siècle, et du 15e siècle pour l'aile nord."),
    ],
)
def test_ordinals_that_date_do_not_count(lang, sentence):
    assert not [q for q in found(lang, sentence) if q.value in (3, 19, 15)]


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "Sales fell for the fourth straight quarter."),
        ("fr", "Les ventes reculent pour le quatrième trimestre consécutif."),
    ],
)
def test_the_period_a_streak_counts_is_no_fraction(lang, sentence):
    assert [q.value for q in found(lang, sentence)] == [4]  # not also "quarter" = 0.25


DURATIONS = [
    ("fr", "Le chantier a duré deux ans et demi.", 2.5, "ans"),
    ("fr", "Les pompiers ont mis près d'une heure à maîtriser le feu.", 1, "heure"),
    ("fr", "L'organisme se promène depuis un an dans les écoles.", 1, "an"),
    ("fr", "Ils attendent pendant une heure et demie.", 1.5, "heure"),
    ("en", "The strike lasted a quarter of an hour.", 0.25, "hour"),
    ("en", "He was leader for almost a decade.", 1, "decade"),
    ("en", "The plane first flew about a month and a half ago.", 1.5, "month"),
    ("en", "The talks lasted two years.", 2, "years"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", DURATIONS)
def test_durations(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


def test_an_approximate_duration_is_approximate():
    assert one("en", "He was leader for almost a decade.", 1).approximate
    assert one("fr", "Les pompiers ont mis près d'une heure à maîtriser le feu.", 1).approximate


RATES = [
    ("en", "One in 12 adults has diabetes.", 1 / 12, "adults"),
    ("en", "Two out of five people live below the poverty line.", 0.4, "people"),
    ("fr", "Trois sur dix Français partent en vacances.", 0.3, "Français"),
    ("fr", "Un salarié sur cinq travaille le dimanche.", 0.2, "salarié"),
    ("en", "Nearly three-quarters of the spending is private.", 0.75, "spending"),
    ("fr", "Environ un quart des passages aux urgences.", 0.25, "passages"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", RATES)
def test_rates_and_fractions(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q
    assert "fraction" in q.unit, q  # a share is a fraction of what is counted, as the gold labels it


NEIGHBOURS = [
    ("en", "Profit was £3.1 million, against £2.9 million a year earlier.", 2.9e6, "pounds"),
    ("en", "Net income was $172 million a year earlier.", 172e6, "dollars"),
    ("fr", "Le bénéfice a atteint 2,9 millions d'euros par rapport à l'an dernier.", 2.9e6, "euros"),
    ("fr", "Le bénéfice était de 3,1 millions d'euros un an plus tôt.", 3.1e6, "euros"),
    ("en", "The company made a profit of $40m a year ago.", 40e6, "dollars"),
]


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "The company made a profit of $40m a year ago."),
        ("en", "A year later, the plant closed."),
        ("fr", "Le bénéfice était de 3,1 millions d'euros un an plus tôt."),
        ("fr", "Un an plus tard, l'usine a fermé."),
    ],
)
def test_a_year_earlier_is_a_point_in_time_not_a_duration(lang, sentence):
    assert not [q for q in found(lang, sentence) if q.value == 1]


@pytest.mark.parametrize("lang,sentence,value,unit", NEIGHBOURS)
def test_a_unit_does_not_absorb_the_next_words(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert q.unit == unit, q


def test_a_real_rate_is_kept():
    assert one("en", "Crude was down 14 cents at $96.24 a barrel.", 96.24).unit == "dollars a barrel"
    assert one("fr", "Le gazole coûte 1,50 euro par litre.", 1.5).unit == "euros par litre"


ELIDED = [
    ("en", "It delivered 45 aircraft during the quarter, down from 57 a year earlier.", 57, "aircraft"),
    ("en", "Net orders fell to 26 aircraft, from 83.", 83, "aircraft"),
    ("fr", "La Montérégie compte 15 042 abonnés privés de courant, contre 13 464 hier.", 13464, "abonnés"),
    ("fr", "L'indice a perdu 126,37 points (0,88%) à 14 201,57.", 14201.57, "points"),
    ("en", "Of those, it said 61,067 are civilians.", 61067, "civilians"),
    ("fr", "Parmi eux, 3 200 sont des enfants.", 3200, "enfants"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", ELIDED)
def test_an_elided_unit_is_the_one_the_sentence_counts(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


AGES = [
    ("en", "He was given hormones at age 12.", 12, "years old"),
    ("en", "But at 38, he committed suicide.", 38, "years old"),
    ("en", 'She said "he hit on me when I was 18."', 18, "years old"),
    ("en", "A study of 6- to 9-year-old girls.", 6, "years old"),
    ("fr", "Il est mort à l'âge de 83 ans.", 83, "ans"),
    ("fr", "Une étude sur des fillettes de 6 à 9 ans.", 6, "ans"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", AGES)
def test_ages(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


def test_a_bare_number_after_at_is_no_age_without_the_comma():
    assert one("en", "Firm orders are moderate so far at 177 as buyers wait.", 177).unit != "years old"


MORE = [
    ("fr", "Renault (-4,63%) enregistre le plus fort repli du CAC 40.", -4.63, "%"),
    ("en", "Shares of the bank (-6.3%) fell the most.", -6.3, "%"),
    ("en", "The inspectors visited 21 of 23 sites.", 21, "sites"),
    ("fr", "Des gerbes ont été déposées dans deux des trois carrés militaires.", 2, "carrés"),
    ("fr", "La trentaine de pompiers dépêchés sur les lieux a maîtrisé le feu.", 30, "pompiers"),
    ("en", "About a dozen officers were injured.", 12, "officers"),
    ("en", "Pupils must study at least one Shakespeare play.", 1, "Shakespeare play"),
    ("fr", "Au moins un soldat a été blessé.", 1, "soldat"),
    ("en", "Since he stood down in June 2007 after a decade as leader, he has kept quiet.", 1, "decade"),
]


@pytest.mark.parametrize("lang,sentence,value,unit", MORE)
def test_signs_partitives_approximations_and_single_counts(lang, sentence, value, unit):
    q = one(lang, sentence, value)
    assert unit in q.unit, q


def test_an_ordinal_century_is_a_date_even_when_attributive():
    assert not [q for q in found("en", "Pupils read a 19th century novel.") if q.value == 19]


def test_a_lone_article_is_still_no_count():
    assert not [q for q in found("en", "A man was seen near a bank.") if q.value == 1]
    assert not [q for q in found("fr", "Un homme a été vu près d'une banque.") if q.value == 1]
