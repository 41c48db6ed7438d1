"""Fit the news stage of the check-worthiness scorer (``claims/extraction/cw_news.py``).

    python -m training.train_cw [--experiment] [--no-export]

Data: the engine's items on the 106 labelled train articles and on their professional translations
(``training/cw_data.py``; cached under ``var/cw_items``).  Per language, a logistic regression over
[TF-IDF word 1-2-grams | debate-model logit | engine hints | dense cues].

Train figures are ARTICLE-GROUPED 5-fold: every original-side train item is scored by a model that never saw
its article (nor the article's translation).  The decision threshold is chosen on those out-of-fold scores
only, and the shipped model is then fitted on all train items.  Dev, seed and CheckThat! files are not read.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from claims.extraction import checkworthiness as cw
from claims.extraction import cw_news
from training import cw_data

REPO = cw_data.REPO
ITEMS = REPO / "var" / "cw_items"
OUT = REPO / "claims" / "extraction" / "cw_model"
FOLDS = 5
TFIDF = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 3, "sublinear_tf": True, "max_features": 4000}
CONFIG = {"C": 0.1, "tfidf": True, "sides": ("original", "translated"), "class_weight": None, "dense_cues": False}
TARGET_PRECISION = None  # None: the F1-optimal threshold (precision >= 0.85 costs too much recall, see README)


def features(rows, lang, cfg=None):
    cfg = cfg or CONFIG
    texts = [r["text"] for r in rows]
    hints = [r["hint"] for r in rows]
    clean, base, dense = cw.base_parts(texts, lang, hints)
    block = cw_news.design(base, dense, hints, len(rows))
    if not cfg["dense_cues"]:
        block = block[:, :cw_news.N_HINT_BLOCK]
    return [cw.text_for_ngrams(t) for t in clean], block


def fit(prepped, block, y, cfg):
    mean = block.mean(axis=0)
    scale = block.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = np.clip((block - mean) / scale, -cw_news.Z_CLIP, cw_news.Z_CLIP)
    vec = None
    X = sparse.csr_matrix(Z)
    if cfg["tfidf"]:
        vec = TfidfVectorizer(dtype=np.float32, **TFIDF)
        X = sparse.hstack([vec.fit_transform(prepped), X]).tocsr()
    lr = LogisticRegression(C=cfg["C"], max_iter=5000, class_weight=cfg["class_weight"])
    lr.fit(X, y)
    return {"vec": vec, "mean": mean, "scale": scale, "coef": lr.coef_[0], "intercept": float(lr.intercept_[0])}


def logits(m, prepped, block):
    Z = np.clip((block - m["mean"]) / m["scale"], -cw_news.Z_CLIP, cw_news.Z_CLIP)
    out = np.full(len(prepped), m["intercept"])
    start = 0
    if m["vec"] is not None:
        X = m["vec"].transform(prepped)
        start = X.shape[1]
        out += X @ m["coef"][:start]
    return out + Z @ m["coef"][start:]


def oof(rows, prepped, block, cfg):
    """Out-of-fold logits (article-grouped) for every row; folds split by article id."""
    y = np.asarray([r["label"] for r in rows])
    groups = np.asarray([r["group"] for r in rows])
    keep = np.asarray([r["side"] in cfg["sides"] for r in rows])
    out = np.zeros(len(rows))
    for tr, te in GroupKFold(n_splits=FOLDS).split(block, y, groups):
        tr = tr[keep[tr]]
        m = fit([prepped[i] for i in tr], block[tr], y[tr], cfg)
        out[te] = logits(m, [prepped[i] for i in te], block[te])
    return out


def pr_at(y, s, thr):
    f = s >= thr
    tp = float((f & (y == 1)).sum())
    p = tp / f.sum() if f.sum() else 0.0
    r = tp / (y == 1).sum() if (y == 1).sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_threshold(y, lg):
    """The logit with the best F1 among those reaching TARGET_PRECISION; if none does, the best F1."""
    best, best_any = None, None
    for t in np.unique(np.round(lg, 3)):
        p, r, f = pr_at(y, lg, t)
        if best_any is None or f > best_any[1]:
            best_any = (t, f)
        if TARGET_PRECISION is not None and p >= TARGET_PRECISION and (best is None or f > best[1]):
            best = (t, f)
    return float((best or best_any)[0])


def summary(y, prob, thr_prob=0.5):
    p, r, f = pr_at(y, prob, thr_prob)
    return {"n": int(len(y)), "positives": int(y.sum()), "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3), "brier": round(float(np.mean((prob - y) ** 2)), 4),
            "share_ge_0.99": round(float(np.mean(prob >= 0.99)), 4),
            "share_le_0.01": round(float(np.mean(prob <= 0.01)), 4)}


def run_language(lang, cfg, verbose=True):
    rows = cw_data.load_items(ITEMS, [f"{lang}_train", f"{lang}_translated"])
    prepped, block = features(rows, lang, cfg)
    y = np.asarray([r["label"] for r in rows])
    lg = oof(rows, prepped, block, cfg)
    orig = np.asarray([r["side"] == "original" for r in rows])
    thr = choose_threshold(y[orig], lg[orig])
    prob = 1.0 / (1.0 + np.exp(-(lg - thr)))
    res = {"threshold_logit": round(thr, 4), "train_oof_original": summary(y[orig], prob[orig]),
           "train_oof_translated": summary(y[~orig], prob[~orig])}
    if verbose:
        print(lang, json.dumps(res), flush=True)
    return rows, prepped, block, y, thr, res


def export(models: dict, meta: dict):
    arrays, mmeta = {}, {}
    for lang, (m, thr) in models.items():
        pre = f"news_{lang}"
        names = ["debate_logit"] + list(cw_news.HINT_NAMES) + list(cw.DENSE_NAMES)
        entry = {"intercept": m["intercept"], "logit_offset": thr, "dense_names": names[:len(m["mean"])]}
        if m["vec"] is not None:
            inv = sorted(m["vec"].vocabulary_.items(), key=lambda kv: kv[1])
            entry["vocabulary"] = [t for t, _ in inv]
            entry["params"] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in TFIDF.items()
                               if k not in ("min_df", "max_features")}
            arrays[f"{pre}_idf"] = m["vec"].idf_.astype(np.float32)
        arrays[f"{pre}_mean"] = m["mean"].astype(np.float64)
        arrays[f"{pre}_scale"] = m["scale"].astype(np.float64)
        arrays[f"{pre}_coef"] = m["coef"].astype(np.float32)
        mmeta[lang] = entry
    np.savez_compressed(OUT / "news.npz", **arrays)
    (OUT / "news.json").write_text(json.dumps({**meta, "models": mmeta}, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--experiment", action="store_true", help="print k-fold figures of the variants tried")
    args = ap.parse_args(argv)
    cw_data.build(ITEMS)
    # the news model is fitted on top of the debate model alone: hide any shipped news stage
    cw._load()["news"] = {}
    if args.experiment:
        variants = {
            "shipped": CONFIG,
            "no_tfidf": {**CONFIG, "tfidf": False},
            "with_dense_cues": {**CONFIG, "dense_cues": True},
            "original_side_only": {**CONFIG, "sides": ("original",)},
            "C=0.3": {**CONFIG, "C": 0.3},
            "C=0.03": {**CONFIG, "C": 0.03},
        }
        for name, cfg in variants.items():
            for lang in ("fr", "en"):
                print(name, end=" ")
                run_language(lang, cfg)
        return 0
    models, report = {}, {}
    for lang in ("fr", "en"):
        rows, prepped, block, y, thr, res = run_language(lang, CONFIG)
        keep = np.asarray([r["side"] in CONFIG["sides"] for r in rows])
        m = fit([p for p, k in zip(prepped, keep) if k], block[keep], y[keep], CONFIG)
        models[lang] = (m, thr)
        report[lang] = {**res, "n_fit": int(keep.sum()), "positives_fit": int(y[keep].sum())}
    meta = {
        "name": "claimtrack-checkworthiness-news",
        "fitted_on": "engine items of articles/{fr,en}_train.jsonl (label: matches a check-worthy gold item) and of "
                     "the professional translations in news_train/wmt14_news_train.jsonl (label: the sentence's "
                     "cw label); never dev, seed or a CheckThat! file",
        "config": {**CONFIG, "tfidf_params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in TFIDF.items()},
                   "threshold_rule": f"best F1 (precision floor: {TARGET_PRECISION}) on article-grouped "
                                     f"{FOLDS}-fold out-of-fold logits of the original-side train items"},
        "train_kfold": report,
    }
    if not args.no_export:
        export(models, meta)
        print(f"wrote {OUT / 'news.json'} and news.npz", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
