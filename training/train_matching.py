#!/usr/bin/env python3
"""Fit the claim-matching re-ranker (claims/matching/model.json) on CheckThat! 2020 task 2 *train*.

    python training/train_matching.py

For every train tweet, the index proposes its candidates (BM25 ∪ encoder); each candidate's signals
(claims.matching.index.FEATURES) get label 1 when it is the claim the tweet repeats. A logistic
regression over them is the re-ranker. Its train figure is by query-grouped 5-fold; dev is never read
here. The auto-link threshold is the lowest score at which train candidates are ≥ 99% right, the
suggest threshold the lowest at which they are ≥ 50% right (both from the cross-validated scores).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.matching.encoder import Encoder  # noqa: E402
from claims.matching.index import FEATURES, MODEL_FILE, MatchIndex, Reranker  # noqa: E402
from training import matching_data as data  # noqa: E402
from training.matching_metrics import ranking_figures  # noqa: E402

CACHE = REPO / "var" / "matching-cache"


def threshold_for_precision(scores: np.ndarray, labels: np.ndarray, precision: float) -> float:
    order = np.argsort(-scores)
    hits = np.cumsum(labels[order])
    prec = hits / np.arange(1, len(order) + 1)
    ok = np.where(prec >= precision)[0]
    if not len(ok):
        return 1.0
    # The lowest score whose whole prefix keeps the precision.
    last = ok[-1]
    return float(scores[order][last])


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rset = data.ct20("train")
    encoder = Encoder(CACHE)
    index = MatchIndex(rset.corpus_ids, rset.corpus_texts, rset.corpus_titles, encoder=encoder)
    q_vectors = encoder.embed(rset.query_texts, "query")
    rows, labels, groups, cand_ids = [], [], [], []
    for g, (qid, text, vector) in enumerate(zip(rset.query_ids, rset.query_texts, q_vectors)):
        for i, features in index.candidates(text, vector):
            rows.append([features[name] for name in FEATURES])
            labels.append(1 if index.ids[i] in rset.relevant[qid] else 0)
            groups.append(g)
            cand_ids.append(index.ids[i])
    X, y, groups = np.array(rows), np.array(labels), np.array(groups)
    print(f"{len(rset.query_ids)} train tweets, {len(y)} candidates, {y.sum()} positives "
          f"(recall of the candidate pool {len(set(groups[y == 1])) / len(rset.query_ids):.3f})")

    cv_scores = np.zeros(len(y))
    for fit, test in GroupKFold(n_splits=5).split(X, y, groups):
        model = LogisticRegression(C=1.0, max_iter=2000).fit(X[fit], y[fit])
        cv_scores[test] = model.predict_proba(X[test])[:, 1]
    rankings: dict[str, list[str]] = {}
    ids = np.array(cand_ids)
    starts = np.searchsorted(groups, np.arange(len(rset.query_ids) + 1))  # candidates are grouped in order
    for g, qid in enumerate(rset.query_ids):
        part = slice(starts[g], starts[g + 1])
        order = np.argsort(-cv_scores[part])[:100]
        rankings[qid] = ids[part][order].tolist()
    cv = ranking_figures(rankings, rset.relevant, k=5)
    autolink = max(0.5, threshold_for_precision(cv_scores, y, 0.99))
    suggest = min(autolink, max(0.05, threshold_for_precision(cv_scores, y, 0.5)))
    print(f"train, query-grouped 5-fold: MAP@5 {cv['map@5']:.3f}, success@1 {cv['success@1']:.3f}")

    model = LogisticRegression(C=1.0, max_iter=2000).fit(X, y)
    payload = {
        "features": list(FEATURES),
        "weights": {name: round(float(w), 6) for name, w in zip(FEATURES, model.coef_[0])},
        "bias": round(float(model.intercept_[0]), 6),
        "suggest": round(suggest, 4),
        "autolink": round(autolink, 4),
        "fitted_on": "CheckThat! 2020 task 2 English train (801 tweets); dev never read",
        "train_cv": cv,
    }
    MODEL_FILE.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(REPO)}: suggest ≥ {suggest:.3f}, auto-link ≥ {autolink:.3f}")
    Reranker.load()  # the file loads
    return 0


if __name__ == "__main__":
    sys.exit(main())
