"""Text signals for matching: folded words, numbers and names, the same in French and English."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Words too common to say anything about a claim (folded: no accents).
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in is it its of on or our
    she that the their them they this to was we were what which who will with would you your not no
    than then there these those so if do does did can could should may might also just about into over
    le la les l un une des du de d et ou en au aux a ce ces cet cette il elle ils elles on nous vous je
    tu se sa son ses leur leurs qui que qu quoi dont ou est sont etait ete etre avoir a ont avait pour
    par sur dans avec sans plus moins ne pas n y s c j m t lui mais comme tres tout tous toute toutes
    rt via amp http https www com pic twitter""".split()
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[a-z0-9]+")
_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|@\w+")


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe: "L’ONU a DÉCIDÉ" → "l'onu a decide"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])")
# Inflection endings folded away for BM25, longest first; a word keeps at least 4 letters.
_SUFFIXES = ("ing", "ed", "es", "s")


def split_hashtags(text: str) -> str:
    """ "#ImpeachTrump2020" → "Impeach Trump 2020": a hashtag is words run together."""
    return _HASHTAG.sub(lambda m: f" {_CAMEL.sub(' ', m.group(1))} ", text)


def stem(word: str) -> str:
    """A light suffix folding for BM25, the same in French and English: "released" meets "releases",
    "élections" meets "élection". A lone -e stays ("release" is not "releas"): folding it too scored
    MAP@5 0.790 on CheckThat! 2020 train against 0.793 without."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Folded, stemmed content words for BM25 (no stop words, no URLs or handles, hashtags split);
    keeps numbers as tokens."""
    return [
        stem(w)
        for w in _WORD.findall(fold(split_hashtags(_URL.sub(" ", text))))
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


# --- numbers -------------------------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3,
    "mille": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "thousands": 1e3,
}
# 25 000 / 25,000 / 25.000 / 2,5 / 2.5 / 1 200,50 — then an optional scale word.
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)(?:([.,])(\d+))?(?:\s*(%|pour ?cent|per ?cent|percent))?"
    r"(?:\s*(thousand|thousands|mille|millions?|milliards?|billions?|trillions?|bn|mn|k|m)\b)?",
    re.IGNORECASE,
)


def numbers(text: str) -> frozenset[str]:
    """The numbers a claim states, normalised so that "25 000", "25,000" and "25.000" agree and
    "2,5 milliards" equals "2.5 billion". Years count as numbers too (they date the claim).
    (The re-ranker's agreement features; `quantities` and `years` below feed the veto.)"""
    found = set()
    for match in _NUMBER.finditer(text):
        whole, sep, frac, percent, scale = match.groups()
        digits = re.sub(r"[ \u00a0\u202f.,]", "", whole)
        try:
            value = Decimal(digits + (f".{frac}" if frac else ""))
        except InvalidOperation:
            continue
        if scale:
            value *= Decimal(str(_SCALES[scale.lower()]))
        label = format(value.normalize(), "f")
        found.add(label + ("%" if percent else ""))
    return frozenset(found)


# --- amounts and years (the veto: claims.matching.index.veto) ------------------------------------

# Times of day are when something happened, not what is claimed, and each language writes them its
# own way: "vers 5h30" / "at 5.30am", "vers 15 heures" / "at 3 pm", "à 18:45".
_TIME = re.compile(
    r"\b\d{1,2}\s?h\s?\d{2}\b|\b\d{1,2}\s?h\b|\b\d{1,2}\s+heures?(?:\s+\d{2})?\b"
    r"|\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
# Abbreviated scales of the financial press: "4,5 Md$", "12 Mds€", "3 Mrd" (milliard), "50 M€".
_AMOUNT_SCALES = {**_SCALES, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "mld": 1e9, "mlds": 1e9}
_AMOUNT = re.compile(
    r"([$£€])?\s?(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)(?:([.,])(\d+))?"
    r"(?:\s*(%|pour ?cent|per ?cent|percent))?"
    r"(?:[\s-]*(thousands?|mille|millions?|milliards?|billions?|trillions?|bn|mn|k|mds?|mrds?|mlds?|m)(?![a-z]))?"
    r"\s?([$£€])?",
    re.IGNORECASE,
)
_YEARS = range(1800, 2101)


# "de 4,2 à 4,1 Md$", "between 2 and 3 million", "de 3 à 5 %": the first number takes the second's scale.
_RANGE = re.compile(r"\s*(?:à|a|to|-|–|et|and|ou|or)\s*$", re.IGNORECASE)


# An embedded post's signature dates the post, not the claim: "— Chris Hayes (@chrislhayes) November
# 13, 2019"; links carry digits that are no amount ("https://t.co/mHC19xzRxO").
_SIGNATURE = re.compile(r"\(@\w+\)\s*\w+\.?\s+\d{1,2},?\s+\d{4}")


def _amounts(text: str):
    """(value, is it a year?) for each number the text states, times of day left out."""
    text = _TIME.sub(" ", _URL.sub(" ", _SIGNATURE.sub(" ", text)))
    found = list(_AMOUNT.finditer(text))
    for i, match in enumerate(found):
        before, whole, _sep, frac, percent, scale, after = match.groups()
        digits = re.sub(r"[ \u00a0\u202f.,]", "", whole)
        try:
            value = Decimal(digits + (f".{frac}" if frac else ""))
        except InvalidOperation:
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if not (scale or percent) and following and _RANGE.match(text[match.end() : following.start()]):
            percent, scale, after = following.group(5), following.group(6), after or following.group(7)
        if scale and scale.lower() in ("m", "mn") and not (before or after):
            scale = None  # "3 000 m d'altitude" is metres, "30 mn" minutes; "$4m", "50 M€" are millions
        if scale:
            value *= Decimal(str(_AMOUNT_SCALES[scale.lower()]))
        # A year is four bare digits ("en 2022", "1980s"), never "2 022", "2022 %" or "$2022".
        year = (
            whole.isdigit()
            and len(whole) == 4
            and not (frac or percent or scale or before or after)
            and int(whole) in _YEARS
        )
        yield value.normalize(), year


def quantities(text: str) -> frozenset[Decimal]:
    """The amounts a claim states (its numbers but years and times of day), by value: "25 000",
    "25,000" and "25.000" are one amount, "4,5 Md$" is "$4.5 billion", and "3,9 %" is "3.9 per
    cent" or "3.9 percentage points" (a percentage is compared by its value)."""
    return frozenset(value for value, year in _amounts(text) if not year)


def years(text: str) -> frozenset[int]:
    """The years a claim is dated by ("en 2022", "since 2015", "the 1980s")."""
    return frozenset(int(value) for value, year in _amounts(text) if year)


def same_amount(a: Decimal, b: Decimal) -> bool:
    """Two amounts agree when the more precise one, rounded as the other is written, gives the other:
    "1,2 milliard" is "1.23 billion" (a translation rounds), "25 000" is not "2 500", "4.1" is not
    "4.2", "12" is not "12.5"."""
    if a == b:
        return True
    coarse, fine = (a, b) if a.as_tuple().exponent >= b.as_tuple().exponent else (b, a)
    if coarse == 0:
        return False
    step = Decimal(1).scaleb(coarse.as_tuple().exponent)
    return fine.quantize(step, rounding=ROUND_HALF_UP) == coarse


# --- names ---------------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"(?<![\w])([A-ZÀ-Ý][\w'’-]{2,}|[A-Z]{2,})")
_SENTENCE_START = re.compile(r"(^|[.!?:«\"“]\s*)$")


def names(text: str) -> frozenset[str]:
    """Capitalised words not at a sentence start (folded): people, places, organisations, acronyms."""
    text = _URL.sub(" ", text)
    found = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(1)
        if word.isupper() or not _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            folded = fold(word).strip("'-")
            if folded not in STOPWORDS:
                found.add(folded)
    return frozenset(found)


def overlap(a: frozenset, b: frozenset) -> float:
    """Jaccard overlap; 0 when either side is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
