"""The veto: two claims that state different figures or dates are never linked, not even suggested,
however alike their words; a translation or a paraphrase without the figure still is."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.matching import text as T
from claims.matching.index import Facts, Match, MatchIndex, differs, veto

BEDS = "Le ministre de la Santé a annoncé mardi la création de 5 000 lits d'hôpital supplémentaires."
BUDGET = "La métropole de Montvert a voté mardi un budget de 1,2 milliard d'euros."
STARLINK_FR = "Environ 25 000 terminaux Starlink ont été donnés à l'Ukraine, selon Elon Musk."
STARLINK_EN = "About 25,000 Starlink terminals have been donated to Ukraine, Elon Musk said."


def vetoed(a: str, b: str) -> str:
    return veto(Facts.of(a), Facts.of(b))


def test_different_figures_are_never_the_same_claim():
    assert vetoed(BEDS, BUDGET) == "numbers"
    assert vetoed(STARLINK_FR, "Environ 2 500 terminaux Starlink ont été donnés à l'Ukraine.") == "numbers"
    assert vetoed("Le chômage a baissé de 3,9 %.", "Le chômage a baissé de 4,2 %.") == "numbers"


def test_a_translation_keeps_its_figures_in_any_notation():
    assert vetoed(STARLINK_FR, STARLINK_EN) == ""
    assert vetoed("Google a proposé 4,4 Md$.", "Google offered as much as $4.4 billion.") == ""
    assert (
        vetoed(
            "Les revenus ont reculé de 4,2 à 4,1 Md$.", "Revenue dipped to $4.1 billion from $4.2 billion."
        )
        == ""
    )
    assert vetoed("plus de 50 Md$ d'investissements", "more than $50bn of investment") == ""
    assert vetoed("un budget de 1,2 milliard d'euros", "a budget of 1.2 billion euros") == ""
    assert vetoed("Le chômage est tombé à 3,9 %", "Unemployment fell to 3.9 per cent") == ""
    assert vetoed("au moins 700 milliards de dollars", "at least $700-billion") == ""


def test_a_paraphrase_without_the_figure_is_still_a_candidate():
    assert vetoed(STARLINK_FR, "Elon Musk dit avoir donné des terminaux Starlink à l'Ukraine.") == ""
    assert vetoed("vingt-cinq mille terminaux Starlink", STARLINK_EN) == ""


def test_a_rounded_figure_agrees_with_the_precise_one_and_only_then():
    assert vetoed("un budget de 1,2 milliard", "a budget of 1.23 billion") == ""
    assert T.same_amount(Decimal("1.2E+9"), Decimal("1.23E+9"))
    assert not T.same_amount(Decimal("25000"), Decimal("2500"))
    assert not T.same_amount(Decimal("12"), Decimal("12.5"))
    assert not T.same_amount(Decimal("0"), Decimal("0.3"))


def test_years_date_a_claim_but_not_a_fact_check_and_times_of_day_do_not_count():
    assert vetoed("Le chômage a baissé en 2021.", "Unemployment fell in 2022.") == "dates"
    assert vetoed("5 000 lits d'ici à 2028", "5,000 beds by 2028") == ""
    photo = Facts.of("No, this is NOT a colorized photo from Nazi Germany in 1939.")
    review = Facts.of("A photograph shows neo-Nazis saluting in Draketown, Georgia, in 2018.")
    assert veto(photo, review) == "dates" and veto(photo, review, dates=False) == ""
    assert (
        T.quantities(
            "The WH press secretary has two DUI's https://t.co/mHC19xzRxO — C. H. (@ch) November 13, 2019"
        )
        == set()
    )
    # A year on one side and an amount on the other say nothing against each other.
    assert vetoed("Dans les années 80, il monte une arnaque.", "In the 1980s, he set up a scam.") == ""
    assert vetoed("un accident vers 5h30 vendredi", "an accident at 5.30am on Friday") == ""
    assert vetoed("vers 15 heures, une collision", "at around 3 pm, a collision") == ""


@pytest.mark.parametrize(
    "text, amounts, years",
    [
        ("5 000 lits d'ici à 2028, pour 2,1 milliards", {"5000", "2100000000"}, {2028}),
        ("à 3 000 m d'altitude", {"3000"}, set()),  # metres, not millions
        ("£12m since 2015", {"12000000"}, {2015}),
        ("50 M€ en 2022", {"50000000"}, {2022}),
        ("between 2 and 3 million people", {"2000000", "3000000"}, set()),
        ("30 mn de retard", {"30"}, set()),
    ],
)
def test_amounts_and_years_as_journalists_write_them(text, amounts, years):
    assert {format(v, "f") for v in T.quantities(text)} == amounts
    assert T.years(text) == years


def test_the_index_marks_vetoed_candidates_and_says_why():
    vectors = [[1.0, 0.0], [1.0, 0.0]]
    index = MatchIndex.from_vectors(["beds", "starlink"], [BEDS, STARLINK_EN], vectors)
    found = {m.id: m for m in index.rank(BUDGET, index.vectors[0], top=2)}
    assert found["beds"].veto == "numbers" and differs(found["beds"]) == "numbers"
    found = {m.id: m for m in index.rank(STARLINK_FR, index.vectors[0], top=2)}
    assert found["starlink"].veto == "" and differs(found["starlink"]) == ""
    assert differs(Match("x", 0.5, {"names_missing": 1.0})) == "names"
