#!/usr/bin/env python3
"""Evaluate the claim extractor against the labelled data in ../shared/eval.

    python bench/eval.py [--skip-sentences] [--sets seed,fr_dev,en_dev,fr_train,en_train]

Runs the CLI (``python -m claims.extraction extract --jsonl``) on the article sets and scores them with
``score_articles.py``, per set and per block: per language, **dev** (the articles the extractor was built
against: fr = seed + fr_dev, en = en_dev) and **train** (the 106 articles labelled later, fr_train and
en_train; the check-worthiness news model is fitted on them, so every train item's score is replaced by its
article-grouped k-fold out-of-fold score, ``training.cw_report``, before scoring).  A calibration table gives
the share of saturated scores and the Brier score per language and block. A change that lifts one
block and not the other is fitting noise. runs ``python -m claims.extraction score`` on each sentence TSV and scores it with
``score_sentences.py``. Prints tables and writes ``bench/results/eval.json``.
Shared data is found at ``../shared`` relative to the repository, or at $CLAIMTRACK_SHARED.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from eval_helpers import _jsonl, concat, run, table  # bench/eval_helpers.py, next to this script

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED") or (REPO.parent / "shared")).resolve()
EVAL = SHARED / "eval"
RESULTS = REPO / "bench" / "results"
PY = sys.executable

ARTICLE_SETS = {
    "seed": ("seed.jsonl", "gold_seed.jsonl"),
    "fr_dev": ("fr_dev.jsonl", "gold_fr_dev.jsonl"),
    "en_dev": ("en_dev.jsonl", "gold_en_dev.jsonl"),
    "fr_train": ("fr_train.jsonl", "gold_fr_train.jsonl"),
    "en_train": ("en_train.jsonl", "gold_en_train.jsonl"),
}
# the blocks reported per language: the sets they pool (micro-averaged over their articles)
BLOCKS = {
    "dev": ("seed", "fr_dev", "en_dev"),
    "train": ("fr_train", "en_train"),
}
ARTICLE_COLS = [
    "articles",
    "gold_checkworthy",
    "predicted",
    "claim_recall",
    "claim_precision",
    "claim_f1",
    "checkworthy_recall",
    "checkworthy_precision",
    "checkworthy_f1",
    "quantity_recall",
    "unit_agreement",
    "speaker_accuracy",
    "type_agreement",
]
SENT_COLS = ["n", "positives", "precision", "recall", "f1", "accuracy", "avg_precision"]


def score(articles, gold, pred):
    out = run(
        [
            PY,
            str(EVAL / "score_articles.py"),
            "--articles",
            str(articles),
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--json",
        ]
    )
    return json.loads(out)


TYPE_COLS = ["type_agreement", "types_per_item", "type_precision", "causal_shown", "causal_precision"]


def type_figures(articles, gold, pred):
    """Per language, over the check-worthy gold items the extractor found (as ``type_agreement`` counts
    them): types shown per item, the share of shown types that are gold types, and the same for
    ``causal`` alone."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_articles", EVAL / "score_articles.py")
    sa = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sa)
    texts = {a["doc_id"]: a for a in _jsonl(articles)}
    preds = {p["doc_id"]: p for p in _jsonl(pred)}
    acc = {}
    for g in _jsonl(gold):
        doc = texts[g["doc_id"]]
        c = acc.setdefault(
            g.get("lang") or doc.get("lang"), {"n": 0, "ok": 0, "shown": 0, "hit": 0, "caus": 0, "caus_ok": 0}
        )
        p_claims = preds.get(g["doc_id"], {}).get("claims", [])
        m = sa.match(
            sa.gold_spans(doc["text"], g["claims"]), [(int(p["start"]), int(p["end"])) for p in p_claims]
        )
        for gi, pi in m.items():
            item = g["claims"][gi]
            if not item["checkworthy"]:
                continue
            shown = set(p_claims[pi].get("types") or [p_claims[pi].get("type")])
            c["n"] += 1
            c["ok"] += bool(shown & set(item["types"]))
            c["shown"] += len(shown)
            c["hit"] += len(shown & set(item["types"]))
            c["caus"] += "causal" in shown
            c["caus_ok"] += "causal" in shown and "causal" in item["types"]
    return {
        lang: {
            "type_agreement": round(c["ok"] / c["n"], 3) if c["n"] else None,
            "types_per_item": round(c["shown"] / c["n"], 2) if c["n"] else None,
            "type_precision": round(c["hit"] / c["shown"], 3) if c["shown"] else None,
            "causal_shown": c["caus"],
            "causal_precision": round(c["caus_ok"] / c["caus"], 3) if c["caus"] else None,
        }
        for lang, c in acc.items()
    }


def types_kfold():
    """The type model is fitted on train: its honest train figures are the article-grouped k-fold ones
    ``training/train_types.py`` stored with it."""
    path = REPO / "claims" / "extraction" / "cw_model" / "types.json"
    if not path.exists():
        return {}
    meta = json.loads(path.read_text(encoding="utf-8"))
    return {
        f"{lang} train (k-fold)": {k: f.get("learned_kfold", {}).get(k) for k in TYPE_COLS}
        for lang, f in meta.get("train_kfold", {}).items()
    }


def eval_blocks(sets, tmp):
    """Per language, the dev and train blocks: their sets pooled and scored as one."""
    report = {}
    for block, members in BLOCKS.items():
        names = [n for n in members if n in sets]
        if not names:
            continue
        arts = concat(
            [EVAL / "articles" / ARTICLE_SETS[n][0] for n in names], Path(tmp) / f"{block}_art.jsonl"
        )
        gold = concat(
            [EVAL / "articles" / ARTICLE_SETS[n][1] for n in names], Path(tmp) / f"{block}_gold.jsonl"
        )
        pred = concat([Path(tmp) / f"pred_{n}.jsonl" for n in names], Path(tmp) / f"{block}_pred.jsonl")
        types = type_figures(arts, gold, pred)
        for lang, r in score(arts, gold, pred).items():
            r["sets"] = "+".join(n for n in names if n == "seed" or n.startswith(lang))
            r["types"] = types.get(lang, {})
            report[f"{lang} {block}"] = r
    return dict(sorted(report.items()))


class TrainOOF:
    """Out-of-fold check-worthiness for the train sets: the shipped news model was fitted on them, so each
    train item takes the score of a model fitted without its article (article-grouped k-fold,
    ``training.cw_report``); the CLI's in-sample scores never reach the train figures."""

    def __init__(self):
        self.figures, self.scores, self._rebuilt = {}, {}, set()

    def apply(self, name, pred):
        lang = name.split("_")[0]
        from claims.extraction import checkworthiness as cw
        from training import cw_report

        if lang not in cw._load()["news"]:
            return  # no news model fitted for this language: the CLI's scores are out-of-sample already
        if lang not in self.scores:
            self.figures[lang], self.scores[lang] = (
                d[lang] for d in cw_report.kfold_train_predictions((lang,))
            )
        if not cw_report.apply_oof(pred, self.scores[lang]):
            if lang in self._rebuilt:
                raise SystemExit(f"out-of-fold scores do not cover the items of {pred}")
            self._rebuilt.add(lang)  # the cached engine items are stale: rebuild them once per language
            self.figures[lang], self.scores[lang] = (
                d[lang] for d in cw_report.kfold_train_predictions((lang,), rebuild=True)
            )
            if not cw_report.apply_oof(pred, self.scores[lang]):
                raise SystemExit(f"out-of-fold scores do not cover the items of {pred}")


def eval_articles(sets, tmp, oof=None):
    report = {}
    for name in sets:
        art, gold = ARTICLE_SETS[name]
        pred = Path(tmp) / f"pred_{name}.jsonl"
        t0 = time.perf_counter()
        run(
            [PY, "-m", "claims.extraction", "extract", "--jsonl", str(EVAL / "articles" / art)],
            stdout_path=pred,
        )
        elapsed = time.perf_counter() - t0
        if oof is not None and name in BLOCKS["train"]:
            oof.apply(name, pred)
        res = score(EVAL / "articles" / art, EVAL / "articles" / gold, pred)
        for lang, r in res.items():
            r["seconds_incl_model_load"] = round(elapsed, 2)
            report[f"{name}/{lang}"] = r
        keep = RESULTS / "tmp"
        keep.mkdir(parents=True, exist_ok=True)
        (keep / pred.name).write_bytes(pred.read_bytes())
    return report


CALIB_COLS = ["items", "share_ge_0.99", "share_le_0.01", "brier", "item_precision", "item_recall"]


def calibration_figures(sets, tmp, oof):
    """Per language and block: share of saturated scores and Brier; train from the out-of-fold scores,
    with the item-level k-fold precision/recall (folds by article) next to them."""
    from training import cw_report

    out = {}
    for block, members in BLOCKS.items():
        for name in members:
            if name not in sets:
                continue
            art, gold = ARTICLE_SETS[name]
            for lang, r in cw_report.calibration(
                EVAL / "articles" / art, EVAL / "articles" / gold, Path(tmp) / f"pred_{name}.jsonl"
            ).items():
                key = f"{lang} {block}"
                if key in out:  # seed + fr_dev: pool by item count
                    a, n = out[key], out[key]["items"] + r["items"]
                    for k in ("share_ge_0.99", "share_le_0.01", "brier"):
                        a[k] = round((a[k] * a["items"] + r[k] * r["items"]) / n, 4) if n else None
                    a["items"] = n
                else:
                    out[key] = dict(r)
                if block == "train" and lang in oof.figures:
                    f = oof.figures[lang]
                    out[key].update(
                        {
                            "item_precision": f["precision"],
                            "item_recall": f["recall"],
                            "kfold_brier": f["brier"],
                            "folds": f["folds"],
                        }
                    )
    return dict(sorted(out.items()))


def eval_sentences(tmp):
    report = {}
    for tsv in sorted((EVAL / "checkworthiness" / "sentences").glob("*.tsv")):
        with open(tsv, encoding="utf-8", newline="") as f:
            csv.field_size_limit(sys.maxsize)
            rows = list(csv.DictReader(f, delimiter="\t"))
        lang = rows[0]["lang"] if rows else None
        inp = Path(tmp) / (tsv.stem + ".txt")
        inp.write_text("".join(" ".join(r["text"].split()) + "\n" for r in rows), encoding="utf-8")
        pred = Path(tmp) / (tsv.stem + ".pred")
        cmd = [PY, "-m", "claims.extraction", "score"] + (["--lang", lang] if lang else [])
        run(cmd, stdin_path=inp, stdout_path=pred)
        out = run([PY, str(EVAL / "score_sentences.py"), "--data", str(tsv), "--pred", str(pred), "--json"])
        report[tsv.stem] = json.loads(out)
    return report


def eval_feedback(gold_path, articles_path, tmp):
    """Score the current extractor against the desk's own gold (``manage.py export_gold``).

    The article texts come from ``articles_path`` or, without it, from the database
    (``export_gold --article ... --articles-out``)."""
    gold_path = Path(gold_path)
    if not articles_path:
        ids = [
            json.loads(line)["doc_id"].partition("-")[2]
            for line in gold_path.open(encoding="utf-8")
            if line.strip()
        ]
        articles_path = Path(tmp) / "feedback_articles.jsonl"
        run(
            [
                PY,
                "manage.py",
                "export_gold",
                "--output",
                os.devnull,
                "--articles-out",
                str(articles_path),
                "--article",
                *ids,
            ]
        )
    pred = Path(tmp) / "pred_feedback.jsonl"
    run([PY, "-m", "claims.extraction", "extract", "--jsonl", str(articles_path)], stdout_path=pred)
    out = run(
        [
            PY,
            str(EVAL / "score_articles.py"),
            "--articles",
            str(articles_path),
            "--gold",
            str(gold_path),
            "--pred",
            str(pred),
            "--json",
        ]
    )
    return {f"feedback/{lang}": r for lang, r in json.loads(out).items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(ARTICLE_SETS))
    ap.add_argument("--skip-sentences", action="store_true")
    ap.add_argument("--out", default=str(RESULTS / "eval.json"))
    ap.add_argument(
        "--feedback", help="score against the desk's gold (export_gold) instead of ../shared/eval"
    )
    ap.add_argument("--feedback-articles", help="the texts for --feedback (default: read from the database)")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from claims.extraction import EXTRACTOR_VERSION

    result = {"extractor_version": EXTRACTOR_VERSION, "shared": str(SHARED)}
    if args.feedback:
        with tempfile.TemporaryDirectory() as tmp:
            result["feedback"] = eval_feedback(args.feedback, args.feedback_articles, tmp)
        table(f"The desk's corrections ({args.feedback})", result["feedback"], ARTICLE_COLS)
        out = Path(args.out if args.out != str(RESULTS / "eval.json") else RESULTS / "eval-feedback.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten {out}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        sets = [s for s in args.sets.split(",") if s]
        unknown = [s for s in sets if s not in ARTICLE_SETS]
        if unknown:
            raise SystemExit(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(ARTICLE_SETS)}")
        oof = TrainOOF()
        result["articles"] = eval_articles(sets, tmp, oof)
        table(
            "Articles per set (score_articles.py; train check-worthiness out-of-fold)",
            result["articles"],
            ARTICLE_COLS,
        )
        result["blocks"] = eval_blocks(sets, tmp)
        table(
            "Per language: dev (seed + fr_dev / en_dev) and train (fr_train / en_train, check-worthiness "
            "by article-grouped k-fold)",
            result["blocks"],
            ARTICLE_COLS,
        )
        result["checkworthiness_calibration"] = calibration_figures(sets, tmp, oof)
        table(
            "Check-worthiness scores: calibration (items; Brier against matched check-worthy gold)",
            result["checkworthiness_calibration"],
            CALIB_COLS,
        )
        result["types_kfold"] = types_kfold()
        table(
            "Types shown, over the check-worthy gold items found (train: in-sample, the type model is fitted "
            "on it; k-fold: training/train_types.py)",
            {**{k: r["types"] for k, r in result["blocks"].items()}, **result["types_kfold"]},
            TYPE_COLS,
        )
        if not args.skip_sentences:
            result["sentences"] = eval_sentences(tmp)
            table("Sentences (score_sentences.py, `score` CLI)", result["sentences"], SENT_COLS)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {args.out}")


if __name__ == "__main__":
    main()
