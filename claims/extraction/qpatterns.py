"""Regular expressions the quantity finder runs, built once per language from its ``LanguageSpec``."""

from __future__ import annotations

import re

from .languages import LanguageSpec

_CURRENCY_SYM = r"(?:US\$|A\$|C\$|CA\$|NZ\$|HK\$|\$US|\$CA|\$|€|£|¥)"


def _alt(words) -> str:
    return "|".join(
        sorted((re.escape(w) if not any(c in w for c in "\\(") else w for w in words), key=len, reverse=True)
    )


_PAT_CACHE: dict[str, dict] = {}


def _patterns(code: str, spec: LanguageSpec):
    if code in _PAT_CACHE:
        return _PAT_CACHE[code]
    P = _PAT_CACHE[code] = {}
    # ---- digit numbers -------------------------------------------------------------
    if spec.decimal_comma:
        num = (
            r"\d{1,3}(?:[ ]\d{3})+(?:,\d+)?(?![ ]?\d)"  # 25 000 / 2 245 / 1 234,5
            r"|\d{1,3}(?:\.\d{3})+(?![.,]?\d)"  # 38.000
            r"|\d{1,3}(?:,\d{3}){2,}(?![.,]?\d)"  # 1,000,000 (English style in fr text)
            r"|\d+(?:[.,]\d+)?"
        )
    else:
        num = (
            r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![.,]?\d)"  # 25,000 / 1,200.5
            r"|\d{1,3}(?:[ ]\d{3})+(?![ ]?\d)"  # 25 000 (only accepted with NBSP, checked later)
            r"|\d+(?:\.\d+)?"
        )
    P["num"] = re.compile(
        # not "COVID-19"; but "€3m-€4m" is a range
        r"(?<![\w.,/])(?:(?<![^\W\d_]-)|(?=" + _CURRENCY_SYM + r"))"
        r"(?P<cur>" + _CURRENCY_SYM + r"\s?)?"
        r"(?P<num>" + num + r")"
        r"(?:(?P<meas>" + (spec.measure_units or "(?!)") + r")(?![\w/])"  # glued unit: "30ft", "180km/h"
        r"|(?P<sfx>bn|mn|tn|mds|md|mrds|mrd|m|k|b|-?(?:"
        + _alt([w for w in spec.scales if len(w) > 3])
        + r")))?"
        r"(?:(?![\w])|(?=" + (spec.glued_hours or "(?!)") + r"))",
        re.IGNORECASE,
    )
    P["measure"] = re.compile(r"^\s?(" + (spec.measure_units or "(?!)") + r"|m)(?![\w/])")
    # a glued hour duration "3h15" (a clock time after a clock word: "à 3h15")
    P["half_scale"] = re.compile(
        r"(?<![\w-])(?:" + (spec.half_scale or "(?!)") + r")(?![\w-])", re.IGNORECASE
    )
    P["duration"] = re.compile(
        r"(?<![\w-])(?:" + (spec.duration_one or "(?!)") + r")(?![\w-])", re.IGNORECASE
    )
    P["half_after"] = re.compile(r"^(?:" + (spec.half_after or "(?!)") + r")(?![\w-])", re.IGNORECASE)
    P["half_ends"] = re.compile(r"(?:" + (spec.half_after or "(?!)") + r")$", re.IGNORECASE)
    P["ordinal"] = re.compile(
        r"(?<![\w-])(?:(?P<d>\d{1,4})(?:"
        + (spec.ordinal_suffixes or "(?!)")
        + r")|(?P<w>"
        + (_alt(spec.ordinal_words) if spec.ordinal_words else "(?!)")
        + r"))(?![\w-])",
        re.IGNORECASE,
    )
    P["streak"] = re.compile(r"^\s+(?:" + (spec.streak_words or "(?!)") + r")(?!\w)", re.IGNORECASE)
    P["copula"] = re.compile(r"^\s+(?:" + (spec.copula_after or "(?!)") + r")\s+(?=[^\W\d_])", re.IGNORECASE)
    P["age_before"] = re.compile(r"(?:^|\W)(?:" + (spec.age_before or "(?!)") + r")\s+$", re.IGNORECASE)
    P["age_at"] = re.compile(r"(?:^|\W)(?:" + (spec.age_at or "(?!)") + r")\s+$", re.IGNORECASE)
    P["elision"] = re.compile(r"(?:^|\W)(?:" + (spec.elision_before or "(?!)") + r")\s+$", re.IGNORECASE)
    P["one_qual"] = re.compile(r"(?:^|\W)(?:" + (spec.one_qualifiers or "(?!)") + r")\s*$", re.IGNORECASE)
    P["hours"] = re.compile("^(?:" + (spec.glued_hours or "(?!)") + ")", re.IGNORECASE)
    # ---- spelled numbers -------------------------------------------------------------
    words = _alt(spec.number_words)
    join = r"(?:[ -]+|\s+(?:" + _alt(spec.number_joiners) + r")\s+)"
    P["words"] = re.compile(
        r"(?<![\w-])(?:" + words + r")(?:" + join + r"(?:" + words + r"))*(?![\w])", re.IGNORECASE
    )
    # ---- approx "une trentaine", "a dozen" ------------------------------------------
    P["approx"] = re.compile(
        r"(?<!\w)(?:" + spec.approx_articles + r")\s+(" + _alt(spec.approx_words) + r")(?!\w)", re.IGNORECASE
    )
    # ---- vague "des milliers", "thousands of" ----------------------------------------
    vague = _alt(spec.vague_words)
    pref = "|".join(spec.vague_prefixes)
    P["vague"] = re.compile(
        r"(?<!\w)(?:(?:"
        + pref
        + r")\s+)?(?P<w>"
        + vague
        + r")(?:\s+(?:de\s+|d'|of\s+)(?P<w2>"
        + vague
        + r"))?"
        r"(?=\s+(?:de\b|d'|des\b|of\b))",
        re.IGNORECASE,
    )
    # ---- qualifiers (anchored at the end of the text before a number) ------------------
    P["qual"] = re.compile(
        r"(?:^|(?<=[\s(,;:'\"«“]))(?:" + "|".join(spec.qualifiers) + r")\s*$", re.IGNORECASE
    )
    P["postqual"] = re.compile(r"^\s*(?:" + "|".join(spec.post_qualifiers) + r")(?!\w)", re.IGNORECASE)
    P["scale"] = re.compile(
        r"^\s+(?:(?:de\s+|d')?(" + _alt([w for w in spec.scales if len(w) > 2]) + r"))(?!\w)", re.IGNORECASE
    )
    P["pct"] = re.compile(r"^\s?(" + "|".join(spec.percent_words) + r")(?!\w)", re.IGNORECASE)
    cw = [w for w in spec.currency_words if w.isalpha() and len(w) > 1]
    P["curword"] = re.compile(r"^\s*(?:(?:de\s+|d'|of\s+)?)(" + _alt(cw) + r")(?!\w)", re.IGNORECASE)
    P["cursfx"] = re.compile(r"^\s?(€|\$|£|¥|¢)")
    # rates: "$96.24 a barrel", "1,50 euro par litre"; not "£2.9m a year earlier", "par rapport à"
    P["rate"] = re.compile(r"^\s+(" + (spec.rate_words or "(?!)") + r")\s+([^\W\d_][\w-]*)", re.IGNORECASE)
    P["rate_stop"] = re.compile(r"^\s*(?:" + (spec.rate_stop or "(?!)") + r")(?!\w)", re.IGNORECASE)
    P["scalecur"] = re.compile(r"^\s?(mds|md|mrds|mrd|mn|bn|m|k)\s?(€|\$|£)", re.I)
    P["month_after"] = re.compile(r"^\s+(?:" + _alt(spec.months) + r")\.?(?!\w)", re.IGNORECASE)
    P["month_before"] = re.compile(r"(?:^|\W)(?:" + _alt(spec.months) + r")\.?\s+$", re.IGNORECASE)
    P["time"] = re.compile(r"^(?:h\d{0,2}|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)|:\d\d)", re.IGNORECASE)
    P["address"] = re.compile(
        r"^\s+(?:(?:de\s+la\s+|,\s+)?(?:" + (spec.street_words or "(?!)") + r"))\b",
        re.IGNORECASE,
    )
    fr = _alt(spec.fractions)
    P["fraction"] = re.compile(
        r"(?<!\w)(?:(?P<n>" + words + r"|\d+)(?:\s+|-)|(?:la|le|les|the|a|an)\s+)?(?P<f>" + fr + r")"
        r"(?=\s+(?:de\b|des\b|du\b|d'|of\b|as\s+(?:many|much)\b|autant\b)|\s*[,.;]"
        r"|\s+(?:\w+\s+)?(?:sont|ont|are|were|have)\b)",
        re.IGNORECASE,
    )
    ratio = "|".join(spec.ratio_words)
    P["ratio"] = re.compile(
        r"(?<![\w-])(?P<a>" + words + r"|\d+)\s+(?:(?P<noun>[^\W\d_][\w'-]*)\s+)?(?:" + ratio + r")\s+"
        r"(?P<b>" + words + r"|\d+)(?![\w-])",
        re.IGNORECASE,
    )
    P["compound"] = re.compile(r"^-(?P<w>[^\W\d_]+)(?P<old>-old)?(?!\w)")
    return P
