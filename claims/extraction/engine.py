"""Claim extraction engine: normalise -> spaCy (batched) -> quotes -> sentences -> claims.

Pure Python; no Django. Public entry points are re-exported by ``claims.extraction``."""

from __future__ import annotations

import bisect
import logging
import math
import re
from dataclasses import dataclass, field

from . import languages
from . import nlp as _nlp
from .classify import _FALLBACK_THRESHOLD, _fallback_score_texts, _hint, _scorer, _types, final_types  # noqa: F401
from .languages import LanguageSpec
from .normalize import for_tokenizer, normalize
from .quantities import Tok, find_quantities
from .quotes import QuoteSpan, find_quotes
from .sentences import split as split_sentences
from .types import Claim, Entity, Extraction, Quantity

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.2.1"

_LABEL_MAP = {"PERSON": "PER", "GPE": "LOC", "FAC": "LOC"}
_WORD = re.compile(r"[^\W_][\w'-]*")
_MAX_DOC_CHARS = 5_000_000  # beyond this, only the first part of a document is analysed
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
# language detection
# ---------------------------------------------------------------------------------------------
def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` via py3langid ("fr"/"en" for our texts)."""
    sample = (text or "")[:5000]
    if sum(c.isalpha() for c in sample[:2000]) < 3:
        return languages.DEFAULT_LANG
    try:
        import py3langid as langid

        code, _ = langid.classify(sample)
        return str(code)
    except Exception:  # noqa: BLE001  # pragma: no cover - never raise on odd input
        return languages.DEFAULT_LANG


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
_MORPH_CACHE: dict[int, tuple[bool, bool, bool]] = {}


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
        fut = part = inf = False
        if pos in ("VERB", "AUX"):
            fp = _MORPH_CACHE.get(morph_id)
            if fp is None:
                try:
                    m = strings[morph_id] if morph_id else ""
                except KeyError:
                    m = ""
                fp = _MORPH_CACHE[morph_id] = ("Tense=Fut" in m, "VerbForm=Part" in m, "VerbForm=Inf" in m)
            fut, part, inf = fp
            part = part or tag in ("VBN", "VBG")
        toks.append(Tok(s, s + length, txt, txt.lower(), pos, tag, ent, fut, part, inf))
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


def _analyse(doc: _Doc) -> list[_Item]:
    spec = doc.spec
    text, norm = doc.text, doc.norm
    doc.tok_starts = [t.start for t in doc.toks]
    doc.ent_starts = [e.start for e in doc.ents]
    quotes = find_quotes(text)
    sents = split_sentences(norm, spec, [(q.open, q.close) for q in quotes])
    q_opens = [q.open for q in quotes]
    ctx = _Context(doc)
    items: list[_Item] = []
    first_line_end = norm.find("\n")
    for si, (s, e) in enumerate(sents):
        stoks = doc.tokens_in(s, e)
        # headline / dateline: the first line, without final punctuation, when more lines follow
        if (
            si == 0
            and 0 <= first_line_end <= e
            and first_line_end < len(norm.rstrip())
            and not re.search(r"[.!?»\"”…:]\s*$", norm[s:e])
            and e - s < 300
            and not any(q.open < e and not q.closed for q in quotes[:3])
        ):
            ctx.observe(s, e, stoks, [])
            continue
        i = bisect.bisect_left(q_opens, s)
        squotes = []
        while i < len(quotes) and quotes[i].open < e:
            if quotes[i].close <= e + 1:
                squotes.append(quotes[i])
            i += 1
        standalone = [q for q in squotes if _is_standalone(norm, q, s, spec)]
        embedded = [q for q in squotes if q not in standalone]
        sent_speaker = None
        q_items = []
        for q in standalone:
            speaker = ctx.quote_speaker(q, s, e, stoks)
            qq = find_quantities(
                norm[q.start : q.end], q.start, doc.tokens_in(q.start, q.end), spec, text[q.start : q.end]
            )
            types = _types(norm[q.start : q.end], doc.tokens_in(q.start, q.end), qq, spec, quote=True)
            q_items.append(
                _Item(q.start, q.end, "quote", (s, e), types, speaker, qq, doc.ents_in(q.start, q.end))
            )
            sent_speaker = sent_speaker or speaker
        for it in q_items:  # several quotes around one reporting clause share its speaker
            if not it.speaker:
                it.speaker = sent_speaker or (ctx.last_speaker if it.start <= s + 1 else None)
        if sent_speaker:
            ctx.last_speaker = sent_speaker
        # the sentence itself (outside standalone quotes)
        outside = _outside_tokens(stoks, standalone)
        n_words = sum(1 for t in outside if t.pos not in ("PUNCT", "SYM", "SPACE"))
        has_verb = any(t.pos in ("VERB", "AUX") for t in outside)
        is_question = norm[s:e].rstrip(' "»”').endswith("?") and not standalone
        want_sentence = False
        if standalone:
            rep = set(_reporting_indices(outside, spec))
            content = [
                t
                for k, t in enumerate(outside)
                if k not in rep
                and t.pos not in ("PUNCT", "SYM", "PRON", "AUX", "DET", "ADP", "CCONJ", "SCONJ")
            ]
            other_verbs = [
                t for k, t in enumerate(outside) if k not in rep and t.pos == "VERB" and not t.part
            ]
            has_number = any(t.pos == "NUM" or t.lower[:1].isdigit() for t in outside)
            # a predicate of its own outside the quotes: a finite verb, or a participle after an
            # auxiliary ("selon qui une fillette a été blessée"); appositions about the speaker
            # ("X, entourée de ses neuf enfants") are not one
            frame_predicate = bool(other_verbs) or any(
                t.pos == "VERB" and t.part and k not in rep and k > 0 and outside[k - 1].pos == "AUX"
                for k, t in enumerate(outside)
            )
            # the reporting clause alone ("…, a affirmé X, chef de la délégation du M23, cité dans un
            # communiqué") is not a claim, however long the speaker's description
            want_sentence = len(content) >= 5 and (frame_predicate or has_number)
        else:
            want_sentence = n_words >= 4 and not is_question
            if want_sentence and not has_verb:
                # no verb found by the tagger: keep it only if it states an amount
                want_sentence = bool(find_quantities(norm[s:e], s, stoks, spec, text[s:e]))
        if want_sentence:
            sq = find_quantities(norm[s:e], s, stoks, spec, text[s:e])
            if standalone:
                inq = [(q.open, q.close) for q in standalone]
                sq = [x for x in sq if not any(a <= x.start < b for a, b in inq)]
            frame = _mask(text, s, e, standalone) if standalone else None
            types = _types(
                _mask(norm, s, e, standalone) if standalone else norm[s:e], outside, sq, spec, quote=bool(embedded)
            )
            if embedded and len(types) > 1:
                # quoted words inside the writer's sentence ('had served a "surrender notice"'): the sentence
                # is about what it states; the quote is a secondary type (GUIDELINES: a quote item is
                # the quoted words themselves)
                types.remove("quote")
                types.append("quote")
            toks_out = _outside_tokens(stoks, standalone + embedded)
            speaker = ctx.sentence_speaker(toks_out, strict=not (embedded or standalone))
            if standalone and not speaker:
                speaker = sent_speaker
            if standalone and "quote" not in types:
                types.append("quote")
            start = s
            if not squotes:
                inc = ctx.incise(stoks)
                if inc is not None and inc[1]:
                    # unquoted direct speech: "…, a-t-elle ajouté." -> the words before the incise
                    speaker = inc[1]
                    end_ = stoks[inc[0]].start
                    if "quote" not in types:
                        types.insert(0, "quote")
                    items.append(
                        _Item(start, end_, "quote", (s, e), types, speaker, sq, doc.ents_in(s, end_))
                    )
                    ctx.last_speaker = speaker
                    ctx.prev_quote_speaker = speaker
                    ctx.observe(s, e, stoks, standalone)
                    continue
                first_person = any(t.lower in spec.first_person for t in stoks)
                if not speaker and ctx.prev_quote_speaker and first_person:
                    speaker = ctx.prev_quote_speaker  # first-person continuation of the previous quote
                    types.insert(0, "quote")
            item = _Item(start, e, "sentence", (s, e), types, speaker, sq, doc.ents_in(s, e), score_text=frame)
            if standalone:
                item.hint["frame_only"] = not frame_predicate
            elif any(t.lower in spec.first_sg for t in outside) and "quote" not in types:
                item.hint["first_person"] = True  # the writer's own voice: experience or opinion
            items.append(item)
            if speaker:
                ctx.last_speaker = speaker
        items.extend(q_items)
        ctx.prev_quote_speaker = (
            sent_speaker
            if q_items
            else (
                ctx.prev_quote_speaker
                if items and items[-1].sent == (s, e) and "quote" in items[-1].types
                else None
            )
        )
        ctx.observe(s, e, stoks, standalone)
    _resolve_anaphoric_units(doc, items)
    return items




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




def _is_reporting(t: Tok, spec: LanguageSpec, prev: Tok | None = None) -> bool:
    low = t.lower
    if not low.startswith(spec.reporting_verbs):
        return False
    if spec.code == "fr" and low in ("a", "ont", "est", "avait", "sont", "note", "notes"):
        return False
    prev_aux = prev is not None and (prev.pos == "AUX" or prev.lower in spec.aux_words)
    if t.pos == "VERB":
        if t.inf and prev is not None and prev.lower in spec.infinitive_markers:
            return False  # "accusent l'Ouganda de soutenir le M23": the speaker is the finite verb's
        if t.part and spec.code == "fr" and not prev_aux and not low.endswith("ant"):
            # '…", dit un responsable': the present tense the tagger read as a participle
            after_quote = prev is not None and prev.text in (",", '"', "»", "”")
            return after_quote and low in spec.participle_like_presents
        return True
    return prev_aux and t.pos in ("X", "NOUN", "ADJ", "PROPN")


def _reporting_indices(toks: list[Tok], spec: LanguageSpec) -> list[int]:
    out = []
    for i, t in enumerate(toks):
        prev = None
        k = i - 1
        while k >= 0 and (toks[k].pos in ("ADV",) or toks[k].lower.startswith("-") and toks[k].pos == "PRON"):
            k -= 1
        if k >= 0:
            prev = toks[k]
        if _is_reporting(t, spec, prev) and not _reflexive(toks, i, spec):
            out.append(i)
    return out


def _reflexive(toks: list[Tok], i: int, spec: LanguageSpec) -> bool:
    """French pronominal use, which is not speech: "le feu s'est déclaré", "l'année s'annonce" (but
    "il s'est dit prêt" is)."""
    if spec.code != "fr" or toks[i].lower.startswith("dit"):
        return False
    k = i - 1
    while k >= 0 and (toks[k].pos == "AUX" or toks[k].lower in ("est", "sont", "était", "étaient", "ne", "n'")):
        k -= 1
    return k >= 0 and toks[k].lower in ("s'", "se")


# ---------------------------------------------------------------------------------------------
# speakers
# ---------------------------------------------------------------------------------------------
_NP_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM"}
# particles skipped when the initials of a name make its acronym ("Banque de France" -> BF): names keep
# their own language's particles whatever the article's language, so this list is shared
_STOP_INITIALS = {"of", "the", "for", "and", "de", "la", "le", "des", "du", "et", "l'", "d'"}


class _Context:
    """Article-level state for speaker resolution."""

    def __init__(self, doc: _Doc):
        self.doc = doc
        self.spec = doc.spec
        self.last_speaker: str | None = None
        self.recent_person: str | None = None
        self.recent_org: str | None = None
        self.prev_attribution: str | None = None
        self.prev_quote_speaker: str | None = None
        self.persons = [e for e in doc.ents if e.label == "PER"]
        # proper-noun runs the NER missed ("MP Clive Palmer"), used only to expand surnames
        run: list[Tok] = []
        for t in doc.toks + [Tok(0, 0, "", "", "X", "", "")]:
            if t.pos == "PROPN" and t.text[:1].isupper() and (not run or t.start - run[-1].end <= 1):
                run.append(t)
                continue
            if 2 <= len(run) <= 4 and not any(t2.ent in ("ORG", "LOC", "GPE") for t2 in run):
                self.persons.append(
                    Entity(doc.text[run[0].start : run[-1].end], "PER", run[0].start, run[-1].end)
                )
            run = [t] if t.pos == "PROPN" else []
        self.orgs = [e for e in doc.ents if e.label in ("ORG",)]
        self._titles: dict[str, str] = {}
        for e in self.persons:
            pre = doc.tokens_in(max(0, e.start - 60), e.start)[-3:]
            while pre and pre[-1].pos in ("ADJ", "PUNCT") and pre[-1].text != ".":
                pre = pre[:-1]
            if pre and pre[-1].pos == "NOUN" and pre[-1].lower not in self.spec.org_nouns:
                self._titles.setdefault(pre[-1].lower, self.full_name(e.text))
        low_text = doc.text.lower()
        self._org_weight: dict[str, int] = {}
        for e in self.orgs:
            if e.text in self._org_weight:
                continue
            w = low_text.count(e.text.lower())
            caps = "".join(
                x[0] for x in e.text.split() if x[:1].isupper() and x.lower() not in _STOP_INITIALS
            )
            if len(caps) >= 2:
                w += len(re.findall(r"\b" + re.escape(caps) + r"\b", doc.text))
            self._org_weight[e.text] = w

    # -- name normalisation ------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        cache = self.__dict__.setdefault("_fn_cache", {})
        if name not in cache:
            cache[name] = self._full_name(name)
        return cache[name]

    def _person_words(self) -> list[list[str]]:
        pw = self.__dict__.get("_pw")
        if pw is None or len(pw) != len(self.persons):
            hon = _rx(self.spec, "honorifics")
            pw = self.__dict__["_pw"] = [hon.sub("", e.text.strip()).split() for e in self.persons]
        return pw

    def _full_name(self, name: str) -> str:
        name = name.strip(" ,.:;\"'«»“”()")
        name = re.sub(r"'s$", "", name)
        base = _rx(self.spec, "honorifics").sub("", name).strip()
        if not base:
            return name
        words = base.split()
        last = words[-1].lower()
        best = None
        low_words = [w.lower() for w in words]
        for ew in self._person_words():
            if not ew:
                continue
            if [w.lower() for w in ew[-len(words) :]] == low_words or (
                len(words) == 1 and last in (w.lower() for w in ew)
            ):
                if best is None or len(ew) > len(best.split()):
                    best = " ".join(ew)
        if best:
            return best
        if re.fullmatch(r"[A-Z]{2,6}", base):
            for e in self.doc.ents:
                if e.label not in ("ORG", "LOC", "MISC", "NORP"):
                    continue
                caps = "".join(
                    w[0] for w in e.text.split() if w[:1].isupper() and w.lower() not in _STOP_INITIALS
                )
                if (
                    len(caps) >= len(base)
                    and caps.endswith(base)
                    and caps != base
                    or caps == base
                    and len(e.text) > len(base)
                ):
                    return re.sub(r"^(?:the|la|le|l')\s+", "", e.text, flags=re.IGNORECASE)
        return base

    def _org_for(self, head: str, before: int) -> str | None:
        head = head.lower()
        best, best_w = None, -1
        for e in self.orgs:
            if e.start >= before:
                break
            if head in e.text.lower():
                w = self._org_weight.get(e.text, 1)
                if w >= best_w:
                    best, best_w = e.text, w
        return best or self.recent_org

    def resolve(self, np: str, np_toks: list[Tok], anchor: str | None = None) -> tuple[str | None, str]:
        """(speaker, kind) for a noun phrase without a named entity; kind is PER/ORG/NP."""
        low = np.lower().strip()
        if not low or low in self.spec.non_speakers:
            return None, "NP"
        if low in self.spec.person_pronouns:
            sp = self.recent_person or self.last_speaker
            return sp, "PER"
        if low in self.spec.group_pronouns:
            return (self.last_speaker or self.recent_org), "ORG"
        if np_toks and len(np_toks) == 1 and np_toks[0].pos == "PRON":
            return None, "NP"
        has_propn = any(t.pos == "PROPN" for t in np_toks)
        heads = [t.lower for t in np_toks if t.pos == "NOUN"]
        if not has_propn and np_toks:
            first = np_toks[0].lower
            if any(h.startswith(self.spec.generic_speakers) for h in heads[:1]) and first in (
                "a",
                "an",
                "un",
                "une",
                "le",
                "la",
                "the",
                "son",
                "sa",
                "its",
                "his",
                "her",
                "their",
            ):
                org = anchor or self.last_speaker
                if org:
                    org = re.sub(r"^.*\((.*)\)$", r"\1", org)  # "a spokesman (Commission)" again: Commission
                return (f"{np.strip()} ({org})" if org else np.strip()), "NP"
            if first in (
                "ce",
                "cet",
                "cette",
                "this",
                "that",
                "ces",
                "these",
                "le",
                "la",
                "l'",
                "the",
                "les",
            ):
                for h in heads:
                    if h in self._titles:
                        return self._titles[h], "PER"
                if heads and heads[0] in self.spec.org_nouns:
                    return self._org_for(heads[0], np_toks[0].start), "ORG"
                if first in ("ce", "cet", "cette", "this", "that"):
                    return (self.last_speaker or self.recent_person), "PER"
                if heads and (
                    heads[0] in self.spec.title_nouns
                    or (
                        len(np_toks) <= 3
                        and first not in ("les",)
                        and not any(t.pos == "ADP" for t in np_toks)
                        and _rx(self.spec, "person_noun_suffixes").search(heads[0])
                    )
                ):
                    # anaphoric definite description: "le milliardaire", "la pharmacienne"
                    return (self.recent_person or self.last_speaker or np.strip()), "PER"
            return np.strip(), "NP"
        return self.full_name(np), "PER"

    def np_speaker(self, toks: list[Tok], anchor: str | None = None) -> tuple[str | None, str]:
        if not toks:
            return None, "NP"
        spec = self.spec
        s, e = toks[0].start, toks[-1].end
        ents = [x for x in self.doc.ents_in(s, e) if x.label in ("PER", "ORG")]
        per = [x for x in ents if x.label == "PER"]
        parts: list[list[Tok]] = [[]]
        for t in toks:
            if t.text == ",":
                parts.append([])
            else:
                parts[-1].append(t)
        parts = [p for p in parts if p]
        indefinite = (
            parts
            and len(parts[0]) >= 2
            and parts[0][0].pos == "DET"
            and parts[0][1].pos in ("NOUN", "ADJ")
            and not any(t.lower in spec.org_nouns or t.lower in spec.title_nouns for t in parts[0][1:3])
            and any(t.pos == "ADP" for t in parts[0])
            and parts[0][0].lower not in ("le", "la", "l'", "the", "les")
        )
        # "un habitant de Jomba", "un proche de Nicolas Sarkozy": an indefinite description is the
        # speaker, even when a name is its complement; a name in apposition ("…, Félix Bisson") wins
        if per and not (indefinite and all(x.end <= parts[0][-1].end for x in per)):
            # a full name beats a one-word PER the NER may have given to a company ("SpaceX et de Tesla, Elon Musk")
            multi = [x for x in per if len(_rx(self.spec, "honorifics").sub("", x.text).split()) >= 2]
            return self.full_name((multi or per)[0].text), "PERX"
        if indefinite:
            head = parts[0]
            return self.doc.text[head[0].start : head[-1].end], "NP"
        if ents:
            name = ents[0].text
            if re.fullmatch(r"[A-Z]{2,6}", name):
                name = self.full_name(name)
            return re.sub(r"^(?:the|la|le|l')\s+", "", name, flags=re.IGNORECASE) if len(
                name
            ) > 8 else name, "ORG"
        if not parts:
            return None, "NP"
        head = parts[0]
        if len(head) == 1 and head[0].pos == "PROPN" and head[0].lower not in self.spec.non_speakers:
            return self.full_name(head[0].text), "PER"
        return self.resolve(self.doc.text[head[0].start : head[-1].end], head, anchor)

    # -- subject / inverted subject around a reporting verb ------------------------------------
    def subject_before(self, toks: list[Tok], v: int) -> list[Tok]:
        """The subject region left of verb ``v``: NP tokens, appositions between commas."""
        j = v - 1
        while j >= 0 and (
            toks[j].pos in ("AUX", "ADV", "PART")
            or toks[j].lower in self.spec.aux_words
            or toks[j].lower
            in ("s'", "se", "n'", "ne", "pas", "also", "ensuite", "aussi", "then", "later", "further", "y")
        ):
            j -= 1
        if j >= 0 and toks[j].pos == "PRON":
            return [toks[j]]
        if j > 0 and toks[j].text == ",":
            # "Nissan, qui a dû procéder à une telle révision, a annoncé": skip the relative clause
            for c in range(j - 1, max(-1, j - 30), -1):
                if toks[c].text in (".", ";", ":"):
                    break
                if toks[c].text == "," and c + 1 < j and toks[c + 1].lower in self.spec.relative_pronouns:
                    j = c - 1
                    break
        end = j
        while j >= 0:
            t = toks[j]
            if (
                t.pos in _NP_POS
                or t.text in (",", "-", "&", "'s")
                or (t.pos == "ADP" and t.lower in ("de", "d'", "du", "des", "of", "à", "for", "au", "aux"))
                or (t.pos == "CCONJ" and j > 0 and toks[j - 1].pos in ("PROPN", "NOUN"))
                or (t.text == "." and j > 0 and toks[j - 1].pos == "PROPN")
            ):
                j -= 1
                continue
            break
        np = toks[j + 1 : end + 1]
        while np and (np[0].pos in ("ADP", "CCONJ") or np[0].text in (",", "-")):
            np = np[1:]
        while np and np[-1].text in (",", "-"):
            np = np[:-1]
        # a subject is not the object of a preposition ("aux quatre autres territoires admis")
        if np and j >= 0 and toks[j].pos == "ADP":
            commas = [k for k, x in enumerate(np) if x.text == ","]
            if not commas:
                return np if any(x.ent in ("PER", "PERSON") for x in np) else []
            np = np[commas[0] + 1 :]
        return np

    def subject_after(self, toks: list[Tok], v: int) -> list[Tok]:
        j = v + 1
        n = len(toks)
        if j < n and toks[j].lower.startswith("-"):  # "a-t-il dit", "dit-il"
            if toks[j].lower == "-t" and j + 1 < n:
                return [toks[j + 1]]
            return [toks[j]]
        while j < n:
            t = toks[j]
            if t.pos in ("ADV",) or t.lower in ("lors", "today", "yesterday", "hier"):
                j += 1
                continue
            if t.pos == "ADP" and t.lower in ("à", "au", "aux", "to", "on"):
                k = j + 1
                while k < n and toks[k].pos in ("DET", "PROPN", "NOUN", "ADJ", "NUM"):
                    prev_t = toks[k - 1]
                    if k > j + 1 and toks[k].pos == prev_t.pos == "PROPN" and toks[k].ent != prev_t.ent:
                        break  # "a indiqué à l'AFP Imelda Nyirankusi": the name after the addressee
                    k += 1
                    if toks[k - 1].pos in ("PROPN", "NOUN") and (
                        k >= n or toks[k].pos not in ("PROPN", "NOUN", "ADJ")
                    ):
                        break
                j = k
                continue
            if t.lower in (
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "lundi",
                "mardi",
                "mercredi",
                "jeudi",
                "vendredi",
                "samedi",
                "dimanche",
                "soir",
                "matin",
                "night",
                "morning",
                "afternoon",
                "evening",
            ):
                j += 1
                continue
            break
        start = j
        while j < n:
            t = toks[j]
            nxt = toks[j + 1] if j + 1 < n else None
            if (
                t.pos in _NP_POS
                or (j == start and t.lower in ("un", "une", "l'un", "l'une", "one"))
                or (
                    t.pos == "ADP"
                    and t.lower in ("de", "d'", "du", "des", "of", "à", "au", "pour", "for", "at")
                    and nxt is not None
                    and nxt.pos in _NP_POS
                )
                or (
                    t.pos == "VERB"
                    and t.part
                    and nxt is not None
                    and nxt.pos in ("ADP", "PROPN", "NOUN")
                    and j > start
                )
            ):
                j += 1
                continue
            # apposition carrying the name: "le directeur ..., Félix Bisson"
            if t.text == "," and nxt is not None and nxt.pos == "PROPN" and j > start:
                k = j + 1
                while k < n and (
                    toks[k].pos == "PROPN" or toks[k].ent in ("PER", "PERSON") and toks[k].text != ","
                ):
                    k += 1
                if k - (j + 1) >= 2 or any(x.ent in ("PER", "PERSON") for x in toks[j + 1 : k]):
                    j = k
                    break
            break
        np = toks[start:j]
        while np and np[-1].pos in ("ADP", "DET"):
            np = np[:-1]
        if not np or not any(t.pos in ("PROPN", "NOUN", "PRON") for t in np):
            return []
        if (
            self.spec.code == "en"
            and np[0].pos not in ("PROPN", "DET")
            and not any(t.pos == "PROPN" for t in np)
        ):
            return []
        return np

    def _find_verbs(self, toks: list[Tok], strict: bool = False) -> list[int]:
        idx = _reporting_indices(toks, self.spec)
        if not strict:
            return idx
        out = []
        for i in idx:
            if toks[i].lower.startswith(self.spec.strong_reporting) or any(
                t.lower in self.spec.complement_words for t in toks[i + 1 : i + 4]
            ):
                out.append(i)
        return out

    def _according(self, toks: list[Tok]) -> tuple[str | None, str]:
        if not toks:
            return None, "NP"
        s, e = toks[0].start, toks[-1].end
        seg = self.doc.norm[s:e]
        for m in re.finditer(
            r"(?:^|(?<=[\s,(]))(?:" + "|".join(self.spec.according) + r")\s+", seg, re.IGNORECASE
        ):
            if m.group(0).strip().lower() in ("pour", "per"):
                # "Pour la ministre, « … »": only at the start of the clause, about a person
                if m.start() > 0:
                    continue
                k = next((i for i, t in enumerate(toks) if t.start >= s + m.end()), None)
                if k is None:
                    continue
                np = self.subject_after(toks, k - 1)
                if not np or not (
                    any(t.ent in ("PER", "PERSON") for t in np)
                    or any(t.lower in self.spec.title_nouns for t in np)
                ):
                    continue
                sp = self.np_speaker(np)
                if sp[0]:
                    return sp
                continue
            pos = s + m.end()
            k = next((i for i, t in enumerate(toks) if t.start >= pos), None)
            if k is None:
                continue
            np = self.subject_after(toks, k - 1)
            if np:
                sp = self.np_speaker(np)
                if sp[0]:
                    return sp
        return None, "NP"

    def _speaker_from(
        self, toks: list[Tok], prefer: str, strict: bool = False, anchor: str | None = None
    ) -> str | None:
        verbs = self._find_verbs(toks, strict)
        if prefer == "last":
            verbs = verbs[::-1]
        cands: list[tuple[str, str]] = []
        for v in verbs:
            vt = toks[v]
            if vt.lower.endswith(("ant", "ing")) and vt.pos == "VERB":
                head = next((i for i, t in enumerate(toks) if t.pos in ("VERB", "AUX")), v)
                np = self.subject_before(toks, head) if head < v else []
                if np:
                    sp = self.np_speaker(np, anchor)
                    if sp[0]:
                        cands.append(sp)
                continue
            may_invert = self._may_invert(toks, v)
            # "…is Hungary's Wizz Air, said airline consultant Jay Sorensen": after ", said" + a noun
            # phrase the subject follows the verb; otherwise it precedes it, inversion being the fallback
            after_first = (
                may_invert
                and v > 0
                and toks[v - 1].text == ","
                and v + 1 < len(toks)
                and toks[v + 1].pos in ("DET", "PROPN", "NOUN", "ADJ")
                and toks[v + 1].lower not in self.spec.complement_words
            )
            finders = (
                [self.subject_after, self.subject_before]
                if after_first
                else [self.subject_before] + ([self.subject_after] if may_invert else [])
            )
            sp = (None, "NP")
            for find in finders:
                np = find(toks, v)
                sp = self.np_speaker(np, anchor) if np else (None, "NP")
                if sp[0]:
                    break
            if sp[0]:
                cands.append(sp)
                if prefer == "last" or sp[1] == "PERX":
                    break
        acc = self._according(toks)
        if acc[0]:
            cands.append(acc)
        if not cands:
            return None
        for kind in ("PERX", "PER"):
            for sp in cands:
                if sp[1] == kind:
                    return sp[0]
        return cands[0][0]

    def _may_invert(self, toks: list[Tok], v: int) -> bool:
        """Subject-verb inversion ("…, a répondu Musk", '…," said X') only right after a comma, a quote or
        the start of the clause."""
        k = v - 1
        while k >= 0 and (
            toks[k].pos in ("AUX", "ADV")
            or toks[k].lower.startswith("-")
            or toks[k].lower in self.spec.aux_words
            or toks[k].lower in ("s'", "se", "n'", "ne")
        ):
            k -= 1
        return k < 0 or toks[k].pos == "PUNCT" or toks[k].text in (",", ":", '"', "»", "”")

    def _anchor(self, toks: list[Tok]) -> str | None:
        if not toks:
            return None
        for x in self.doc.ents_in(toks[0].start, toks[-1].end):
            if x.label in ("ORG", "PER"):
                return self.full_name(x.text) if x.label == "PER" else x.text
        return None

    def quote_speaker(self, q: QuoteSpan, s: int, e: int, stoks: list[Tok]) -> str | None:
        after = [t for t in stoks if t.start >= q.close]
        before = [t for t in stoks if t.end <= q.open]
        anchor = self._anchor(before)
        sp = None
        if after and after[0].start - q.close <= 3:
            cut = next((k for k, t in enumerate(after) if k > 0 and t.text in ('"', "«", "“")), len(after))
            sp = self._speaker_from(after[: min(cut, 16)], "first", anchor=anchor)
        if not sp and before:
            sp = self._speaker_from(before, "last", anchor=anchor)
            if not sp and self.doc.norm[s : q.open].rstrip().endswith(":"):
                np = self.subject_before(before, len(before) - 1)
                sp = self.np_speaker(np, anchor)[0] if np else None
        if not sp and after:
            sp = self._speaker_from(after, "first", anchor=anchor)
        if not sp:
            sp = self.prev_attribution
        return sp

    def sentence_speaker(self, toks: list[Tok], strict: bool) -> str | None:
        return self._speaker_from(toks, "first", strict=strict) if toks else None

    def incise(self, toks: list[Tok]) -> tuple[int, str | None] | None:
        """Unquoted direct speech closed by an incise: "…, a-t-elle ajouté." / "…, explique X."
        Returns (index of the comma, speaker)."""
        if len(toks) < 8:
            return None
        commas = [i for i, t in enumerate(toks) if t.text == ","]
        if not commas:
            return None
        for c in commas[::-1][:2]:
            r = self._incise_at(toks, c)
            if r is not None:
                return r
        return None

    def _incise_at(self, toks: list[Tok], c: int) -> tuple[int, str | None] | None:
        tail = toks[c + 1 :]
        while tail and tail[-1].pos == "PUNCT":
            tail = tail[:-1]
        if not tail or len(tail) > 12 or c < 5:
            return None
        verbs = [v for v in self._find_verbs(tail) if tail[v].lower.startswith(self.spec.incise_verbs)]
        if not verbs or verbs[0] > 3:
            return None
        v = verbs[0]
        if any(t.pos == "VERB" for t in tail[:v]):
            return None
        inverted = all(t.pos in ("AUX", "ADV") or t.lower.startswith("-") for t in tail[:v])
        rest = tail[v + 1 :]
        if inverted:
            # "…, a-t-elle ajouté." / "…, explique le directeur, Félix Bisson."
            if rest and not (
                rest[0].lower.startswith("-")
                or rest[0].pos in ("PROPN", "DET", "NOUN", "ADV", "ADP")
                or rest[0].lower in ("un", "une", "l'un", "l'une", "one")
            ):
                return None
        elif any(t.pos not in ("ADV", "PUNCT") for t in rest):
            # "…, X a dit." : nothing but adverbs after the verb
            return None
        return c, self._speaker_from(tail, "first")

    def observe(self, s: int, e: int, stoks: list[Tok], qs: list[QuoteSpan]) -> None:
        toks = _outside_tokens(stoks, qs)
        ents = [x for x in self.doc.ents_in(s, e) if not any(q.open <= x.start < q.close for q in qs)]
        per = [x for x in ents if x.label == "PER"]
        if per:
            names = [self.full_name(x.text) for x in per]
            multi = [n for n in names if len(n.split()) >= 2]
            # the person this sentence quoted or reported is the one "he"/"she" will mean next
            ls = self.last_speaker or ""
            if ls and (ls in names or any(n and n in ls for n in names)):
                # "un habitant de Jomba" quoted: "il" next is the resident, not the place NER took for a name
                self.recent_person = ls
            else:
                self.recent_person = (multi or names)[0]
        org = [x for x in ents if x.label == "ORG"]
        if org:
            self.recent_org = org[-1].text
        self.prev_attribution = None
        if self.doc.norm[s:e].rstrip().endswith(":") and not qs:
            self.prev_attribution = self._speaker_from(toks, "last")


# ---------------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------------
def extract(text: str, lang: str | None = None) -> Extraction:
    return extract_many([text], [lang])[0]


def extract_many(
    texts: list[str], langs: list[str | None] | None = None, batch_size: int = 32
) -> list[Extraction]:
    texts = ["" if t is None else str(t) for t in texts]
    langs = list(langs or [])
    langs = (langs + [None] * len(texts))[: len(texts)]
    codes = []
    for t, l in zip(texts, langs):
        code = re.split(r"[-_]", (l or "").strip().lower())[0] or detect_language(t)
        codes.append(code)
    results: list[Extraction | None] = [None] * len(texts)
    by_lang: dict[str, list[int]] = {}
    for i, code in enumerate(codes):
        by_lang.setdefault(languages.get(code).code, []).append(i)
    for code, idxs in by_lang.items():
        spec = languages.get(code)
        docs = {}
        pieces: list[tuple[int, int, str]] = []
        for i in idxs:
            text = texts[i][:_MAX_DOC_CHARS]
            norm = normalize(text)
            d = _Doc(text=text, norm=norm, spec=spec)
            docs[i] = d
            tok_text = for_tokenizer(norm)
            for a, b in _nlp.chunks(tok_text):
                if tok_text[a:b].strip():
                    pieces.append((i, a, tok_text[a:b]))
        if pieces:
            try:
                for (i, off, _), sdoc in zip(
                    pieces, _nlp.pipe(code, (p[2] for p in pieces), batch_size=batch_size)
                ):
                    _add_doc(docs[i], sdoc, off)
            except Exception:  # never raise on arbitrary input: fall back to rules without tokens
                log.exception("spaCy failed; continuing without tokens")
        all_items: list[tuple[int, _Item]] = []
        for i in idxs:
            try:
                items = _analyse(docs[i])
            except Exception:
                log.exception("analysis failed for a document")
                items = []
            for it in items:
                all_items.append((i, it))
        score_texts, threshold = _scorer()
        texts_ = [it.score_text or docs[i].text[it.start : it.end] for i, it in all_items]
        hints = [_hint(it, t, spec) for (_, it), t in zip(all_items, texts_)]
        try:
            scores = list(score_texts(texts_, spec.code, hints)) if texts_ else []
        except Exception:
            log.exception("check-worthiness scorer failed; using fallback")
            scores, threshold = _fallback_score_texts(texts_, spec.code, hints), _FALLBACK_THRESHOLD
        shown = final_types(texts_, spec.code, hints) if texts_ else None  # at most two types per item
        per_doc: dict[int, list[Claim]] = {i: [] for i in idxs}
        for k, ((i, it), sc) in enumerate(zip(all_items, scores)):
            types = shown[k] if shown else it.types
            sc = float(sc)
            if math.isnan(sc):
                sc = 0.0
            sc = max(0.0, min(1.0, sc))
            per_doc[i].append(
                Claim(
                    start=it.start,
                    end=it.end,
                    text=docs[i].text[it.start : it.end],
                    type=types[0],
                    types=types,
                    score=round(sc, 4),
                    checkworthy=sc >= threshold,
                    speaker=it.speaker,
                    quantities=it.quantities,
                    entities=it.entities,
                )
            )
        for i in idxs:
            results[i] = Extraction(language=codes[i], extractor_version=EXTRACTOR_VERSION, claims=per_doc[i])
    return results  # type: ignore[return-value]
