"""The check-worthiness model ``training/train_debate.py`` fits: TF-IDF word and character n-grams
plus the scorer's dense features, one logistic regression (optionally averaged with NB-LR), and its
export to ``claims/extraction/cw_model/``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from claims.extraction import checkworthiness as cw

SEED = 13


def _nb_ratio(X, y, alpha=1.0):
    """Naive-Bayes log-count ratio of each (binarised) feature, as in NB-SVM (Wang & Manning 2012)."""
    B = X.copy().tocsr()
    B.data[:] = 1.0
    pos = np.asarray(B[y == 1].sum(axis=0)).ravel() + alpha
    neg = np.asarray(B[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


def _fit(texts, y, cfg, lang="en"):
    """Fit one linear model; return (predict_logit function, exportable parts).

    With ``cfg["nb_average"]`` the model is the average of a logistic regression on the TF-IDF features
    and one on NB-scaled TF-IDF features (NB-LR); both are linear in the same features, so the average is
    a single coefficient vector (w_lr + r * w_nb) / 2 and inference cost does not change.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vecs, mats = [], []
    prepped = [cw.text_for_ngrams(t) for t in texts]
    for name in ("word", "char"):
        if name in cfg:
            p = dict(cfg[name])
            p["ngram_range"] = tuple(p["ngram_range"])
            v = TfidfVectorizer(dtype=np.float32, **p)
            mats.append(v.fit_transform(prepped))
            vecs.append((name, v, p))
    D = cw.dense_features(texts, lang)
    mean = D.mean(axis=0)
    scale = D.std(axis=0)
    scale[scale < 1e-6] = 1.0
    w = cfg.get("dense_weight", 1.0)
    mats.append(sp.csr_matrix(cw.standardise(D, mean, scale) * w))
    X = sp.hstack(mats).tocsr()
    n_sparse = X.shape[1] - D.shape[1]
    clf = LogisticRegression(C=cfg["C"], solver="liblinear", max_iter=5000, random_state=SEED)
    clf.fit(X, y)
    coef = clf.coef_.ravel().astype(np.float64)
    intercept = float(clf.intercept_[0])
    if cfg.get("nb_average"):
        r = _nb_ratio(X, y)
        r[n_sparse:] = 1.0  # the dense block is not NB-scaled
        nb = LogisticRegression(C=cfg["C"], solver="liblinear", max_iter=5000, random_state=SEED)
        nb.fit(X @ sp.diags(r), y)
        coef = (coef + r * nb.coef_.ravel()) / 2
        intercept = (intercept + float(nb.intercept_[0])) / 2
    coef[n_sparse:] *= w  # fold the dense weight into the coefficients
    parts = {"vecs": vecs, "mean": mean, "scale": scale, "coef": coef, "intercept": intercept}

    def predict_logit(texts2, lang2=lang):
        pre = [cw.text_for_ngrams(t) for t in texts2]
        out = np.full(len(texts2), parts["intercept"])
        start = 0
        for _, v, _ in vecs:
            Xi = v.transform(pre)
            out += Xi @ coef[start : start + Xi.shape[1]]
            start += Xi.shape[1]
        Z = cw.standardise(cw.dense_features(texts2, lang2), mean, scale)
        out += Z @ coef[start:]
        return out

    return predict_logit, parts


def export(models: dict, meta: dict, out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays, mmeta = {}, {}
    for mname, (parts, offset) in models.items():
        vmeta = []
        for name, v, p in parts["vecs"]:
            inv = sorted(v.vocabulary_.items(), key=lambda kv: kv[1])
            params = {
                k: (list(val) if isinstance(val, tuple) else val) for k, val in p.items() if k != "min_df"
            }
            vmeta.append({"name": name, "params": params, "vocabulary": [t for t, _ in inv]})
            arrays[f"{mname}_{name}_idf"] = v.idf_.astype(np.float32)
        arrays[f"{mname}_dense_mean"] = parts["mean"].astype(np.float64)
        arrays[f"{mname}_dense_scale"] = parts["scale"].astype(np.float64)
        arrays[f"{mname}_coef"] = parts["coef"].astype(np.float32)
        mmeta[mname] = {"vectorizers": vmeta, "intercept": parts["intercept"], "logit_offset": offset}
    np.savez_compressed(out_dir / "weights.npz", **arrays)
    (out_dir / "model.json").write_text(
        json.dumps({**meta, "models": mmeta}, ensure_ascii=False), encoding="utf-8"
    )
    (out_dir / "metadata.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
