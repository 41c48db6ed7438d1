"""The document the engine analyses: its text, its tokens and entities (copied out of spaCy), the items
found in it, and the helpers that read spans of it (quotes masked out, tokens outside quotes)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .languages import LanguageSpec
from .quantities import Tok
from .quotes import QuoteSpan
from .types import Entity, Quantity

_LABEL_MAP = {"PERSON": "PER", "GPE": "LOC", "FAC": "LOC"}
_WORD = re.compile(r"[^\W_][\w'-]*")
_RX_CACHE: dict[tuple[str, str], re.Pattern] = {}
_RX_FORMS = {
    "honorifics": r"^(?:{})\s+",
    "person_noun_suffixes": r"(?:{})$",
    "scale_words": r"(?:{})$",
    "anaphoric_after": r"^\s*(?:{})\b",
    "anaphoric_before": r"(?:{})\s*,?\s*$",
}


def _rx(spec: LanguageSpec, name: str) -> re.Pattern:
    """The language's regex ``name`` (a LanguageSpec field) in its place: anchored, case-insensitive;
    a language without it gets a pattern that never matches."""
    key = (spec.code, name)
    if key not in _RX_CACHE:
        body = getattr(spec, name)
        _RX_CACHE[key] = re.compile(_RX_FORMS[name].format(body) if body else r"(?!)", re.IGNORECASE)
    return _RX_CACHE[key]


# ---------------------------------------------------------------------------------------------
# document analysis
# ---------------------------------------------------------------------------------------------
@dataclass
class _Doc:
    text: str
    norm: str
    spec: LanguageSpec
    toks: list[Tok] = field(default_factory=list)
    ents: list[Entity] = field(default_factory=list)
    tok_starts: list[int] = field(default_factory=list)
    ent_starts: list[int] = field(default_factory=list)

    def tokens_in(self, s: int, e: int) -> list[Tok]:
        i = bisect.bisect_left(self.tok_starts, s)
        j = bisect.bisect_left(self.tok_starts, e)
        return [t for t in self.toks[i:j] if t.end <= e]

    def ents_in(self, s: int, e: int) -> list[Entity]:
        i = bisect.bisect_left(self.ent_starts, s)
        j = bisect.bisect_left(self.ent_starts, e)
        return [x for x in self.ents[i:j] if x.end <= e]


@dataclass
class _Item:
    start: int
    end: int
    kind: str  # "sentence" or "quote"
    sent: tuple[int, int]
    types: list[str]
    speaker: str | None
    quantities: list[Quantity]
    entities: list[Entity]
    order: int = 0
    # what the check-worthiness scorer reads, when it is not the item's own text: a sentence that
    # frames standalone quotes is judged on its words outside them (the quotes are items of their own)
    score_text: str | None = None
    hint: dict = field(default_factory=dict)  # extra scorer hints: frame_only, first_person


_STR_CACHE: dict[int, str] = {}
_MORPH_CACHE: dict[int, tuple[bool, bool, bool, bool, bool]] = {}


def _add_doc(doc: _Doc, spacy_doc, offset: int) -> None:
    """Copy the token attributes the engine needs (columnar read: spaCy attribute access is slow)."""
    from spacy.attrs import ENT_TYPE, IDX, LENGTH, MORPH, POS, TAG

    if len(spacy_doc) == 0:
        return
    arr = spacy_doc.to_array([IDX, LENGTH, POS, TAG, ENT_TYPE, MORPH]).tolist()
    strings = spacy_doc.vocab.strings
    cache = _STR_CACHE
    norm = doc.norm
    toks = doc.toks
    for idx, length, pos_id, tag_id, ent_id, morph_id in arr:
        s = idx + offset
        txt = norm[s : s + length]
        if not txt.strip():
            continue
        pos = cache.get(pos_id)
        if pos is None:
            pos = cache[pos_id] = strings[pos_id] if pos_id else ""
        tag = cache.get(tag_id)
        if tag is None:
            tag = cache[tag_id] = strings[tag_id] if tag_id else ""
        ent = cache.get(ent_id)
        if ent is None:
            ent = cache[ent_id] = strings[ent_id] if ent_id else ""
        fut = part = inf = past = cond = False
        if pos in ("VERB", "AUX"):
            fp = _MORPH_CACHE.get(morph_id)
            if fp is None:
                try:
                    m = strings[morph_id] if morph_id else ""
                except KeyError:
                    m = ""
                fin = "VerbForm=Fin" in m
                fp = _MORPH_CACHE[morph_id] = (
                    "Tense=Fut" in m,
                    "VerbForm=Part" in m,
                    "VerbForm=Inf" in m,
                    fin and ("Tense=Past" in m or "Tense=Imp" in m),
                    "Mood=Cnd" in m,
                )
            fut, part, inf, past, cond = fp
            part = part or tag in ("VBN", "VBG")
            past = past or tag == "VBD"
        toks.append(Tok(s, s + length, txt, txt.lower(), pos, tag, ent, fut, part, inf, past, cond))
    for e in spacy_doc.ents:
        s = e.start_char + offset
        doc.ents.append(
            Entity(
                text=doc.text[s : e.end_char + offset],
                label=_LABEL_MAP.get(e.label_, e.label_),
                start=s,
                end=e.end_char + offset,
            )
        )


def _resolve_anaphoric_units(doc: _Doc, items: list[_Item]) -> None:
    """A count whose noun is a pronoun ("Parmi elles, 200 …", "158 million of them") counts what the
    text named just before: the plural noun earlier in the sentence, else the previous quantity's unit."""
    last_unit, last_sent = "", None
    seen: set[int] = set()
    scale = _rx(doc.spec, "scale_words")
    ana_after, ana_before = _rx(doc.spec, "anaphoric_after"), _rx(doc.spec, "anaphoric_before")
    for it in sorted(items, key=lambda x: x.start):
        for q in it.quantities:
            if id(q) in seen:
                continue
            seen.add(id(q))
            if not q.unit and not q.vague:
                before = doc.norm[max(it.sent[0], q.start - 40) : q.start]
                after = doc.norm[q.end : q.end + 20]
                if scale.search(q.raw) and last_unit and last_sent == it.sent:
                    q.unit = last_unit  # "1,2 milliard d'euros, dont 340 millions consacrés aux …"
                elif ana_after.match(after) or ana_before.search(before):
                    plural = [
                        t
                        for t in doc.tokens_in(it.sent[0], q.start)
                        if t.tag in ("NNS", "NNPS") and not ana_before.search(t.lower)
                    ]
                    q.unit = plural[-1].text if plural else last_unit
            if q.unit:
                last_unit, last_sent = q.unit, it.sent


def _mask(text: str, s: int, e: int, qs: list[QuoteSpan]) -> str:
    """``text[s:e]`` without the quotes ``qs`` (marks included), tidied: the frame of a quoted sentence."""
    parts, at = [], s
    for q in sorted(qs, key=lambda q: q.open):
        if q.open >= at:
            parts.append(text[at : q.open])
            at = max(at, min(q.close, e))
    parts.append(text[at:e])
    out = re.sub(r"\s+", " ", " ".join(parts))
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    return out.strip(" ,;:-–—")


def _outside_tokens(stoks, qs):
    if not qs:
        return stoks
    return [t for t in stoks if not any(q.open <= t.start < q.close for q in qs)]


def _is_standalone(norm: str, q: QuoteSpan, sent_start: int, spec: LanguageSpec) -> bool:
    words = len(_WORD.findall(norm[q.start : q.end]))
    if words >= 6:
        return True
    if words >= 3:
        before = norm[sent_start : q.open].rstrip()
        if not before or before.endswith(":"):
            return True
    return False
