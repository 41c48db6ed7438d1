"""Train the check-worthiness scorer shipped in ``claims/extraction/cw_model/``.

    python -m training.train_debate            # train + write cw_model/ (+ evaluate)
    python -m training.train_debate --evaluate # only score the shipped model on the
                                                                 # sentence TSVs with score_sentences.py

Data: ClaimBuster ``crowdsourced.csv`` (CC BY 4.0), label = Verdict 1 (check-worthy factual sentence)
vs 0/-1.  Sentences whose text also occurs in a reported test file (``ct23_test_en.tsv``,
``claimbuster_groundtruth_en.tsv``) are dropped before training (decontamination on text only).

Threshold (lexical model): F1-optimal on 5-fold out-of-fold scores grouped by debate, corrected for
temporal drift.  The correction is measured by forward-chaining validation -- for every debate year from
1992 on, a model trained only on the earlier debates scores that year -- against a control in which the
same year is scored by a model trained on as many sentences of random debates of other years: the
difference of the two F1-optimal thresholds is the effect of time alone (the shipped model, too, is
trained on past debates and applied to later text, and later debates score systematically lower).  Cue
model: F1-optimal on 5-fold out-of-fold scores grouped by debate (File_id).  The final model's logits are
shifted so that the chosen threshold sits at 0.5.  5-fold grouped CV figures on crowdsourced.csv and
debate-disjoint figures on groundtruth.csv (expert labels, dev data) are stored in metadata.json.  No
reported test file (nor the article dev gold) is used for training or tuning.
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

from claims.extraction import checkworthiness as cw
from training.cw_data import EVAL as _EVAL  # noqa: E402
from training.debate_model import SEED, _fit, export
from training.debate_validation import (
    FORWARD_FROM,
    _summary,
    best_threshold,
    cross_validate,
    matched_random,
    rolling_origin,
)

EVAL_DIR = Path(os.environ.get("CLAIMTRACK_EVAL_DIR", _EVAL))
CW_DIR = EVAL_DIR / "checkworthiness"
TRAIN_FILE = CW_DIR / "claimbuster" / "crowdsourced.csv"
REPORTED = [
    CW_DIR / "sentences" / "ct23_test_en.tsv",
    CW_DIR / "sentences" / "claimbuster_groundtruth_en.tsv",
]
DEV_FILE = CW_DIR / "claimbuster" / "groundtruth.csv"

# Hyper-parameters, chosen by debate-grouped cross-validation on crowdsourced.csv with groundtruth.csv
# (expert labels) scored debate-disjointly as dev data, and by forward-chaining validation (train on
# earlier debate years, score later ones).  n-gram ranges, min_df, C, dense weight, class weights, dropping
# or down-weighting UFS (Verdict 0) and confident-learning label cleaning made no difference or were worse;
# averaging LR with NB-LR (one linear model, same features) was a small consistent gain.
CONFIG = {
    "lexical": {
        "word": {"analyzer": "word", "ngram_range": [1, 2], "min_df": 2, "sublinear_tf": True},
        "char": {"analyzer": "char_wb", "ngram_range": [2, 5], "min_df": 3, "sublinear_tf": True},
        "dense_weight": 1.0,
        "C": 1.0,
        "nb_average": True,
        "threshold_rule": "forward",
    },
    "cue": {"dense_weight": 1.0, "C": 1.0, "threshold_rule": "cv"},
}


def _key(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def _reported_keys() -> set:
    keys = set()
    for f in REPORTED:
        if f.exists():
            with open(f, encoding="utf-8", newline="") as fh:
                keys |= {_key(r["text"]) for r in csv.DictReader(fh, delimiter="\t")}
    return keys


def load_training():
    """crowdsourced.csv minus the sentences whose text occurs in a reported file."""
    csv.field_size_limit(sys.maxsize)
    reported = _reported_keys()
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


def load_dev():
    """groundtruth.csv (expert labels, CheckThat! 2024 dev): scored out-of-debate for reporting only."""
    csv.field_size_limit(sys.maxsize)
    if not DEV_FILE.exists():
        return None
    with open(DEV_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return (
        [cw.normalize(r["Text"]) for r in rows],
        np.asarray([1 if r["Verdict"].strip() == "1" else 0 for r in rows]),
        np.asarray([r["File_id"] for r in rows]),
    )


def _year(groups) -> np.ndarray:
    return np.asarray([int(g[:4]) for g in groups])


# Every time a model's ct23 score was looked at, written down so that the next change knows the history.
CT23_LOOKS = (
    "ct23_test_en.tsv is the reported test. Looks at it, each after the model and threshold were fixed: "
    "3 by the LR+NB-LR model without z-clipping (shipped drift-corrected threshold -1.207: F1 0.786; plain CV "
    "threshold -0.865: 0.714; groundtruth-dev threshold -0.734: 0.667), then 1 by this model (dense z-scores "
    "clipped to +-3, retrained; its drift correction re-estimated at -0.46, threshold -1.347): F1 0.798. "
    "Nothing was changed after that look. Then 1 by the TF-IDF + e5 stack of training/debate_embed.py, its "
    "weights and threshold chosen on the 2012/2016 debates (forward hold-out) before the look: F1 0.853 "
    "(TSV text with quote marks kept), 0.842 through make eval (TSV read as CSV). Nothing changed after."
)
NEWS_CORPUS = EVAL_DIR.parent / "bench-corpus" / "bbc_business_politics.jsonl"
NEWS_CENTER_ARTICLES = 300


def news_prior_center(path: Path = NEWS_CORPUS, limit: int = NEWS_CENTER_ARTICLES) -> dict:
    """Mean news prior (``checkworthiness._hint_adjustment``) over the items the engine extracts from the
    first ``limit`` articles of an UNLABELLED English news corpus: the constant that centres the prior."""
    from claims.extraction import engine

    if not path.exists():
        return {"news_prior_center": {}, "news_prior_center_source": f"{path} not found: prior not centred"}
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line, _ in zip(fh, range(limit))]
    hints: list[dict] = []

    def collect(batch, lang, batch_hints):
        hints.extend(batch_hints)
        return [0.0] * len(batch)

    scorer = engine._scorer
    engine._scorer = lambda: (collect, 0.5)
    try:
        engine.extract_many(texts, ["en"] * len(texts))
    finally:
        engine._scorer = scorer
    center = float(np.mean([cw._hint_adjustment(h) for h in hints])) if hints else 0.0
    return {
        "news_prior_center": {"en": round(center, 4)},
        "news_prior_center_source": f"en: mean news prior over {len(hints)} items extracted from the first "
        f"{len(texts)} articles of {path.name} (unlabelled; labels of no kind "
        "used); other languages: no unlabelled news corpus, not centred",
    }


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
        res = subprocess.run(
            [
                sys.executable,
                str(EVAL_DIR / "score_sentences.py"),
                "--data",
                str(path),
                "--pred",
                tmp.name,
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        os.unlink(tmp.name)
        out = {"file": path.name, "lang": lang, **json.loads(res.stdout), "sent_per_s": round(len(data) / dt)}
        rows.append(out)
        print(
            f"{out['file']:34s} n={out['n']:5d} P={out['precision']:.3f} R={out['recall']:.3f} "
            f"F1={out['f1']:.3f} acc={out['accuracy']:.3f} AP={out['avg_precision']:.3f} "
            f"({out['sent_per_s']} sent/s)",
            flush=True,
        )
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
    years = _year(groups)
    print(
        f"training sentences: {len(texts)} (positives {int(y.sum())}, dropped {dropped} that occur in "
        f"reported test files)",
        flush=True,
    )
    devset = load_dev()
    models, dev = {}, {}
    for mname, cfg in CONFIG.items():
        lang = "en"
        dev_cv = (devset[0], devset[2]) if devset is not None and mname == "lexical" else None
        oof, dev_oof = cross_validate(texts, y, groups, cfg, lang=lang, dev=dev_cv)
        cv_thr = best_threshold(y, oof)[0]
        entry = {"threshold_rule": cfg["threshold_rule"]}
        if cfg["threshold_rule"] == "forward":
            dev_fw = (devset[0], _year(devset[2])) if dev_cv is not None else None
            fwd, dev_fwd = rolling_origin(texts, y, years, cfg, lang=lang, dev=dev_fw)
            ok = ~np.isnan(fwd)
            thr_fwd = best_threshold(y[ok], fwd[ok])[0]
            ctl = matched_random(texts, y, years, groups, cfg, lang=lang)
            thr_ctl = best_threshold(y[ok], ctl[ok])[0]
            drift = thr_fwd - thr_ctl
            thr = cv_thr + drift
            entry["cv5_threshold_logit"] = round(cv_thr, 4)
            entry["forward_threshold_logit"] = round(thr_fwd, 4)
            entry["matched_random_threshold_logit"] = round(thr_ctl, 4)
            entry["drift_correction_logit"] = round(drift, 4)
            entry["matched_random_crowdsourced"] = _summary(y, ctl, thr)
            entry["forward_chaining_crowdsourced"] = _summary(y, fwd, thr)
            recent = years == years.max()
            entry[f"forward_chaining_crowdsourced_{years.max()}"] = _summary(y[recent], fwd[recent], thr)
            if dev_fwd is not None:
                entry["forward_chaining_groundtruth"] = _summary(devset[1], dev_fwd, thr)
        else:
            thr = cv_thr
        entry["threshold_logit"] = round(thr, 4)
        entry["cv5_grouped_crowdsourced"] = _summary(y, oof, thr)
        if dev_oof is not None:
            entry["cv5_grouped_groundtruth_debate_disjoint"] = _summary(devset[1], dev_oof, thr)
        dev[mname] = entry
        print(f"[{mname}] {json.dumps(entry)}", flush=True)
        _, parts = _fit(texts, y, cfg, lang)
        models[mname] = (parts, thr)
    meta = {
        "name": "claimtrack-checkworthiness",
        "version": time.strftime("%Y%m%d"),
        "training_data": {
            "file": "claimbuster/crowdsourced.csv (ClaimBuster, CC BY 4.0, Arslan et al. 2020)",
            "label": "Verdict == 1 (check-worthy factual) vs 0/-1",
            "n": len(texts),
            "positives": int(y.sum()),
            "dropped_overlapping_reported_texts": dropped,
        },
        "threshold": cw.THRESHOLD,
        "threshold_choice": {
            "lexical": "F1-optimal threshold on 5-fold GroupKFold (by debate) out-of-fold logits over "
            "crowdsourced.csv, plus a temporal-drift correction: (F1-optimal threshold on "
            f"forward-chaining logits -- every debate year Y >= {FORWARD_FROM} scored by a model trained "
            "only on earlier debates) minus (F1-optimal threshold when year Y is scored by a model "
            "trained on as many sentences of randomly chosen debates of other years). The shipped "
            "model is trained on past debates and applied to later text, and later debates score "
            "systematically lower; the control removes the effect of the smaller training sets. "
            "Logits are shifted so that this point is 0.5.",
            "cue": "F1-optimal on 5-fold out-of-fold scores (GroupKFold by debate File_id) over crowdsourced.csv; "
            "logits are shifted so that this point is 0.5.",
            "not_used": "No reported file and no article dev gold file is used for training, the threshold or "
            "the hyper-parameters.",
        },
        "dev_data": "claimbuster/groundtruth.csv (expert labels, = claimbuster_groundtruth_en.tsv, CheckThat! 2024 "
        "dev) was used as DEV data: its debate-disjoint out-of-fold scores were compared when choosing "
        "the feature configuration (not the threshold). It shares 30 of 33 debates with the training "
        "file, so its score from the shipped model (trained on all debates) is a dev score, not a test "
        "score; use the debate-disjoint figures under dev_scores.",
        "routing": "lang 'en' -> lexical model; any other language -> cue model (per-language cue lists en/fr, "
        "language-independent number/shape cues; languages other than en/fr use the English lists)",
        "config": CONFIG,
        "dev_scores": dev,
        "seed": SEED,
        "train_seconds": None,
    }
    meta.update(news_prior_center())
    print(f"news prior centre: {meta['news_prior_center']} ({meta['news_prior_center_source']})", flush=True)
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
        meta["reported_scores"] = {
            r["file"]: {
                k: r[k] for k in ("n", "positives", "precision", "recall", "f1", "accuracy", "avg_precision")
            }
            for r in rows
        }
        meta["reported_scores_note"] = (
            "claimbuster_groundtruth_en.tsv is dev data (see dev_data) and shares "
            "debates with the training file: not a test score. " + CT23_LOOKS
        )
        # every run of this evaluation is a look at the reported ct23 test file: keep the record of all of them
        old = cw.MODEL_DIR / "metadata.json"
        looks = json.loads(old.read_text(encoding="utf-8")).get("ct23_looks", []) if old.exists() else []
        ct23 = meta["reported_scores"].get("ct23_test_en.tsv")
        if ct23:
            looks.append(
                {
                    "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "by": "make train (debate model)",
                    "f1": ct23["f1"],
                }
            )
        meta["ct23_looks"] = looks
        (out / "metadata.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
