"""The digit and spelled-number pass of the quantity finder: value, scale, currency, percent and unit.

Skips list numbering, dates, times, addresses and years used as dates."""

from __future__ import annotations

import re

from .numbers import _is_year_like, parse_number, words_to_number
from .units import read_unit


def find_counts(sc) -> None:
    """Add the digit and spelled numbers of ``sc`` (a ``quantities._Scan``) not already taken."""
    text, spec, P, ctx = sc.text, sc.spec, sc.P, sc.ctx
    overlaps, qualify, add = sc.overlaps, sc.qualify, sc.add
    # digit numbers
    cands = []
    for m in P["num"].finditer(text):
        cands.append(("d", m))
    for m in P["words"].finditer(text):
        cands.append(("w", m))
    cands.sort(key=lambda c: c[1].start())
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
        meas, unit_end_meas = "", e
        if kind == "d":
            numtxt = m.group("num")
            value = parse_number(numtxt, spec)
            if value is None:
                continue
            if re.search(r"(?:^|[\s(])[-−]$", text[max(0, s - 2) : s]) and re.match(r"^\s?%", after):
                value, s = -value, s - 1  # "Renault (-4,63%)"
                raw = text[s:e]
            sfx = (m.group("sfx") or "").lower()
            cur = (m.group("cur") or "").strip()
            meas = m.group("meas") or ""
            if not meas and not cur and not sfx:
                mm = P["measure"].match(after)
                meas = mm.group(1) if mm else ""
                if mm:
                    unit_end_meas = e + mm.end()
            mh = P["hours"].match(after) if not cur and not sfx and not meas else None
            if mh and not re.search(r"(?:^|\W)(?:" + spec.clock_words + r")\s*$", before, re.I):
                # "le film dure 2h45": a duration in hours (after "à", "vers": a clock time, skipped below)
                value += int(mh.group(1) or 0) / 60
                e += mh.end()
                raw = text[s:e]
                after = text[e : e + 40]
                meas, unit_end_meas = spec.hours_unit, e
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
                    scale = spec.scales.get(sfx.lstrip("-"), 1.0)
            if cur:
                cur_unit = spec.currency_words.get(cur.lower(), spec.currency_words.get(cur, "dollars"))
                if cur.lower() in ("us$", "$us", "a$", "c$", "$ca", "ca$", "nz$", "hk$"):
                    cur_unit = "dollars"
            # list numbering / dates / times / addresses / codes
            line_start = text.rfind("\n", 0, s) + 1
            if not cur and text[line_start:s].strip() == "" and re.match(r"^[.)]\s", after):
                continue
            if not cur and not meas and P["time"].match(after):
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
            if (
                len(toks_) == 1
                and low in spec.lone_ones
                and not (low in spec.one_words and P["one_qual"].search(before))
            ):
                continue  # "un", "a" alone are articles; "at least one play" counts
            if low in ("neuf",) and not re.match(r"^\s+[^\W\d_]", after):
                continue
            if spec.one_not_a_count and low in spec.one_words and re.match(spec.one_not_a_count, after, re.I):
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
            if g.lower() in spec.point_words:
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
            and not meas
            and scale == 1.0
            and _is_year_like(numtxt)
            and (re.match(r"^\s?[-/–]\s?\d{2,4}\b", after) or re.search(r"\d\s?[-/–]\s?$", before))
        ):
            continue
        if kind == "d" and not cur_unit and not pct and not meas and scale == 1.0 and _is_year_like(numtxt):
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
        mh = (
            P["half_after"].match(after)
            if float(value).is_integer() and scale == 1.0 and not cur_unit
            else None
        )
        if mh and not pct:  # "eight-and-a-half tons"
            value += 0.5
            e += mh.end()
            raw = text[s:e]
            after = text[e : e + 40]
        # unit
        unit_end = e
        mcomp = P["compound"].match(after)
        if cur_unit:
            unit = cur_unit
            mw = P["curword"].match(after)
            if mw:
                unit_end = e + mw.end()
            # rates: "$96.24 a barrel", "3 euros le litre"
            mr = P["rate"].match(text[unit_end : unit_end + 40])
            if mr and not P["rate_stop"].match(text[unit_end + mr.end() : unit_end + mr.end() + 30]):
                unit = f"{unit} {mr.group(1)} {mr.group(2)}"
                unit_end += mr.end()
        elif pct:
            unit = pct
        elif meas:
            unit, unit_end = meas, unit_end_meas
        elif mcomp:
            w = mcomp.group("w")
            if mcomp.group("old"):
                unit = spec.age_unit
            else:
                unit = spec.plural(w) if spec.plural and value != 1 and not w.endswith("s") else w
            unit_end = e + mcomp.end()
        else:
            mw = P["curword"].match(after)
            if mw:
                unit = spec.currency_words.get(mw.group(1).lower(), mw.group(1))
                unit_end = e + mw.end()
                mr = P["rate"].match(text[unit_end : unit_end + 40])
                if mr and not P["rate_stop"].match(text[unit_end + mr.end() : unit_end + mr.end() + 30]):
                    unit = f"{unit} {mr.group(1)} {mr.group(2)}"
                    unit_end += mr.end()
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
                    mcop = P["copula"].match(after) if kind == "d" else None
                    if mcop:  # "61,067 are civilians"
                        unit, unit_end = read_unit(ctx, e + mcop.end(), True)
                        unit_end = unit_end if unit else e
        qs, appr = qualify(s)
        if not unit and kind == "d" and 0 < value < 120 and float(value).is_integer():
            pre = text[max(0, qs - 40) : qs]
            if P["age_before"].search(pre) or (P["age_at"].search(pre) and re.match(r"^\s*,", after)):
                unit = spec.age_unit  # "at age 12", "when I was 18", "But at 38, he ..."
        mh = P["half_after"].match(text[unit_end : unit_end + 20]) if unit and not mh else None
        if mh and float(value).is_integer() and scale == 1.0 and not cur_unit and not pct:
            value += 0.5  # "deux ans et demi", "two years and a half"
            unit_end += mh.end()
        add(qs, e, value, unit, appr, False, unit_end)
        sc.scales[qs] = scale
