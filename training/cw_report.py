"""Check-worthiness figures for bench/eval.py: article-grouped k-fold train figures and calibration.

    from training.cw_report import kfold_train_figures, kfold_train_predictions, apply_oof, calibration
    kfold_train_figures()            # {"fr": {...}, "en": {...}}: precision, recall, f1, brier, share_ge_0.99
    figures, scores = kfold_train_predictions()   # + every train item's out-of-fold score
    apply_oof("pred_fr_train.jsonl", scores["fr"])  # the CLI's train predictions, made out-of-fold
    calibration(articles, gold, pred)  # per language, from the CLI's predictions on any article set

``kfold_train_figures`` refits the news model per fold (every train article scored by a model that never
saw it nor its translation; ~1-2 min, cached items under var/cw_items).  ``calibration`` reads the scores
the extractor gave (``pred`` = the CLI's --jsonl output) and labels each predicted item 1 when it matches a
check-worthy gold item (the scorer's own match rule), so its Brier is on the same footing as the k-fold one.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def kfold_train_predictions(langs=("fr", "en"), rebuild: bool = False) -> tuple[dict, dict]:
    """(figures, scores): article-grouped k-fold figures per language and, per language, the out-of-fold
    score of every original-side train item keyed by (doc_id, start, end), each from a model (and a
    threshold and calibration slope) fitted without the item's article nor its translation."""
    from claims.extraction import checkworthiness as cw
    from training import cw_data, train_cw

    if rebuild:
        for lang in langs:
            for name in (f"{lang}_train", f"{lang}_translated"):
                (train_cw.ITEMS / f"items_{name}.jsonl").unlink(missing_ok=True)
    cw_data.build(train_cw.ITEMS)
    shipped = cw._load()["news"]
    cw._load()["news"] = {}  # the news model is fitted on the debate model alone
    try:
        figures, scores = {}, {}
        for lang in langs:
            rows, _f, _y, _calib, res, prob = train_cw.run_language(lang, train_cw.CONFIG, verbose=False)
            figures[lang] = {
                **res["train_oof_original"],
                "threshold_logit": res["threshold_logit"],
                "platt_slope": res["platt_slope"],
                "folds": train_cw.FOLDS,
                "grouped_by": "article (and its translation)",
            }
            scores[lang] = {
                (r["group"], r["start"], r["end"]): float(p)
                for r, p in zip(rows, prob)
                if r["side"] == "original"
            }
        return figures, scores
    finally:
        cw._load()["news"] = shipped


def kfold_train_figures(langs=("fr", "en")) -> dict:
    return kfold_train_predictions(langs)[0]


def apply_oof(pred_path: str | Path, scores: dict, threshold: float = 0.5) -> bool:
    """Replace the score and check-worthy flag of every item in a CLI --jsonl output by its out-of-fold score.

    Returns False (and leaves the file alone) when an item has no out-of-fold score: the cached engine items
    are stale (the engine changed since they were built) and must be rebuilt."""
    docs = _load(pred_path)
    for d in docs:
        for c in d.get("claims", []):
            key = (d["doc_id"], int(c["start"]), int(c["end"]))
            if key not in scores:
                return False
    for d in docs:
        for c in d.get("claims", []):
            s = scores[(d["doc_id"], int(c["start"]), int(c["end"]))]
            c["score"], c["checkworthy"] = round(s, 4), s >= threshold
    with open(pred_path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return True


def _load(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def calibration(articles: str | Path, gold: str | Path, pred: str | Path) -> dict:
    """Per language: items, share of scores >= 0.99 and <= 0.01, Brier against matched check-worthy gold."""
    from training.cw_data import _scorer_module

    sa = _scorer_module()
    texts = {a["doc_id"]: a for a in _load(articles)}
    preds = {p["doc_id"]: p for p in _load(pred)}
    per: dict[str, tuple[list, list]] = {}
    for g in _load(gold):
        doc = texts[g["doc_id"]]
        claims = preds.get(g["doc_id"], {}).get("claims", [])
        m = sa.match(
            sa.gold_spans(doc["text"], g["claims"]), [(int(c["start"]), int(c["end"])) for c in claims]
        )
        inv = {pi: gi for gi, pi in m.items()}
        s, y = per.setdefault(g.get("lang") or doc.get("lang"), ([], []))
        for pi, c in enumerate(claims):
            s.append(float(c.get("score") or 0.0))
            y.append(int(pi in inv and g["claims"][inv[pi]]["checkworthy"]))
    out = {}
    for lang, (s, y) in sorted(per.items()):
        s, y = np.asarray(s), np.asarray(y)
        out[lang] = {
            "items": int(len(s)),
            "share_ge_0.99": round(float(np.mean(s >= 0.99)), 4) if len(s) else None,
            "share_le_0.01": round(float(np.mean(s <= 0.01)), 4) if len(s) else None,
            "brier": round(float(np.mean((s - y) ** 2)), 4) if len(s) else None,
        }
    return out


if __name__ == "__main__":
    print(json.dumps({"train_kfold": kfold_train_figures()}, indent=1))
