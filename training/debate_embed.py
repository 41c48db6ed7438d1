"""Encoder stage of the English debate model: e5 sentence embeddings + logistic regression, stacked with
the TF-IDF model of ``training/train_debate.py`` (run after it: ``make train``).

    python -m training.debate_embed [--experiment] [--no-export]

The TF-IDF + cue model reads words; the multilingual-e5-small embedding (``claims.matching.encoder``, the
encoder the news stage and claim matching use) reads what a sentence says.  A logistic regression on the
384-d embedding gives a second logit; the shipped English score is ``a * z_tfidf + b * z_emb + c``.

Forward hold-out (the shipped model, too, is trained on past debates and applied to later text): both
stages are fitted on the ClaimBuster ``crowdsourced.csv`` debates before 2012; the three stacking numbers and
the decision threshold (F1-optimal) are chosen on the 2012 and 2016 debates.  The shipped embedding stage is
then refitted on every sentence; the shipped TF-IDF model is ``train_debate``'s.  Dev: ``groundtruth.csv``
(expert labels).  No reported file is read (``train_debate.load_training`` drops sentences whose text occurs
in one).

Embeddings are cached by text under ``var/enc_cache`` (ClaimBuster's 22k sentences take ~10 min to encode on
two idle cores, much longer on a busy machine).  ``--cached-only`` fits on the sentences already encoded (a
random sample when they were encoded in random order); the metadata says how many.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from training import train_debate as td

REPO = td.cw.MODEL_DIR.parent.parent.parent
CACHE = REPO / "var" / "enc_cache"
Z1_CACHE = REPO / "var" / "debate_z1_holdout.npz"  # the TF-IDF model's logits on the held-out debates
EMB_C = 1.0
HOLDOUT_FROM = 2012  # the 2012 and 2016 debates (23 % of the sentences) are the forward hold-out


def _encoder():
    from claims.matching.encoder import Encoder

    return Encoder(CACHE)


def fit_emb(E, y, C=EMB_C) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000).fit(E, y)


def tfidf_holdout(texts, y, groups, dev):
    """The TF-IDF model fitted on the debates before ``HOLDOUT_FROM``: its logits on the later debates (NaN
    elsewhere) and on the dev sentences (cached under var/: one fit of the TF-IDF model)."""
    if Z1_CACHE.exists():
        z = np.load(Z1_CACHE)
        if len(z["z"]) == len(y):
            return z["z"], z["dev"]
    years = td._year(groups)
    tr = np.where(years < HOLDOUT_FROM)[0]
    pred, _ = td._fit([texts[i] for i in tr], y[tr], td.CONFIG["lexical"])
    z = np.full(len(y), np.nan)
    ho = np.where(years >= HOLDOUT_FROM)[0]
    z[ho] = pred([texts[i] for i in ho])
    zd = pred(list(dev[0]))
    Z1_CACHE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(Z1_CACHE, z=z, dev=zd)
    return z, zd


def fit_stack(z1, z2, y):
    """(a, b, c) of the stacked logit a*z1 + b*z2 + c (log-loss on held-out logits)."""
    lr = LogisticRegression(C=100.0, max_iter=1000).fit(np.c_[z1, z2], y)
    return float(lr.coef_[0][0]), float(lr.coef_[0][1]), float(lr.intercept_[0])


def stack(z1, z2, abc):
    a, b, c = abc
    return a * z1 + b * z2 + c


def summary(y, z, thr=None):
    best, f1, _p, _r = td.best_threshold(y, z)
    out = {"n": len(y), "ap": round(float(average_precision_score(y, z)), 4), "best_f1": round(f1, 4)}
    if thr is not None:
        out["at_threshold"] = td.metrics(y, z, thr)
    return out


def run(texts, y, groups, dev, E, Ed, keep, C=EMB_C):
    """Forward hold-out: both stages fitted on the debates before HOLDOUT_FROM, the stack weights and the
    threshold chosen on the later debates (the shipped model, too, is applied to later text).  Returns
    (report, abc, threshold)."""
    years = td._year(groups)
    dev_t, dev_y, dev_g = dev
    z1, z1d = tfidf_holdout(texts, y, groups, dev)
    tr = keep & (years < HOLDOUT_FROM)
    ho = keep & (years >= HOLDOUT_FROM)
    m = fit_emb(E[tr], y[tr], C)
    z2, z2d = m.decision_function(E[ho]), m.decision_function(Ed)
    abc = fit_stack(z1[ho], z2, y[ho])
    s_ho, s_d = stack(z1[ho], z2, abc), stack(z1d, z2d, abc)
    thr = td.best_threshold(y[ho], s_ho)[0]
    thr1 = td.best_threshold(y[ho], z1[ho])[0]  # the TF-IDF model alone, its threshold chosen alike
    late = td._year(dev_g) >= HOLDOUT_FROM  # dev sentences of the held-out years
    rep = {
        "C": C,
        "fitted_before": HOLDOUT_FROM,
        "n_fit": int(tr.sum()),
        "stack_abc": [round(v, 4) for v in abc],
        "threshold_logit": round(thr, 4),
        "tfidf_holdout_crowdsourced": summary(y[ho], z1[ho], thr1),
        "emb_holdout_crowdsourced": summary(y[ho], z2),
        "stack_holdout_crowdsourced": summary(y[ho], s_ho, thr),
        "tfidf_groundtruth": summary(dev_y, z1d, thr1),
        "emb_groundtruth": summary(dev_y, z2d),
        "stack_groundtruth": summary(dev_y, s_d, thr),
        "tfidf_groundtruth_heldout_years": summary(dev_y[late], z1d[late], thr1),
        "stack_groundtruth_heldout_years": summary(dev_y[late], s_d[late], thr),
    }
    return rep, abc, thr


def export(E, y, keep, abc, thr, rep, C=EMB_C):
    """Add the embedding stage to the shipped lexical model (model.json, weights.npz, metadata.json)."""
    out = td.cw.MODEL_DIR
    m = fit_emb(E[keep], y[keep], C)
    model = json.loads((out / "model.json").read_text(encoding="utf-8"))
    lex = model["models"]["lexical"]
    lex.setdefault("tfidf_logit_offset", lex["logit_offset"])
    lex["logit_offset"] = thr
    lex["embedding"] = {
        "intercept": float(m.intercept_[0]),
        "stack": list(abc),
        "encoder": "multilingual-e5-small",
    }
    with np.load(out / "weights.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["lexical_emb_coef"] = m.coef_[0].astype(np.float32)
    np.savez_compressed(out / "weights.npz", **arrays)
    note = {
        "fitted_on": f"{int(keep.sum())} of {len(y)} crowdsourced.csv sentences (those encoded; random order)",
        "figures": rep,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    model["embedding_stage"] = note
    (out / "model.json").write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    meta["embedding_stage"] = note
    (out / "metadata.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--experiment", action="store_true", help="compare C values, export nothing")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--cached-only", action="store_true", help="fit on the sentences already encoded")
    args = ap.parse_args(argv)
    texts, y, groups, _dropped = td.load_training()
    dev = td.load_dev()
    enc = _encoder()
    from claims.matching.encoder import _key

    keep = np.ones(len(y), dtype=bool)
    if args.cached_only:
        keep = np.asarray([_key("query", t) in enc._memory for t in texts])
    E = np.zeros((len(y), 384))
    E[keep] = enc.embed([t for t, k in zip(texts, keep) if k], "query")
    Ed = enc.embed(list(dev[0]), "query").astype(np.float64)
    print(f"embedding stage on {int(keep.sum())} of {len(y)} sentences", flush=True)
    for C in (0.3, 1.0, 3.0) if args.experiment else (EMB_C,):
        rep, abc, thr = run(texts, y, groups, dev, E, Ed, keep, C)
        print(json.dumps(rep), flush=True)
    if not args.experiment and not args.no_export:
        export(E, y, keep, abc, thr, rep)
        print(f"wrote the embedding stage into {td.cw.MODEL_DIR}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
