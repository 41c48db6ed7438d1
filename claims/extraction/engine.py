"""Claim extraction engine: normalise -> spaCy (batched) -> quotes -> sentences -> claims.

The document and its tokens live in ``document.py``, speakers in ``names.py`` and ``speakers.py``.
Pure Python; no Django. Public entry points are re-exported by ``claims.extraction``."""

from __future__ import annotations

import bisect
import logging
import math
import re

from . import cw_embed, languages
from . import nlp as _nlp
from .classify import _FALLBACK_THRESHOLD, _fallback_score_texts, _hint, _scorer, _types, final_types  # noqa: F401
from .document import _add_doc, _Doc, _is_standalone, _Item, _mask, _outside_tokens, _resolve_anaphoric_units
from .normalize import for_tokenizer, normalize
from .quantities import find_quantities
from .quotes import find_quotes
from .reporting import _reporting_indices
from .sentences import split as split_sentences
from .speakers import _Context, outside_with_marks
from .speech import _Sent, _sentence_record, carry_speech
from .types import Claim, Extraction

log = logging.getLogger(__name__)

try:  # the worker's soft time limit: never swallowed by the fallbacks below
    from celery.exceptions import SoftTimeLimitExceeded as _SoftTimeLimit
except ImportError:  # pragma: no cover - the extractor used without Celery installed

    class _SoftTimeLimit(Exception):  # type: ignore[no-redef]
        pass


EXTRACTOR_VERSION = "0.3.0"

_MAX_DOC_CHARS = 5_000_000  # beyond this, only the first part of a document is analysed


# ---------------------------------------------------------------------------------------------
# language detection
# ---------------------------------------------------------------------------------------------
def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``, or the default language when it is too short or unclear to tell.

    The one detector (articles.ingestion.language: its letter count and confidence thresholds) serves
    both the stored article's language and extraction; only the fallback differs, since extraction
    needs a language to run."""
    from articles.ingestion.language import detect_language as detect

    return detect(text or "") or languages.DEFAULT_LANG


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
    sents_info: list[_Sent] = []
    for si, (s, e) in enumerate(sents):
        n_items = len(items)
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
            sents_info.append(_Sent(s, e, stoks, headline=True))
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
        if (
            standalone
            and not sent_speaker
            and ctx.prev_quote_speaker
            and all(norm[q.start].islower() for q in standalone)
            and not _reporting_indices(_outside_tokens(stoks, standalone), spec)
            and not ctx.quoting_subject(_outside_tokens(stoks, standalone))
        ):
            # long quoted words in the writer's sentence, nothing to attribute them, right after someone's
            # quote: theirs still, as short ones are below ('Une demande faite "pour ne courir aucun
            # risque …"' after the minister's quote)
            sent_speaker = ctx.prev_quote_speaker
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
                _mask(norm, s, e, standalone) if standalone else norm[s:e],
                outside,
                sq,
                spec,
                quote=bool(embedded),
            )
            if embedded and len(types) > 1:
                # quoted words inside the writer's sentence ('had served a "surrender notice"'): the sentence
                # is about what it states; the quote is a secondary type (GUIDELINES: a quote item is
                # the quoted words themselves)
                types.remove("quote")
                types.append("quote")
            toks_out = _outside_tokens(stoks, standalone + embedded)
            speaker = ctx.sentence_speaker(
                outside_with_marks(stoks, standalone + embedded), strict=not (embedded or standalone)
            )
            if embedded and not speaker:
                titles = all(norm[q.start].isupper() for q in embedded)  # '"The League"': a title
                speaker = ctx.quoting_subject(toks_out, titles)  # 'Maliki veut une "guerre mondiale"'
            if embedded and not speaker and not standalone and any(norm[q.start].islower() for q in embedded):
                # quoted words with nothing to attribute them, right after someone's quote: theirs still
                # (a capitalised quote inside a sentence is a title: "Panique à Bamako")
                speaker = ctx.prev_quote_speaker
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
                    sents_info.append(_Sent(s, e, stoks, items[n_items:], attributed=True))
                    continue
                first_person = any(
                    t.lower in spec.first_person and (len(t.text) == 1 or not t.text.isupper()) for t in stoks
                )  # "US" is the country
                if not speaker and ctx.prev_quote_speaker and first_person:
                    speaker = ctx.prev_quote_speaker  # first-person continuation of the previous quote
                    types.insert(0, "quote")
            item = _Item(
                start, e, "sentence", (s, e), types, speaker, sq, doc.ents_in(s, e), score_text=frame
            )
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
            # a sentence that quotes words and names who said them ('Drescher said doctors are still
            # "practicing that model."') hands them on like a quote does
            else (
                (items[-1].speaker or ctx.prev_quote_speaker)
                if items and items[-1].sent == (s, e) and "quote" in items[-1].types
                else None
            )
        )
        ctx.observe(s, e, stoks, standalone)
        sents_info.append(_sentence_record(norm, s, e, stoks, items[n_items:], squotes, standalone, q_items))
    carry_speech(ctx, sents_info)
    named = ctx.name_descriptions([it.speaker for it in items])  # "a press regulator": the one named later
    for it in items:
        it.speaker = named.get(it.speaker, it.speaker)
    _resolve_anaphoric_units(doc, items)
    return items


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
    for t, lang in zip(texts, langs):
        code = re.split(r"[-_]", (lang or "").strip().lower())[0] or detect_language(t)
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
            except _SoftTimeLimit:
                raise
            except Exception:  # never raise on arbitrary input: fall back to rules without tokens
                log.exception("spaCy failed; continuing without tokens")
        all_items: list[tuple[int, _Item]] = []
        for i in idxs:
            try:
                items = _analyse(docs[i])
            except _SoftTimeLimit:
                raise
            except Exception:
                log.exception("analysis failed for a document")
                items = []
            for it in items:
                all_items.append((i, it))
        score_texts, threshold = _scorer()
        texts_ = [it.score_text or docs[i].text[it.start : it.end] for i, it in all_items]
        hints = [
            {**_hint(it, t, spec), "doc": i} for (i, it), t in zip(all_items, texts_)
        ]  # "doc": its article
        try:
            with cw_embed.collecting() as encoded:  # the vectors check-worthiness encodes, for matching
                scores = list(score_texts(texts_, spec.models, hints)) if texts_ else []
        except _SoftTimeLimit:
            raise
        except Exception:
            log.exception("check-worthiness scorer failed; using fallback")
            scores, threshold = _fallback_score_texts(texts_, spec.models, hints), _FALLBACK_THRESHOLD
        shown = final_types(texts_, spec.models, hints) if texts_ else None  # at most two types per item
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
            results[i].encoded = {c.text: encoded[c.text].copy() for c in per_doc[i] if c.text in encoded}
    return results  # type: ignore[return-value]
