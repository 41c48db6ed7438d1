"""Claim types and the check-worthiness hook of the extraction engine.

The per-language cue regexes (``_cues``), the type rules that give an item its candidate types
(``_types``), the scorer lookup with its private fallback (``_scorer``) and the hints handed to the scorer
and the type model (``_hint``).  Which candidates an item shows is ``type_model.final_types``.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from .languages import LanguageSpec
from .quantities import Tok
from .type_model import CUE_FAMILIES, final_types  # noqa: F401  # final_types: re-exported for the engine
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
            for k in (
                "future_cues",
                "causal_cues",
                "comparison_cues",
                "event_cues",
                "opinion_cues",
                "date_cues",
            )
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
    cues = _cues(spec)
    date_re = cues.get("date_cues")
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
        # how often each cue family matches: what the type model reads besides the words
        "cue_counts": [len(cues[f].findall(text)) if f in cues else 0 for f in CUE_FAMILIES],
    }
