"""Train the check-worthiness scorer shipped in ``claims/extraction/cw_model/``.

    python -m claims.extraction.train_checkworthiness            # train + write cw_model/ (+ evaluate)
    python -m claims.extraction.train_checkworthiness --evaluate # only score the shipped model on the
                                                                 # sentence TSVs with score_sentences.py

Data: ClaimBuster ``crowdsourced.csv`` (CC BY 4.0), label = Verdict 1 (check-worthy factual sentence)
vs 0/-1.  Sentences whose text also occurs in a reported test file (``ct23_test_en.tsv``,
``claimbuster_groundtruth_en.tsv``) are dropped before training (decontamination on text only).

Threshold: 5-fold cross-validation grouped by debate (File_id) gives out-of-fold scores for every
training sentence; the threshold maximising F1 of the positive class on those out-of-fold scores is
chosen, and the final model's logits are shifted so that this threshold sits at 0.5.  No reported
file (nor the article dev gold) is used for training or tuning.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from claims.extraction import checkworthiness as cw

EVAL_DIR = Path(os.environ.get("CLAIMTRACK_EVAL_DIR", Path(__file__).resolve().parents[3] / "shared" / "eval"))
CW_DIR = EVAL_DIR / "checkworthiness"
TRAIN_FILE = CW_DIR / "claimbuster" / "crowdsourced.csv"
REPORTED = [CW_DIR / "sentences" / "ct23_test_en.tsv", CW_DIR / "sentences" / "claimbuster_groundtruth_en.tsv"]
SEED = 13

# Hyper-parameters (chosen by grouped cross-validation on crowdsourced.csv only)
CONFIG = {
    "lexical": {
        "word": {"analyzer": "word", "ngram_range": [1, 2], "min_df": 2, "sublinear_tf": True},
        "char": {"analyzer": "char_wb", "ngram_range": [2, 5], "min_df": 3, "sublinear_tf": True},
        "dense_weight": 1.0,
        "C": 1.0,
    },
    "cue": {"dense_weight": 1.0, "C": 1.0},
}


def _key(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def load_training():
    csv.field_size_limit(sys.maxsize)
    reported = set()
    for f in REPORTED:
        if f.exists():
            with open(f, encoding="utf-8", newline="") as fh:
                reported |= {_key(r["text"]) for r in csv.DictReader(fh, delimiter="\t")}
    texts, labels, groups, dropped = [], [], [], 0
    with open(TRAIN_FILE, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if _key(r["Text"]) in reported:
                dropped += 1
                continue
            texts.append(cw.normalize(r["Text"]))
            labels.append(1 if r["Verdict"].strip() == "1" else 0)
            groups.append(r["File_id"])
    return texts, np.asarray(labels), np.asarray(groups), dropped


def _fit(texts, y, cfg, lang="en"):
    """Fit one linear model; return (predict_logit function, exportable parts)."""
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
    mats.append(sp.csr_matrix((D - mean) / scale * w))
    X = sp.hstack(mats).tocsr()
    clf = LogisticRegression(C=cfg["C"], solver="liblinear", max_iter=5000, random_state=SEED)
    clf.fit(X, y)
    coef = clf.coef_.ravel().copy()
    n_sparse = X.shape[1] - D.shape[1]
    coef[n_sparse:] *= w  # fold the dense weight into the coefficients
    parts = {"vecs": vecs, "mean": mean, "scale": scale, "coef": coef, "intercept": float(clf.intercept_[0])}

    def predict_logit(texts2, lang2=lang):
        pre = [cw.text_for_ngrams(t) for t in texts2]
        out = np.full(len(texts2), parts["intercept"])
        start = 0
        for _, v, _ in vecs:
            Xi = v.transform(pre)
            out += Xi @ coef[start:start + Xi.shape[1]]
            start += Xi.shape[1]
        Z = (cw.dense_features(texts2, lang2) - mean) / scale
        out += Z @ coef[start:]
        return out

    return predict_logit, parts


def best_threshold(y, logits):
    """Logit threshold maximising F1 of the positive class."""
    order = np.argsort(-logits)
    ys = y[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ys) + 1)
    prec = tp / k
    rec = tp / max(1, ys.sum())
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0)
    i = int(f1.argmax())
    thr = (logits[order][i] + logits[order][min(i + 1, len(ys) - 1)]) / 2
    return float(thr), float(f1[i]), float(prec[i]), float(rec[i])


def metrics(y, logits, thr):
    d = logits >= thr
    tp = int((d & (y == 1)).sum())
    fp = int((d & (y == 0)).sum())
    fn = int((~d & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def cross_validate(texts, y, groups, cfg, folds=5):
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(folds).split(texts, y, groups):
        pred, _ = _fit([texts[i] for i in tr], y[tr], cfg)
        oof[te] = pred([texts[i] for i in te])
    return oof


def export(models: dict, meta: dict, out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays, mmeta = {}, {}
    for mname, (parts, offset) in models.items():
        vmeta = []
        for name, v, p in parts["vecs"]:
            inv = sorted(v.vocabulary_.items(), key=lambda kv: kv[1])
            params = {k: (list(val) if isinstance(val, tuple) else val) for k, val in p.items() if k != "min_df"}
            vmeta.append({"name": name, "params": params, "vocabulary": [t for t, _ in inv]})
            arrays[f"{mname}_{name}_idf"] = v.idf_.astype(np.float32)
        arrays[f"{mname}_dense_mean"] = parts["mean"].astype(np.float64)
        arrays[f"{mname}_dense_scale"] = parts["scale"].astype(np.float64)
        arrays[f"{mname}_coef"] = parts["coef"].astype(np.float32)
        mmeta[mname] = {"vectorizers": vmeta, "intercept": parts["intercept"], "logit_offset": offset}
    np.savez_compressed(out_dir / "weights.npz", **arrays)
    (out_dir / "model.json").write_text(json.dumps({**meta, "models": mmeta}, ensure_ascii=False), encoding="utf-8")
    (out_dir / "metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def evaluate(paths=None) -> list[dict]:
    """Score every sentences/*.tsv with the shipped model through score_sentences.py."""
    import importlib

    importlib.reload(cw)
    csv.field_size_limit(sys.maxsize)
    paths = paths or sorted((CW_DIR / "sentences").glob("*.tsv"))
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            data = list(csv.DictReader(fh, delimiter="\t"))
        lang = data[0]["lang"] if data else "en"
        t0 = time.perf_counter()
        scores = cw.score_texts([r["text"] for r in data], lang)
        dt = time.perf_counter() - t0
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
            for s in scores:
                tmp.write(f"{s:.6f}\t{int(s >= cw.THRESHOLD)}\n")
        res = subprocess.run([sys.executable, str(EVAL_DIR / "score_sentences.py"), "--data", str(path),
                              "--pred", tmp.name, "--json"], capture_output=True, text=True, check=True)
        os.unlink(tmp.name)
        out = {"file": path.name, "lang": lang, **json.loads(res.stdout), "sent_per_s": round(len(data) / dt)}
        rows.append(out)
        print(f"{out['file']:34s} n={out['n']:5d} P={out['precision']:.3f} R={out['recall']:.3f} "
              f"F1={out['f1']:.3f} acc={out['accuracy']:.3f} AP={out['avg_precision']:.3f} "
              f"({out['sent_per_s']} sent/s)", flush=True)
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaluate", action="store_true", help="only evaluate the shipped model")
    ap.add_argument("--no-evaluate", action="store_true", help="train without evaluating afterwards")
    ap.add_argument("--out", default=str(cw.MODEL_DIR))
    args = ap.parse_args(argv)
    if args.evaluate:
        evaluate()
        return
    t0 = time.time()
    texts, y, groups, dropped = load_training()
    print(f"training sentences: {len(texts)} (positives {int(y.sum())}, dropped {dropped} that occur in "
          f"reported test files)", flush=True)
    models, dev = {}, {}
    for mname, cfg in CONFIG.items():
        oof = cross_validate(texts, y, groups, cfg)
        thr, f1, p, r = best_threshold(y, oof)
        from sklearn.metrics import average_precision_score

        dev[mname] = {"threshold_logit": round(thr, 4), "oof_f1": round(f1, 4), "oof_precision": round(p, 4),
                      "oof_recall": round(r, 4), "oof_avg_precision": round(float(average_precision_score(y, oof)), 4)}
        print(f"[{mname}] 5-fold grouped CV: {dev[mname]}", flush=True)
        _, parts = _fit(texts, y, cfg)
        models[mname] = (parts, thr)
    meta = {
        "name": "claimtrack-checkworthiness",
        "version": time.strftime("%Y%m%d"),
        "training_data": {"file": "claimbuster/crowdsourced.csv (ClaimBuster, CC BY 4.0, Arslan et al. 2020)",
                          "label": "Verdict == 1 (check-worthy factual) vs 0/-1",
                          "n": len(texts), "positives": int(y.sum()),
                          "dropped_overlapping_reported_texts": dropped},
        "threshold": cw.THRESHOLD,
        "threshold_choice": "F1-optimal on 5-fold out-of-fold scores (GroupKFold by debate File_id) over "
                            "crowdsourced.csv; logits are shifted so that this point is 0.5. No reported file "
                            "and no article dev gold file used.",
        "routing": "lang 'en' -> lexical model; any other language -> cue model (per-language cue lists en/fr, "
                   "language-independent number/shape cues; languages other than en/fr use the English lists)",
        "config": CONFIG,
        "dev_scores": dev,
        "train_seconds": None,
    }
    meta["train_seconds"] = round(time.time() - t0, 1)
    out = Path(args.out)
    export(models, meta, out)
    sizes = {p.name: p.stat().st_size for p in out.iterdir() if p.is_file()}
    meta["sizes_bytes"] = sizes
    export(models, meta, out)
    print(f"wrote {out} {sizes} in {meta['train_seconds']} s", flush=True)
    if not args.no_evaluate and out.resolve() == cw.MODEL_DIR.resolve():
        cw._MODEL = None
        rows = evaluate()
        # reporting only (nothing above was chosen with these files): stored next to the model
        meta["reported_scores"] = {r["file"]: {k: r[k] for k in ("n", "positives", "precision", "recall", "f1",
                                                                  "accuracy", "avg_precision")} for r in rows}
        (out / "metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
