"""Learned type selection: which one or two of an item's candidate types it shows.

The rules of ``classify._types`` find candidate types from the language's cue lists (a causal connective, a
comparative, a future form, a date...).  A badge filter is only useful when an item carries one or two
types, and a rule that fires is not always what the item is about, so a small per-language model
(``cw_model/types.json`` + ``types.npz``, fitted by ``training/train_types.py`` on the labelled train
articles) ranks the candidates:

* features of its own (nothing shared with the check-worthiness models, so retraining those never shifts
  these weights): TF-IDF word 1-2-grams of the item, the rule types as flags, what the engine found
  (quantities, quote and speaker, entity labels, a date) and how many times each cue family matched;
* one logistic regression per type, on those features;
* the item shows its best candidate, and the second best when its probability reaches the language's
  ``floor``; candidates are the rule types plus the language's ``extra`` types (``other``, the type for
  "none of the above", which no rule can find).  A type no rule found otherwise is never shown: ``causal``
  needs a causal cue in the text.

Without a model for a language (or if it fails), the rule types are kept as they are.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from pathlib import Path

import numpy as np

from claims.extraction.cw_news import ENT_GROUPS  # the same entity groups as the news model

log = logging.getLogger("claims.extraction.engine")

try:  # the worker's soft time limit: never swallowed by the fallback below
    from celery.exceptions import SoftTimeLimitExceeded as _SoftTimeLimit
except ImportError:  # pragma: no cover - the extractor used without Celery installed

    class _SoftTimeLimit(Exception):  # type: ignore[no-redef]
        pass


MODEL_DIR = Path(__file__).resolve().parent / "cw_model"
TYPE_NAMES = ("quantity", "quote", "event", "comparison", "causal", "prediction", "other")
MAX_TYPES = 2  # a badge filter is only useful when an item carries one or two types
CUE_FAMILIES = ("future_cues", "causal_cues", "comparison_cues", "event_cues", "date_cues", "opinion_cues")
DENSE_NAMES = (
    [f"rule_{t}" for t in TYPE_NAMES]
    + [
        "n_rule_types",
        "specific_qty",
        "vague_qty_only",
        "is_quote",
        "speaker",
        "first_person",
        "frame_only",
        "dated",
        "n_entities_log",
        "n_words_log",
    ]
    + [f"ent_{g}" for g in ENT_GROUPS]
    + [f"cue_{f.removesuffix('_cues')}" for f in CUE_FAMILIES]
)
Z_CLIP = 3.0


def ngram_text(text: str) -> str:
    """What the word n-grams read: lower case, digits folded to 0, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"\d", "0", (text or "").lower())).strip()


def dense_row(text: str, hint: dict | None) -> list[float]:
    h = hint if isinstance(hint, dict) else {}
    types = set(h.get("types") or [])
    nq = int(h.get("n_quantities") or 0)
    ns = int(h.get("n_specific_quantities", nq) or 0)
    labels = list(h.get("entity_labels") or [])
    cues = list(h.get("cue_counts") or [])
    cues = (cues + [0] * len(CUE_FAMILIES))[: len(CUE_FAMILIES)]
    return (
        [1.0 if t in types else 0.0 for t in TYPE_NAMES]
        + [
            float(len(types)),
            float(ns > 0),
            float(nq > 0 and ns == 0),
            float(bool(h.get("is_quote"))),
            float(bool(h.get("speaker"))),
            float(bool(h.get("first_person"))),
            float(bool(h.get("frame_only"))),
            float(bool(h.get("dated"))),
            math.log1p(float(h.get("n_entities") or 0)),
            math.log1p(len((text or "").split())),
        ]
        + [math.log1p(sum(1 for lb in labels if lb in g)) for g in ENT_GROUPS.values()]
        + [math.log1p(float(c)) for c in cues]
    )


def dense_matrix(texts: list[str], hints: list[dict]) -> np.ndarray:
    return np.asarray([dense_row(t, h) for t, h in zip(texts, hints)], dtype=np.float64).reshape(
        len(texts), len(DENSE_NAMES)
    )


class TypeModel:
    """One language's heads: [tfidf | standardised dense] -> one logit per type."""

    def __init__(self, meta: dict, arrays, prefix: str):
        from sklearn.feature_extraction.text import TfidfVectorizer

        params = dict(meta["params"])
        params["ngram_range"] = tuple(params["ngram_range"])
        self.vec = TfidfVectorizer(
            vocabulary={t: i for i, t in enumerate(meta["vocabulary"])}, dtype=np.float32, **params
        )
        self.vec.idf_ = arrays[f"{prefix}_idf"]
        self.mean = arrays[f"{prefix}_mean"]
        self.scale = arrays[f"{prefix}_scale"]
        self.coef = arrays[f"{prefix}_coef"].astype(np.float64)
        self.intercept = arrays[f"{prefix}_intercept"].astype(np.float64)
        self.extra = tuple(meta["select"]["extra"])
        self.floor = float(meta["select"]["floor"])
        if len(meta.get("dense_names", DENSE_NAMES)) != len(DENSE_NAMES) or self.coef.shape != (
            len(TYPE_NAMES),
            len(meta["vocabulary"]) + len(DENSE_NAMES),
        ):
            raise ValueError("type model does not match this code's features; run make train")

    def probabilities(self, texts: list[str], hints: list[dict]) -> np.ndarray:
        X = self.vec.transform([ngram_text(t) for t in texts])
        Z = np.clip((dense_matrix(texts, hints) - self.mean) / self.scale, -Z_CLIP, Z_CLIP)
        n_vec = X.shape[1]
        logits = np.asarray(X @ self.coef[:, :n_vec].T) + Z @ self.coef[:, n_vec:].T + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))


_MODELS: dict[str, TypeModel] | None = None
_LOCK = threading.Lock()


def _models() -> dict[str, TypeModel]:
    global _MODELS
    if _MODELS is None:
        with _LOCK:
            if _MODELS is None:
                models = {}
                path = MODEL_DIR / "types.json"
                if path.exists():
                    meta = json.loads(path.read_text(encoding="utf-8"))
                    with np.load(MODEL_DIR / "types.npz", allow_pickle=False) as z:
                        arrays = {k: z[k] for k in z.files}
                    for lang, m in meta.get("models", {}).items():
                        try:
                            models[lang] = TypeModel(m, arrays, f"types_{lang}")
                        except (KeyError, ValueError) as exc:
                            log.warning("type model for %s not used: %s", lang, exc)
                _MODELS = models
    return _MODELS


def select_types(
    probs, rule_types: list[str], is_quote: bool, extra: tuple[str, ...] = ("other",), floor: float = 0.5
) -> list[str]:
    """At most MAX_TYPES types among the rule types and ``extra``, best first: the best candidate, and
    the second when its probability reaches ``floor``.  Quoted words are found, not guessed: a quote
    item is a quote first; quoted words inside the writer's sentence stay a secondary type."""
    allowed = set(rule_types) | set(extra)
    order = sorted(range(len(TYPE_NAMES)), key=lambda k: -probs[k])
    cand = [TYPE_NAMES[k] for k in order if TYPE_NAMES[k] in allowed] or [TYPE_NAMES[order[0]]]
    out = cand[:1] + [t for t in cand[1:2] if probs[TYPE_NAMES.index(t)] >= floor]
    if "quote" in rule_types:
        rest = [t for t in out if t != "quote"]
        out = ["quote"] + rest if is_quote or not rest else rest[:1] + ["quote"]
    return out[:MAX_TYPES]


def final_types(texts: list[str], lang: str, hints: list[dict]) -> list[list[str]] | None:
    """The types each item shows, chosen by the language's type model; None (keep the rule types) when
    no model ships for the language or it fails."""
    try:
        model = _models().get(lang)
        if model is None or not texts:
            return None
        probs = model.probabilities(texts, hints)
    except _SoftTimeLimit:
        raise
    except Exception:  # never lose an extraction to the type model
        log.exception("type model failed; keeping the rule types")
        return None
    return [
        select_types(p, list(h.get("types") or []), bool(h.get("is_quote")), model.extra, model.floor)
        for p, h in zip(probs, hints)
    ]
