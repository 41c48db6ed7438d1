"""Quantity detection: numbers as journalists write them, with qualifier, unit and offsets.

Works on one sentence at a time (callers cap sentence length), so every regex runs on bounded text.
``tokens`` is a list of ``Tok`` for the sentence (from spaCy) used to read the counted noun phrase."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from .languages import LanguageSpec
from .types import Quantity

try:  # text2num 3.x ships the module ``text_to_num``
    from text_to_num import text2num as _text2num
except Exception:  # noqa: BLE001  # pragma: no cover - dependency missing
    _text2num = None

MAX_DIGITS = 24


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    lower: str
    pos: str
    tag: str
    ent: str
    future: bool = False
    part: bool = False  # past participle / participle form
    inf: bool = False  # infinitive ("de soutenir", "to say")


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
    if spec.code == "fr" or spec.decimal_comma:
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
        r"(?<![\w.,/])(?<![^\W\d_]-)"
        r"(?P<cur>" + _CURRENCY_SYM + r"\s?)?"
        r"(?P<num>" + num + r")"
        r"(?P<sfx>bn|mn|tn|mds|md|mrds|mrd|m|k|b)?"
        r"(?![\w])",
        re.IGNORECASE,
    )
    # ---- spelled numbers -------------------------------------------------------------
    words = _alt(spec.number_words)
    join = r"(?:[ -]+|\s+(?:" + _alt(spec.number_joiners) + r")\s+)"
    P["words"] = re.compile(
        r"(?<![\w-])(?:" + words + r")(?:" + join + r"(?:" + words + r"))*(?![\w])", re.IGNORECASE
    )
    # ---- approx "une trentaine", "a dozen" ------------------------------------------
    P["approx"] = re.compile(
        r"(?<!\w)(?:une?|a|an)\s+(" + _alt(spec.approx_words) + r")(?!\w)", re.IGNORECASE
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
    P["cursfx"] = re.compile(r"^\s?(€|\$|£|¥)")
    P["scalecur"] = re.compile(r"^\s?(mds|md|mrds|mrd|mn|bn|m|k)\s?(€|\$|£)", re.I)
    P["month_after"] = re.compile(r"^\s+(?:" + _alt(spec.months) + r")\.?(?!\w)", re.IGNORECASE)
    P["month_before"] = re.compile(r"(?:^|\W)(?:" + _alt(spec.months) + r")\.?\s+$", re.IGNORECASE)
    P["time"] = re.compile(r"^(?:h\d{0,2}|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)|:\d\d)", re.IGNORECASE)
    P["address"] = re.compile(
        r"^\s+(?:(?:de\s+la\s+|,\s+)?(?:rue|avenue|av\.|boulevard|bd|chemin|place|route|street|st\.|road|rd\.|lane|drive))\b",
        re.IGNORECASE,
    )
    fr = _alt(spec.fractions)
    P["fraction"] = re.compile(
        r"(?<!\w)(?:(?P<n>" + words + r"|\d+)\s+|(?:la|le|les|the|a|an)\s+)?(?P<f>" + fr + r")"
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


def _float(s: str) -> float | None:
    try:
        v = float(s)
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def parse_number(raw: str, spec: LanguageSpec, orig: str | None = None) -> float | None:
    """Parse a digit string written the way ``spec`` writes numbers."""
    s = raw.strip()
    if sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    if " " in s:
        s = s.replace(" ", "")
    if spec.decimal_comma:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            return _float(s.replace(".", ""))
        if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", s):
            return _float(s.replace(",", ""))
        return _float(s.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return _float(s.replace(",", ""))
    return _float(s.replace(",", "."))


def words_to_number(raw: str, spec: LanguageSpec) -> float | None:
    if _text2num is None:
        return None
    s = re.sub(r"\s+", " ", raw.lower().strip())
    try:
        return float(_text2num(s, spec.code))
    except Exception:  # noqa: BLE001, S110 - text2num raises ValueError/AssertionError on non-numbers
        pass
    # "a hundred", "deux millions" style fallbacks: multiply the head by a trailing scale
    parts = s.replace("-", " ").split()
    if parts and parts[-1] in spec.scales and len(parts) > 1:
        head = words_to_number(" ".join(parts[:-1]), spec)
        if head is not None:
            return head * spec.scales[parts[-1]]
    return None


class _Ctx:
    def __init__(self, text, base, tokens, spec):
        self.text, self.base, self.tokens, self.spec = text, base, tokens, spec
        self.by_start = {t.start - base: i for i, t in enumerate(tokens)}

    def tok_at_or_after(self, pos: int) -> int | None:
        for p in range(pos, min(len(self.text), pos + 4) + 1):
            if p in self.by_start:
                return self.by_start[p]
        return None


_NOUNY = {"NOUN", "PROPN"}
_ADJY = {"ADJ"}


def read_unit(ctx: _Ctx, pos: int, allow_skip: bool, max_tokens: int = 8) -> tuple[str, int]:
    """Read the counted noun phrase starting at ``pos`` (sentence-relative). Returns (unit, end)."""
    spec = ctx.spec
    i = ctx.tok_at_or_after(pos)
    if i is None:
        return "", pos
    toks = ctx.tokens
    n = len(toks)
    if allow_skip and i < n and toks[i].lower in spec.unit_skip:
        i += 1
        if (
            i < n
            and toks[i].pos == "DET"
            and toks[i].lower in ("the", "les", "la", "le", "l'", "ces", "these")
        ):
            i += 1
    elif i < n and toks[i].lower in ("of",) and i + 1 < n and toks[i + 1].pos in _NOUNY:
        i += 1
    first = i
    last = None
    count = 0
    preps = 0
    while i < n and count < max_tokens:
        t = toks[i]
        low = t.lower
        if low[:1].isdigit() or (low[:1] in "-/" and (last is None or low != "-")):
            break
        if (
            t.pos in _NOUNY
            or (t.pos in ("ADJ", "VERB") and low not in spec.unit_stop)
            or (
                t.pos == "ADV"
                and spec.code == "en"
                and i + 1 < n
                and toks[i + 1].pos in ("ADJ", "VERB")
                and last is None
            )
        ):
            if low in spec.months or (
                t.pos == "VERB" and spec.code == "en" and t.tag not in ("VBN", "VBG", "JJ")
            ):
                break
            if t.pos == "VERB" and spec.code == "fr" and last is None:
                break  # "340 millions consacrés aux transports": the participle is not what is counted
            if t.pos == "VERB" and last is not None and (spec.code == "fr" or toks[last].pos in _NOUNY):
                break  # the verb after the counted noun ("thousands of people watched") is not part of it
            if t.pos in _NOUNY or last is not None or t.pos in ("ADJ", "VERB", "ADV"):
                last = i
            count += 1
            i += 1
            continue
        if (
            t.text == "-"
            and last is not None
            and i + 1 < n
            and toks[i + 1].start == t.end
            and t.start == toks[i - 1].end
        ):
            # hyphenated compound ("trick-or-treaters"): take the whole contiguous chain
            while i + 1 < n and toks[i + 1].start == toks[i].end:
                i += 1
            last = i
            count += 1
            i += 1
            continue
        if last is not None and low in spec.unit_preps and preps < 2 and i + 1 < n:
            j = i + 1
            if spec.code == "en" and toks[j].lower in ("the",) and low == "of":
                j += 1
            if (
                j < n
                and (toks[j].pos in _NOUNY or toks[j].pos == "ADJ")
                and toks[j].lower not in spec.months
                and toks[j].lower not in spec.unit_stop
                and not (low in ("in", "en") and toks[j].pos == "PROPN")
            ):
                if (
                    low in ("a", "an", "per", "par")
                    or toks[j].pos in _NOUNY
                    or (j + 1 < n and toks[j + 1].pos in _NOUNY)
                ):
                    preps += 1
                    i = j
                    continue
        break
    if last is None:
        return "", pos
    # a unit must contain a noun
    if not any(toks[k].pos in _NOUNY for k in range(first, last + 1)):
        # allow participle/adjective units only when tagged as nouns elsewhere: French "blessés"
        if spec.code != "fr":
            return "", pos
    # drop trailing prepositions/determiners
    while last >= first and (toks[last].lower in spec.unit_preps or toks[last].pos in ("DET", "ADP")):
        last -= 1
    if last < first:
        return "", pos
    s = toks[first].start - ctx.base
    e = toks[last].end - ctx.base
    if (
        spec.code == "en"
        and last > first
        and toks[first].tag == "NN"
        and toks[first + 1].pos == "NOUN"
        and toks[last].tag == "NN"
        and toks[first].start - ctx.base - pos <= 1
        and toks[first + 1].start > toks[first].end
    ):
        # measure used attributively: "a 2700 page law", "a 2,032 pound pumpkin" count pages / pounds
        w = toks[first].text
        return (w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s"), toks[
            first
        ].end - ctx.base
    return ctx.text[s:e], e


def _is_year_like(s: str) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|21\d\d", s))


def find_quantities(
    text: str, base: int, tokens: list[Tok], spec: LanguageSpec, orig: str | None = None
) -> list[Quantity]:
    """Find quantities in ``text`` (a sentence of the normalised document starting at ``base``).
    ``orig`` is the same slice of the original text (to tell NBSP from ordinary spaces)."""
    P = _patterns(spec.code, spec)
    ctx = _Ctx(text, base, tokens, spec)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    orig = orig if orig is not None else text

    def overlaps(s, e):
        return any(s < te and ts < e for ts, te in taken)

    def qualify(s: int) -> tuple[int, bool]:
        pre = text[max(0, s - 40) : s]
        m = P["qual"].search(pre)
        if m:
            return s - (len(pre) - m.start()), True
        return s, False

    def add(raw_s, raw_e, value, unit, approximate, vague, unit_end=None):
        if value is not None and not math.isfinite(value):
            value = None
        end = unit_end if unit_end is not None else raw_e
        if unit_end is not None and P["postqual"].match(text[unit_end : unit_end + 20]):
            approximate = True
        out.append(
            Quantity(
                raw=orig[raw_s:raw_e],
                value=value,
                unit=unit,
                approximate=approximate,
                vague=vague,
                start=base + raw_s,
                end=base + raw_e,
            )
        )
        taken.append((raw_s, max(raw_e, end)))

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

    # "une trentaine de", "a dozen"
    for m in P["approx"].finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        v = spec.approx_words.get(m.group(1).lower())
        s, _ = qualify(m.start())
        unit, uend = read_unit(ctx, m.end(), True)
        add(s, m.end(), v, unit, True, False, uend)

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
        add(s, m.end(), va / vb, unit or "ratio", appr, False, uend)
    for m in P["fraction"].finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        prev_word = re.findall(r"[\w'-]+", text[max(0, m.start() - 20) : m.start()].lower())[-1:]
        if (
            not m.group("n")
            and prev_word
            and prev_word[0].endswith(
                ("first", "second", "third", "fourth", "last", "final", "th", "ième", "premier", "dernier")
            )
        ):
            continue  # "the third quarter", "le premier trimestre": an ordinal, not a fraction
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
        add(s, m.end(), k * f, unit or "fraction", appr, False, uend)

    # digit numbers
    cands = []
    for m in P["num"].finditer(text):
        cands.append(("d", m))
    for m in P["words"].finditer(text):
        cands.append(("w", m))
    cands.sort(key=lambda c: c[1].start())
    prev_end = -10
    for kind, m in cands:
        s, e = m.start(), m.end()
        if overlaps(s, e):
            continue
        raw = m.group(0)
        after = text[e : e + 40]
        before = text[max(0, s - 30) : s]
        scale = 1.0
        cur_unit = ""
        pct = ""
        if kind == "d":
            numtxt = m.group("num")
            value = parse_number(numtxt, spec)
            if value is None:
                continue
            sfx = (m.group("sfx") or "").lower()
            cur = (m.group("cur") or "").strip()
            if sfx:
                if sfx in ("m", "k", "b") and not cur and not P["curword"].match(text[e : e + 30]):
                    # "3m" without a currency may be metres; keep it as a plain number + unit
                    if e - len(sfx) >= s:
                        e2 = e - len(sfx)
                        raw = text[s:e2]
                        e = e2
                        after = text[e : e + 40]
                        sfx = ""
                else:
                    scale = spec.scales.get(sfx, 1.0)
            if cur:
                cur_unit = spec.currency_words.get(cur.lower(), spec.currency_words.get(cur, "dollars"))
                if cur.lower() in ("us$", "$us", "a$", "c$", "$ca", "ca$", "nz$", "hk$"):
                    cur_unit = "dollars"
            # list numbering / dates / times / addresses / codes
            line_start = text.rfind("\n", 0, s) + 1
            if not cur and text[line_start:s].strip() == "" and re.match(r"^[.)]\s", after):
                continue
            if not cur and P["time"].match(after):
                continue
            if not cur and P["month_after"].match(after) and value <= 31:
                continue
            if not cur and P["month_before"].search(before):
                continue
            if not cur and P["address"].match(after):
                continue
            if re.match(r"^[/:]\d", after) or re.match(r"^-\d{1,2}-\d", after):
                continue
        else:
            low = raw.lower().strip()
            toks_ = re.split(r"[\s-]+", low)
            if len(toks_) == 1 and low in ("un", "une", "one", "a", "an"):
                continue
            if low in ("neuf",) and not re.match(r"^\s+[^\W\d_]", after):
                continue
            if (
                spec.code == "en"
                and low == "one"
                and re.match(r"^\s+(?:of|another|day|time|thing|way)\b", after, re.IGNORECASE)
            ):
                continue
            value = words_to_number(raw, spec)
            if value is None:
                continue
            numtxt = raw
        # scale words "1,5 milliard", "158 million"
        ms = P["scale"].match(text[e : e + 30])
        if ms and scale == 1.0 and not (kind == "w" and raw.lower().split()[-1] in spec.scales):
            scale = spec.scales.get(ms.group(1).lower(), 1.0)
            e = e + ms.end()
            raw = text[s:e]
            after = text[e : e + 40]
        msc = P["scalecur"].match(text[e : e + 12]) if scale == 1.0 and not cur_unit else None
        if msc:
            scale = spec.scales.get(msc.group(1).lower(), 1.0)
            cur_unit = spec.currency_words.get(msc.group(2), "euros")
            e += msc.end()
            raw = text[s:e]
            after = text[e : e + 40]
        value = value * scale
        # currency symbol after ("25 €", "100$")
        mc = P["cursfx"].match(after)
        if not cur_unit and mc:
            cur_unit = spec.currency_words.get(mc.group(1), "euros")
            e += mc.end()
            raw = text[s:e]
            after = text[e : e + 40]
        mp = P["pct"].match(after)
        if mp and not cur_unit:
            g = mp.group(1)
            if g.lower() in ("points", "point", "pts", "pt") and spec.code == "en":
                pct = ""
            else:
                pct = "%" if g == "%" else re.sub(r"\s+", " ", g)
                e += mp.end()
                raw = text[s:e]
                after = text[e : e + 40]
        # years used as dates
        if (
            kind == "d"
            and not cur_unit
            and not pct
            and scale == 1.0
            and _is_year_like(numtxt)
            and (re.match(r"^\s?[-/–]\s?\d{2,4}\b", after) or re.search(r"\d\s?[-/–]\s?$", before))
        ):
            continue
        if kind == "d" and not cur_unit and not pct and scale == 1.0 and _is_year_like(numtxt):
            prevw = re.findall(r"[\w']+", before.lower())[-1:] or [""]
            qs, appr = qualify(s)
            unit, _ = read_unit(ctx, e, False)
            head = unit.lower().split()[0] if unit else ""
            if not appr and (
                not unit
                or prevw[0] in spec.date_preps
                or prevw[0] in spec.months
                or head in spec.months
                or not head.endswith(("s", "x"))
                or re.search(r"\b(?:1[5-9]\d\d|20\d\d)\s+(?:and|et|or|ou|to|à)\s*$", before)
            ):
                continue
        # unit
        unit_end = e
        mcomp = P["compound"].match(after)
        if cur_unit:
            unit = cur_unit
            mw = P["curword"].match(after)
            if mw:
                unit_end = e + mw.end()
            # rates: "$96.24 a barrel", "3 euros le litre"
            mr = re.match(
                r"^\s+(a|an|per|par)\s+([^\W\d_][\w-]*)", text[unit_end : unit_end + 40], re.IGNORECASE
            )
            if mr and mr.group(1).lower() in ("a", "an", "per", "par"):
                unit = f"{unit} {mr.group(1)} {mr.group(2)}"
                unit_end += mr.end()
        elif pct:
            unit = pct
        elif mcomp:
            w = mcomp.group("w")
            if mcomp.group("old"):
                unit = spec.age_unit
            else:
                unit = w + ("s" if spec.code == "en" and value != 1 and not w.endswith("s") else "")
            unit_end = e + mcomp.end()
        else:
            mw = P["curword"].match(after)
            if mw:
                unit = spec.currency_words.get(mw.group(1).lower(), mw.group(1))
                unit_end = e + mw.end()
            else:
                scaled = scale != 1.0 or (kind == "w" and raw.lower().split()[-1] in spec.scales)
                unit, unit_end = read_unit(ctx, e, scaled)
                if not unit:
                    unit_end = e
                    # "Mr Palmer, 59," -> age
                    if (
                        kind == "d"
                        and 0 < value < 120
                        and float(value).is_integer()
                        and re.search(r"[^\W\d_]+,\s*$", before)
                        and re.match(r"^\s*[,)]", after)
                    ):
                        unit = spec.age_unit
        qs, appr = qualify(s)
        # ranges: "entre 10 et 15", "de 2 à 7 ans", "10-15"
        if out and prev_end >= 0:
            pass
        add(qs, e, value, unit, appr, False, unit_end)
        prev_end = e
    out.sort(key=lambda q: q.start)
    _propagate_ranges(out, text, base, spec)
    return out


def _propagate_ranges(qs: list[Quantity], text: str, base: int, spec: LanguageSpec) -> None:
    for a, b in itertools.pairwise(qs):
        between = text[a.end - base : b.start - base]
        if re.fullmatch(r"\s*(?:-|–|à|et|to|and|or|ou)\s*", between, re.IGNORECASE) or (
            between == "-" and a.raw[-1:].isdigit()
        ):
            if not a.unit and b.unit:
                a.unit = b.unit
            elif a.unit and not b.unit and a.unit in ("%",):
                b.unit = a.unit
            if b.approximate and not a.approximate:
                a.approximate = True
