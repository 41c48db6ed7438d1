"""Amounts written around words rather than digits: durations with an article ("une heure", "a decade",
"un quart d'heure"), halves of a scale ("half-a-million", "un demi-milliard") and ordinals that count
("cinquième attentat", "fourth straight quarter"). Every word list and pattern comes from the language."""

from __future__ import annotations

import re

from .numbers import _is_year_like
from .units import read_unit


def find_half_scales(sc) -> None:
    """ "half a million people", "un demi-milliard d'euros": half of the scale, counting the noun after."""
    text, spec, P = sc.text, sc.spec, sc.P
    for m in P["half_scale"].finditer(text):
        if sc.overlaps(m.start(), m.end()):
            continue
        scale = spec.scales.get(m.group("s").lower())
        if not scale:
            continue
        s, appr = sc.qualify(m.start())
        mc = P["curword"].match(text[m.end() : m.end() + 30])
        if mc:
            unit, uend = spec.currency_words.get(mc.group(1).lower(), mc.group(1)), m.end() + mc.end()
        else:
            unit, uend = read_unit(sc.ctx, m.end(), True)
        sc.add(s, m.end(), 0.5 * scale, unit, appr, False, uend)


def find_durations(sc) -> None:
    """A time unit with an article and no digit: "depuis un an", "about a decade", "a quarter of an hour",
    "une heure et demie". After a number ("£3m a year") the article makes a rate, not a duration."""
    text, spec, P = sc.text, sc.spec, sc.P
    for m in P["duration"].finditer(text):
        if sc.overlaps(m.start(), m.end()):
            continue
        mn = re.search(r"(\d[\d.,]*)(?:\s+[^\W\d_]+){0,2}\s*$", text[max(0, m.start() - 30) : m.start()])
        if mn and not _is_year_like(mn.group(1)):
            continue
        q = (m.group("q") or "").lower()
        value = next((spec.fractions[w] for w in q.split() if w in spec.fractions), 1.0)
        e = m.end()
        if (
            not q
            and spec.duration_anchors
            and re.match(r"\s+(?:" + spec.duration_anchors + r")\b", text[e : e + 30], re.IGNORECASE)
        ):
            continue  # "a year earlier", "un an plus tôt": a point in time, not a duration
        mh = P["half_after"].match(text[e : e + 20])
        if mh and not q:
            value += 0.5
        unit = m.group("u")
        if value > 1 and spec.plural:
            unit = spec.plural(unit)  # "une heure et demie": heures
        s, appr = sc.qualify(m.start())
        sc.add(s, e, value, unit, appr, False, e + (mh.end() if mh else 0))


def find_ordinals(sc) -> None:
    """An ordinal before a noun counts ("son 200e roman", "the eighth passage") unless it dates
    ("the third quarter", "le XVe siècle"); a streak word makes a period count again ("fourth straight
    quarter")."""
    text, spec, P, ctx = sc.text, sc.spec, sc.P, sc.ctx
    for m in P["ordinal"].finditer(text):
        if sc.overlaps(m.start(), m.end()):
            continue
        if m.group("d"):
            value = float(m.group("d"))
        else:
            value = spec.ordinal_words.get(m.group("w").lower())
        if not value or value < 2:
            continue
        after = text[m.end() : m.end() + 40]
        streak = P["streak"].match(after)
        unit, uend = read_unit(ctx, m.end() + (streak.end() if streak else 0), False, max_tokens=4)
        if not unit:
            continue
        head = unit.lower().split()[0]
        head = head[:-3] + "y" if head.endswith("ies") else head
        if head in spec.months:
            continue
        # the streak word before the noun ("fourth straight quarter"), after it ("troisième trimestre
        # consécutif", read into the unit) or after the unit
        inside = text[m.end() : uend]
        streak = (
            streak
            or any(P["streak"].match(inside[k:]) for k in range(len(inside)) if inside[k].isspace())
            or P["streak"].match(text[uend : uend + 30])
        )
        if head.rstrip("sx") in spec.dating_nouns and not streak:
            continue
        sc.add(m.start(), m.end(), value, unit, False, False, uend)
