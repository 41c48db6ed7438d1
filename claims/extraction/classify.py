"""Claim types and the check-worthiness hook of the extraction engine.

Moved out of ``engine.py`` unchanged: the per-language cue regexes (``_cues``), the type rules
(``_types``), the scorer lookup with its private fallback (``_scorer``) and the hints handed to the
scorer (``_hint``).
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from .languages import LanguageSpec
from .quantities import Tok
from .types import Quantity

if TYPE_CHECKING:
    from .engine import _Item

log = logging.getLogger("claims.extraction.engine")

# ---------------------------------------------------------------------------------------------
# claim types
# ---------------------------------------------------------------------------------------------
_CUE_CACHE: dict[str, dict[str, re.Pattern]] = {}


def _alternation(patterns: tuple[str, ...]) -> re.Pattern:
    """One regex for a cue list; the leading word boundary most cues share is tested once
    (``\\b(?:will|won't|…)``), which makes a search that finds nothing about three times faster."""
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    parts = [r"\b(?:" + "|".join(bounded) + ")"] if bounded else []
    parts += [p for p in patterns if not p.startswith(r"\b")]
    return re.compile("|".join(parts), re.IGNORECASE)


def _cues(spec: LanguageSpec) -> dict[str, re.Pattern]:
    c = _CUE_CACHE.get(spec.code)
    if c is None:
        c = {
            k: _alternation(getattr(spec, k))
            for k in ("future_cues", "causal_cues", "comparison_cues", "event_cues", "opinion_cues", "date_cues")
            if getattr(spec, k)
        }
        _CUE_CACHE[spec.code] = c
    return c


def _types(text: str, toks: list[Tok], qs: list[Quantity], spec: LanguageSpec, quote: bool) -> list[str]:
    c = _cues(spec)
    out = []
    if quote:
        out.append("quote")
    if any(not q.vague for q in qs) or qs:
        out.append("quantity")
    if c["causal_cues"].search(text):
        out.append("causal")
    if c["comparison_cues"].search(text):
        out.append("comparison")
    if any(t.future for t in toks) or c["future_cues"].search(text):
        out.append("prediction")
    if c["event_cues"].search(text) or any(t.ent in ("DATE", "TIME", "EVENT") for t in toks):
        out.append("event")
    if not out:
        out.append("other")
    return out


# ---------------------------------------------------------------------------------------------
# check-worthiness (delegated; private fallback only while the real module is missing)
# ---------------------------------------------------------------------------------------------
_FALLBACK_THRESHOLD = 0.5


def _fallback_score_texts(texts: list[str], lang: str, hints: list[dict]) -> list[float]:
    """Tiny heuristic used ONLY if ``claims.extraction.checkworthiness`` cannot be imported."""
    out = []
    for t, h in zip(texts, hints):
        s = 0.3
        types = h.get("types") or []
        if h.get("n_quantities"):
            s += 0.25
        if "quote" in types and h.get("speaker"):
            s += 0.1
        if {"causal", "comparison", "prediction"} & set(types):
            s += 0.1
        if h.get("n_entities"):
            s += 0.05 * min(3, h["n_entities"])
        if len(t.split()) < 6:
            s -= 0.15
        out.append(max(0.0, min(1.0, s)))
    return out


def _scorer():
    try:
        from . import checkworthiness  # owned by another engineer

        return checkworthiness.score_texts, float(checkworthiness.THRESHOLD)
    except Exception as exc:  # noqa: BLE001  # ImportError while the module does not exist yet
        log.debug("checkworthiness unavailable (%s); using fallback heuristic", exc)
        return _fallback_score_texts, _FALLBACK_THRESHOLD


def _hint(item: _Item, text: str, spec: LanguageSpec) -> dict:
    date_re = _cues(spec).get("date_cues")
    return {
        **item.hint,
        "dated": bool(date_re and date_re.search(text)),
        "types": list(item.types),
        "n_quantities": len(item.quantities),
        "n_specific_quantities": sum(1 for q in item.quantities if not q.vague),
        "is_quote": item.kind == "quote",
        "speaker": item.speaker,
        "n_entities": len(item.entities),
        "entity_labels": [e.label for e in item.entities],
    }


# ---------------------------------------------------------------------------------------------
# learned type selection (cw_model/types.*; fitted by training/train_types.py)
# ---------------------------------------------------------------------------------------------
TYPE_NAMES = ("quantity", "quote", "event", "comparison", "causal", "prediction", "other")
MAX_TYPES = 2  # a badge filter is only useful when an item carries one or two types
_TYPE_MODELS: dict | None = None


def _type_models() -> dict:
    """Per language: (news model whose features the type heads read, [n_types x n_features] weights)."""
    global _TYPE_MODELS
    if _TYPE_MODELS is None:
        import json

        import numpy as np

        from . import checkworthiness as cw

        path = cw.MODEL_DIR / "types.json"
        models = {}
        if path.exists():
            meta = json.loads(path.read_text(encoding="utf-8"))
            with np.load(cw.MODEL_DIR / "types.npz", allow_pickle=False) as z:
                for lang, m in meta["models"].items():
                    models[lang] = (m, z[f"types_{lang}_coef"].astype(np.float64),
                                    z[f"types_{lang}_intercept"].astype(np.float64))
        _TYPE_MODELS = models
    return _TYPE_MODELS


def type_probabilities(texts: list[str], lang: str, hints: list[dict]):
    """[n x len(TYPE_NAMES)] probabilities, or None when no type model ships for ``lang``."""
    import numpy as np

    from . import checkworthiness as cw
    from . import cw_news

    tm = _type_models().get(lang)
    news = cw._load()["news"].get(lang)
    if tm is None or news is None or not texts:
        return None
    meta, coef, intercept = tm
    clean, base, dense = cw.base_parts(texts, lang, hints)
    block = cw_news.design(base, dense, hints, len(clean))[:, : len(news.mean)]
    Z = np.clip((block - news.mean) / news.scale, -cw_news.Z_CLIP, cw_news.Z_CLIP)
    X = news.vec.transform([cw.text_for_ngrams(t) for t in clean]) if news.vec is not None else None
    n_vec = X.shape[1] if X is not None else 0
    logits = Z @ coef[:, n_vec:].T + intercept
    if X is not None:
        logits = logits + np.asarray(X @ coef[:, :n_vec].T)
    logits = logits - np.asarray(meta["thresholds"])
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))


TYPE_FLOOR = 0.5  # a type is shown from this (shifted) probability on; set by training/train_types.py


def select_types(probs, rule_types: list[str], is_quote: bool, floor: float | None = None,
                 mode: str = "free") -> list[str]:
    """At most MAX_TYPES types: those at or above their threshold (0.5 after the shift), best first; the
    best one when none is; ``quote`` found by the rules is always kept (first for a quote item).  ``mode``
    "prune" chooses only among the rule types (the model ranks them and drops the weak ones)."""
    order = sorted(range(len(TYPE_NAMES)), key=lambda k: -probs[k])
    if mode == "prune" and rule_types:
        order = [k for k in order if TYPE_NAMES[k] in rule_types] or order
    floor = TYPE_FLOOR if floor is None else floor
    out = [TYPE_NAMES[k] for k in order if probs[k] >= floor][:MAX_TYPES] or [TYPE_NAMES[order[0]]]
    if "other" in out and len(out) > 1:
        out.remove("other")
    if "quote" in rule_types:
        # quoted words are found, not guessed: a quote item is a quote first; quoted words inside the
        # writer's sentence stay a secondary type
        rest = [t for t in out if t != "quote"]
        out = (["quote"] + rest if is_quote or not rest else rest[:1] + ["quote"])[:MAX_TYPES]
    return out


def final_types(texts: list[str], lang: str, hints: list[dict]) -> list[list[str]] | None:
    """The types each item shows, chosen by the language's type model from the rule types and the text;
    None (keep the rule types) when no model ships for the language or it fails."""
    try:
        probs = type_probabilities(texts, lang, hints)
    except Exception:  # noqa: BLE001  # never lose an extraction to the type model
        log.exception("type model failed; keeping the rule types")
        return None
    if probs is None:
        return None
    meta = _type_models()[lang][0]
    floor, mode = meta.get("floor", TYPE_FLOOR), meta.get("mode", "free")
    return [select_types(p, list(h.get("types") or []), bool(h.get("is_quote")), floor, mode)
            for p, h in zip(probs, hints)]
