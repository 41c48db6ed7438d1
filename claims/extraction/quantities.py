"""Quantity detection: numbers as journalists write them, with qualifier, unit and offsets.

Works on one sentence at a time (callers cap sentence length), so every regex runs on bounded text.
``tokens`` is a list of ``Tok`` for the sentence (from spaCy) used to read the counted noun phrase.

The work is split by concern: ``qpatterns`` builds the regexes from the language spec, ``numbers`` reads
digit and spelled numbers, ``units`` reads the counted noun phrase, ``counts`` is the digit/word pass;
this module holds the scan state, the vague/approximate/fraction/ratio passes and range propagation."""

from __future__ import annotations

import itertools
import math
import re

from .counts import find_counts
from .languages import LanguageSpec
from .numbers import parse_number, words_to_number
from .qpatterns import _patterns
from .spelled import find_durations, find_half_scales, find_ordinals
from .types import Quantity
from .units import Tok, _Ctx, read_unit

__all__ = ["Tok", "find_quantities", "parse_number", "words_to_number"]


class _Scan:
    """One sentence being scanned: its text, tokens, the quantities found and the spans they take."""

    def __init__(self, text, base, tokens, spec, orig):
        self.text, self.base, self.spec = text, base, spec
        self.P = _patterns(spec.code, spec)
        self.ctx = _Ctx(text, base, tokens, spec)
        self.out: list[Quantity] = []
        self.taken: list[tuple[int, int]] = []
        self.orig = orig if orig is not None else text
        self.scales: dict[int, float] = {}  # start -> scale word multiplier of each digit/word count

    def overlaps(self, s, e):
        return any(s < te and ts < e for ts, te in self.taken)

    def qualify(self, s: int) -> tuple[int, bool]:
        pre = self.text[max(0, s - 40) : s]
        m = self.P["qual"].search(pre)
        if m:
            return s - (len(pre) - m.start()), True
        return s, False

    def add(self, raw_s, raw_e, value, unit, approximate, vague, unit_end=None):
        if value is not None and not math.isfinite(value):
            value = None
        end = unit_end if unit_end is not None else raw_e
        if unit_end is not None and self.P["postqual"].match(self.text[unit_end : unit_end + 20]):
            approximate = True
        self.out.append(
            Quantity(
                raw=self.orig[raw_s:raw_e],
                value=value,
                unit=unit,
                approximate=approximate,
                vague=vague,
                start=self.base + raw_s,
                end=self.base + raw_e,
            )
        )
        self.taken.append((raw_s, max(raw_e, end)))


def find_quantities(
    text: str, base: int, tokens: list[Tok], spec: LanguageSpec, orig: str | None = None
) -> list[Quantity]:
    """Find quantities in ``text`` (a sentence of the normalised document starting at ``base``).
    ``orig`` is the same slice of the original text (to tell NBSP from ordinary spaces)."""
    sc = _Scan(text, base, tokens, spec, orig)
    _find_vague(sc)
    _find_approx(sc)
    find_half_scales(sc)
    find_durations(sc)
    _find_ratios(sc)
    _find_fractions(sc)
    find_ordinals(sc)
    find_counts(sc)
    out = sc.out
    out.sort(key=lambda q: q.start)
    _propagate_ranges(out, text, base, spec, sc.scales)
    _carry_elided_units(out, text, base, sc)
    return out


def _carry_elided_units(qs: list[Quantity], text: str, base: int, sc: _Scan) -> None:
    """ "45 aircraft, down from 57": a bare number after a comparison word counts what the nearest amount
    before it counts (a percentage excepted: "perdu 126,37 points (0,88%) à 14 201,57")."""
    for i, q in enumerate(qs):
        if q.unit or not q.raw[-1:].isdigit() or sc.scales.get(q.start - base) != 1.0:
            continue
        if not sc.P["elision"].search(text[max(0, q.start - base - 30) : q.start - base]):
            continue
        share = sc.spec.fraction_unit.format("")
        prev = next(
            (
                p
                for p in reversed(qs[:i])
                if p.unit
                and p.unit not in ("%", "fraction", "ratio")
                and not p.unit.startswith(share)
                and not p.vague
            ),
            None,
        )
        if prev is not None:
            q.unit = prev.unit


def _find_vague(sc: _Scan) -> None:
    text, spec, P, ctx = sc.text, sc.spec, sc.P, sc.ctx
    overlaps, add = sc.overlaps, sc.add
    # vague amounts first ("des milliards", "dizaines de millions", "thousands of")
    for m in P["vague"].finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        prev = text[max(0, m.start() - 25) : m.start()].rstrip().lower()
        if (
            prev[-1:].isdigit()
            or (prev and prev.split()[-1].split("-")[-1] in spec.number_words)
            or re.search(r"\d[\d.,]*\s*(?:de\s+|d'|of\s+)?$", prev)
        ):
            continue  # "3 millions d'euros" is a number with a scale word, not a vague amount
        w = m.group("w").lower()
        v = spec.vague_words.get(w)
        if m.group("w2"):
            v = (v or 1) * spec.vague_words.get(m.group("w2").lower(), 1)
        prefix = m.group(0)[: m.start("w") - m.start()].strip().lower()
        unit, uend = read_unit(ctx, m.end(), True)
        approx = prefix in ("quelques", "plusieurs", "several", "a few", "some", "many")
        add(m.start(), m.end(), v, unit, approx, True, uend)


def _find_approx(sc: _Scan) -> None:
    text, spec, P, ctx = sc.text, sc.spec, sc.P, sc.ctx
    overlaps, qualify, add = sc.overlaps, sc.qualify, sc.add
    # "une trentaine de", "a dozen"
    for m in P["approx"].finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        v = spec.approx_words.get(m.group(1).lower())
        s, _ = qualify(m.start())
        unit, uend = read_unit(ctx, m.end(), True)
        add(s, m.end(), v, unit, True, False, uend)


def _find_ratios(sc: _Scan) -> None:
    text, spec, P, ctx = sc.text, sc.spec, sc.P, sc.ctx
    overlaps, qualify, add = sc.overlaps, sc.qualify, sc.add
    # fractions and ratios
    for m in P["ratio"].finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        a, b = m.group("a"), m.group("b")
        va = parse_number(a, spec) if a[0].isdigit() else words_to_number(a, spec)
        vb = parse_number(b, spec) if b[0].isdigit() else words_to_number(b, spec)
        if not va or not vb or va >= vb:
            continue
        noun = m.group("noun") or ""
        unit = noun
        uend = m.end()
        if not unit:
            unit, uend = read_unit(ctx, m.end(), True)
        s, appr = qualify(m.start())
        add(s, m.end(), va / vb, spec.fraction_unit.format(unit) if unit else "ratio", appr, False, uend)


def _find_fractions(sc: _Scan) -> None:
    text, spec, P, ctx = sc.text, sc.spec, sc.P, sc.ctx
    overlaps, qualify, add = sc.overlaps, sc.qualify, sc.add
    for m in P["fraction"].finditer(text):
        if overlaps(m.start(), m.end()) or P["half_ends"].search(text, 0, m.end()):
            continue  # the half of "deux ans et demi" belongs to the count before it
        prev = re.findall(r"[\w'-]+", text[max(0, m.start() - 30) : m.start()].lower())[-2:]
        if (
            not m.group("n")
            and prev
            and (
                prev[-1].endswith(spec.ordinal_endings)
                or (
                    len(prev) == 2
                    and prev[0].endswith(spec.ordinal_endings)
                    and P["streak"].match(" " + prev[1])
                )
            )
        ):
            continue  # "the third quarter", "the fourth straight quarter": an ordinal, not a fraction
        n = m.group("n")
        k = 1.0
        if n:
            k = parse_number(n, spec) if n[0].isdigit() else (words_to_number(n, spec) or 1.0)
            if k is None or k > 20:
                continue
        f = spec.fractions[m.group("f").lower()]
        s, appr = qualify(m.start())
        after_f = re.match(
            r"\s+(?:as\s+(?:many|much)|autant\s+d[e'])\s*", text[m.end() : m.end() + 20], re.IGNORECASE
        )
        unit, uend = read_unit(ctx, m.end() + (after_f.end() if after_f else 0), True)
        add(s, m.end(), k * f, spec.fraction_unit.format(unit) if unit else "fraction", appr, False, uend)


def _propagate_ranges(qs: list[Quantity], text: str, base: int, spec: LanguageSpec, scales) -> None:
    """ "entre 10 et 15 manifestants", "3 à 4 millions €": the first bound takes the unit, the scale and the
    qualifier of the second."""
    for a, b in itertools.pairwise(qs):
        between = text[a.end - base : b.start - base]
        if re.fullmatch(r"\s*(?:" + spec.partitive_joiners + r")\s*", between, re.IGNORECASE):
            if not a.unit and b.unit:
                a.unit = b.unit  # "21 of 23 sites", "deux des trois carrés"
            continue
        if re.fullmatch(r"-?\s*(?:-|–|" + spec.range_joiners + r")\s*", between, re.IGNORECASE) or (
            between == "-" and a.raw[-1:].isdigit()
        ):
            sa, sb = scales.get(a.start - base), scales.get(b.start - base)
            if (
                sa == 1.0
                and sb
                and sb > 1.0
                and a.unit in ("", b.unit)
                and a.value
                and a.value * sb <= b.value
            ):
                a.value *= sb  # "entre 120 et 150 millions": 120 millions
            if not a.unit and b.unit:
                a.unit = b.unit
            elif a.unit and not b.unit and a.unit in ("%",):
                b.unit = a.unit
            if b.approximate and not a.approximate:
                a.approximate = True
