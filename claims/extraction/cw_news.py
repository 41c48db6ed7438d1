"""News stage of the check-worthiness scorer: a logistic regression fitted on labelled NEWS items.

The debate-trained models of ``checkworthiness`` (ClaimBuster) read a sentence the way a debate moderator
would; news check-worthiness also depends on what the engine found in the item (a specific figure, a dated
event with named participants, a named speaker's quote, the reporting frame around a quote).  This stage
reads, per language:

* the debate model's logit (one number),
* the engine's hints as features (claim types by rule, specific/vague quantities, quote and speaker,
  entity labels, frame-only and first-person flags, a date),
* the standardised dense cues of ``checkworthiness.dense_features``,
* TF-IDF word 1-2-grams of the language, fitted on the news training items,

and returns a probability.  The weights come from ``training/train_cw.py`` (``make train``), fitted on the
106 labelled train articles and their professional translations; dev and the CheckThat! files are never
used to fit.  No encoder: at the speed an embedding model reaches on this class of machine the per-article
cost breaks the submit-to-claims budget (see the model metadata).
"""

from __future__ import annotations

import math

import numpy as np

Z_CLIP = 3.0  # a rare feature may not outweigh everything else an item says
BASE_CLIP = 3.0  # the debate logit saturates on long number-heavy sentences: past +-3 it says no more

HINT_TYPES = ("quantity", "quote", "causal", "comparison", "prediction", "event", "other")
ENT_GROUPS = {
    "person": ("PER", "PERSON"),
    "org": ("ORG", "NORP"),
    "place": ("LOC", "GPE", "FAC"),
    "date": ("DATE", "TIME"),
    "number": ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"),
    "misc": ("MISC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"),
}
HINT_NAMES = (
    [f"t_{t}" for t in HINT_TYPES]
    + [
        "n_types",
        "specific_qty",
        "vague_qty_only",
        "is_quote",
        "quote_speaker",
        "speaker_no_quote",
        "first_person",
        "frame_only",
        "dated",
        "n_entities_log",
    ]
    + [f"e_{g}" for g in ENT_GROUPS]
    + ["no_hint"]
)


N_HINT_BLOCK = 1 + len(HINT_NAMES)  # [debate logit | hints]; the dense cues follow when a model uses them


def hint_features(hint) -> list[float]:
    if not isinstance(hint, dict):
        return [0.0] * (len(HINT_NAMES) - 1) + [1.0]
    try:
        types = set(hint.get("types") or [])
        nq = int(hint.get("n_quantities") or 0)
        ns = int(hint.get("n_specific_quantities", nq) or 0)
        labels = list(hint.get("entity_labels") or [])
        f = [1.0 if t in types else 0.0 for t in HINT_TYPES]
        f += [
            float(len(types)),
            1.0 if ns > 0 else 0.0,
            1.0 if nq > 0 and ns == 0 else 0.0,
            1.0 if hint.get("is_quote") else 0.0,
            1.0 if hint.get("is_quote") and hint.get("speaker") else 0.0,
            1.0 if hint.get("speaker") and not hint.get("is_quote") else 0.0,
            1.0 if hint.get("first_person") else 0.0,
            1.0 if hint.get("frame_only") else 0.0,
            1.0 if hint.get("dated") else 0.0,
            math.log1p(float(hint.get("n_entities") or 0)),
        ]
        f += [math.log1p(sum(1 for lb in labels if lb in g)) for g in ENT_GROUPS.values()]
        return f + [0.0]
    except (AttributeError, TypeError, ValueError):
        return [0.0] * (len(HINT_NAMES) - 1) + [1.0]


def hint_matrix(hints, n: int) -> np.ndarray:
    hints = hints if hints is not None and len(hints) == n else [None] * n
    return np.asarray([hint_features(h) for h in hints], dtype=np.float64).reshape(n, len(HINT_NAMES))


def design(base_logits: np.ndarray, dense_z: np.ndarray, hints, n: int) -> np.ndarray:
    """The dense block of the news model: [debate logit | hint features | standardised dense cues]."""
    return np.hstack(
        [np.clip(base_logits, -BASE_CLIP, BASE_CLIP).reshape(n, 1), hint_matrix(hints, n), dense_z]
    )


def compress(z, c: float | None):
    """``sign(z) * c * log(1 + |z| / c)``: monotone, odd, ~z near the decision point (0), slowly growing in the
    tails.  Applied to the threshold-shifted logit before the Platt slope (both fitted by ``train_cw``), so
    that items piling up figures keep distinct scores under 0.99 instead of rounding to 1.00; ranks and the
    0.5 decision point are unchanged."""
    if not c:
        return z
    z = np.asarray(z, dtype=np.float64)
    return np.sign(z) * c * np.log1p(np.abs(z) / c)


CONTEXT_NAMES = ("rel_position", "first_item", "centrality", "lede_similarity", "n_items_log")


def context_features(docs, emb: np.ndarray, subj=None) -> np.ndarray:
    """Where an item stands in its article: relative position, first item (headline or lede), cosine of its
    embedding with the mean of the article's other items (a central fact resembles the rest of the story,
    colour does not) and with the first item, and the article's size.  ``docs``: the article key of each
    item, items in document order.  ``subj`` = (w, w0): a last column, the subjectivity logit
    ``emb @ w + w0`` of a probe fitted on CheckThat! 2025 subjectivity sentences (``SUBJ_NAME``)."""
    out = _context(docs, emb)
    if subj is None:
        return out
    w, w0 = subj
    return np.hstack([out, (np.asarray(emb, dtype=np.float64)[:, : len(w)] @ w + w0).reshape(-1, 1)])


SUBJ_NAME = "subjectivity"


def _context(docs, emb: np.ndarray) -> np.ndarray:
    n = len(docs)
    out = np.zeros((n, len(CONTEXT_NAMES)))
    groups: dict = {}
    for i, d in enumerate(docs):
        groups.setdefault(d, []).append(i)
    for idx in groups.values():
        m = len(idx)
        E = np.asarray(emb[idx], dtype=np.float64)
        total = E.sum(axis=0)
        for r, i in enumerate(idx):
            others = total - E[r]
            norm = np.linalg.norm(others)
            out[i] = (
                r / max(m - 1, 1),
                1.0 if r == 0 else 0.0,
                float(E[r] @ others / norm) if m > 1 and norm > 0 else 0.0,
                float(E[r] @ E[0]) if r else 1.0,
                math.log1p(m),
            )
    return out


class NewsModel:
    """Per-language linear model over [tfidf word 1-2-grams | dense block]; weights from ``cw_model``."""

    def __init__(self, meta: dict, arrays, prefix: str):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vec = None
        if meta.get("vocabulary"):
            params = dict(meta["params"])
            params["ngram_range"] = tuple(params["ngram_range"])
            self.vec = TfidfVectorizer(
                vocabulary={t: i for i, t in enumerate(meta["vocabulary"])}, dtype=np.float32, **params
            )
            self.vec.idf_ = arrays[f"{prefix}_idf"]
        self.mean = arrays[f"{prefix}_mean"]
        self.scale = arrays[f"{prefix}_scale"]
        self.coef = arrays[f"{prefix}_coef"].astype(np.float64)
        self.intercept = float(meta["intercept"])
        self.offset = float(meta.get("logit_offset", 0.0))
        self.slope = float(meta.get("slope", 1.0))  # Platt slope fitted on out-of-fold logits (calibration)
        self.compress = meta.get("compress")  # tail compression before the slope (``compress``)
        self.emb_coef = arrays[f"{prefix}_emb_coef"].astype(np.float64) if meta.get("embedding") else None
        self.ctx, self.subj = None, None
        if meta.get("subjectivity"):
            self.subj = (
                arrays[f"{prefix}_subj_coef"].astype(np.float64),
                float(meta["subjectivity"]["intercept"]),
            )
        if meta.get("context"):
            self.ctx = tuple(
                arrays[f"{prefix}_ctx_{k}"].astype(np.float64) for k in ("mean", "scale", "coef")
            )

    @property
    def uses_embedding(self) -> bool:
        return self.emb_coef is not None

    def logits(
        self, prepped: list[str], block: np.ndarray, emb: np.ndarray | None = None, docs=None
    ) -> np.ndarray:
        """Calibrated logits, shifted so that the decision threshold is 0 (score 0.5)."""
        out = np.full(len(prepped), self.intercept)
        start = 0
        if self.vec is not None:
            X = self.vec.transform(prepped)
            start = X.shape[1]
            out += X @ self.coef[:start]
        block = block[:, : len(self.mean)]
        out += np.clip((block - self.mean) / self.scale, -Z_CLIP, Z_CLIP) @ self.coef[start:]
        if self.emb_coef is not None:
            out += np.asarray(emb, dtype=np.float64) @ self.emb_coef
        if self.ctx is not None:
            mean, scale, coef = self.ctx
            C = context_features(docs if docs is not None else [0] * len(prepped), emb, self.subj)
            out += np.clip((C - mean) / scale, -Z_CLIP, Z_CLIP) @ coef
        return self.slope * compress(out - self.offset, self.compress)
