"""Reading the unit of a quantity: the counted noun phrase after the number, from spaCy tokens."""

from __future__ import annotations

from dataclasses import dataclass


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
    past: bool = False  # a finite verb in a past tense ("venait", "a" of "a pris" is not; "said", "began")
    cond: bool = False  # a conditional ("serait", "pourrait")


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
                and spec.unit_adverb_lead
                and i + 1 < n
                and toks[i + 1].pos in ("ADJ", "VERB")
                and last is None
            )
        ):
            if low in spec.months or (
                t.pos == "VERB" and spec.unit_verb_tags is not None and t.tag not in spec.unit_verb_tags
            ):
                break
            if t.pos == "VERB" and spec.unit_verb_first_stops and last is None:
                break  # "340 millions consacrés aux transports": the participle is not what is counted
            if (
                t.pos == "VERB"
                and last is not None
                and (spec.unit_verb_after_any_stops or toks[last].pos in _NOUNY)
            ):
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
            if toks[j].lower in spec.unit_prep_articles.get(low, ()):
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
        if spec.unit_needs_noun:
            return "", pos
    # drop trailing prepositions/determiners
    while last >= first and (toks[last].lower in spec.unit_preps or toks[last].pos in ("DET", "ADP")):
        last -= 1
    if last < first:
        return "", pos
    s = toks[first].start - ctx.base
    e = toks[last].end - ctx.base
    if (
        spec.attributive_measures
        and last > first
        and toks[first].tag == "NN"
        and toks[first + 1].pos == "NOUN"
        and toks[last].tag == "NN"
        and toks[first].start - ctx.base - pos <= 1
        and toks[first + 1].start > toks[first].end
    ):
        # measure used attributively: "a 2700 page law", "a 2,032 pound pumpkin" count pages / pounds
        return spec.plural(toks[first].text), toks[first].end - ctx.base
    return ctx.text[s:e], e
