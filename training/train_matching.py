#!/usr/bin/env python3
"""Fit the claim-matching re-ranker (claims/matching/model.json) on CheckThat! 2020 task 2 *train*.

    python training/train_matching.py [--queries N] [--pool 10] [--bm25-only] [--gbm] [--adapter] [--write]

For each train tweet, its candidates are those `MatchIndex` re-ranks: the union of BM25's and the
encoder's top `--pool` over all 10,390 claims (training.matching_pool.index_pools; every claim is
embedded once, then cached in var/matching-cache). `--bm25-only` takes BM25's top `--pool` instead
(only those claims need embedding: the cheaper stand-in). Each candidate gets the product's signals
(claims.matching.index.FEATURES) and label 1 when it is the claim the tweet repeats. Rankers are compared on train by query-grouped 5-fold MAP@5
(a query whose claim is not in the pool counts 0): BM25 alone, the encoder's cosine alone, a logistic
regression over every signal, gradient-boosted trees over every signal, and reciprocal-rank fusion
of BM25 and cosine. The logistic model is
what ships (weights on the raw signals, so claims.matching.index.Reranker needs no library).
Dev is never read here.

Linking is decided apart from ranking (claims.matching.index.Reranker.link_score): by the cosine of
each tweet's top candidate, `suggest` where those are ≥ 80% right, `autolink` where ≥ 99% (floor 0.95).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.matching import adapter as adapters  # noqa: E402
from claims.matching.encoder import Encoder  # noqa: E402
from claims.matching.index import FEATURES, MODEL_FILE, Reranker  # noqa: E402
from training import matching_adapter  # noqa: E402
from training import matching_data as data  # noqa: E402
from training.matching_metrics import ranking_figures  # noqa: E402
from training.matching_pool import documents, index_pools, pool_features  # noqa: E402

CACHE = REPO / "var" / "matching-cache"
FOLDS = 5
SCALE, CENTRE = 40.0, 0.9  # the linking score: sigmoid(SCALE * (cosine - CENTRE))
AUTOLINK_FLOOR = 0.95  # cosine
# Every CT20 tweet has its match in the pool, so top-1 precision there overstates how safe a low
# cosine is in news, where most claims have none: below 0.888 (where cosine ranking alone put the
# 80% point) e5 pairs unrelated sentences of one topic, and the desk would be asked about them.
SUGGEST_FLOOR = 0.888  # cosine


def _link(cosine: float) -> float:
    return float(1 / (1 + np.exp(-SCALE * (cosine - CENTRE))))


def threshold_for_precision(scores: np.ndarray, labels: np.ndarray, precision: float) -> float | None:
    """The lowest score whose whole prefix (scores above it) keeps `precision`; None if none does."""
    order = np.argsort(-scores, kind="stable")
    prec = np.cumsum(labels[order]) / np.arange(1, len(order) + 1)
    ok = np.where(prec >= precision)[0]
    return float(scores[order][ok[-1]]) if len(ok) else None


def table(pools, names=FEATURES):
    rows, groups, ids = [], [], []
    for g, (qid, cands) in enumerate(pools):
        for doc_id, features in cands:
            rows.append([features[name] for name in names])
            groups.append(g)
            ids.append((qid, doc_id))
    return np.array(rows, dtype=float), np.array(groups), ids


def figures(pools, relevant, scores: np.ndarray) -> dict:
    by_query: dict[str, list[tuple[float, str]]] = {}
    i = 0
    for qid, cands in pools:
        by_query[qid] = sorted(((-scores[i + j], doc) for j, (doc, _f) in enumerate(cands)))
        i += len(cands)
    rankings = {q: [d for _s, d in ranked] for q, ranked in by_query.items()}
    return ranking_figures(rankings, {q: relevant[q] for q in rankings}, k=5)


def reciprocal_rank_fusion(pools, *signals: np.ndarray, k: int = 60) -> np.ndarray:
    """Σ 1/(k + rank) over the signals, ranks within each query's pool (nothing fitted)."""
    out, i = np.zeros(len(signals[0])), 0
    for _qid, cands in pools:
        for signal in signals:
            part = signal[i : i + len(cands)]
            ranks = np.empty(len(cands))
            ranks[np.argsort(-part, kind="stable")] = np.arange(1, len(cands) + 1)
            out[i : i + len(cands)] += 1 / (k + ranks)
        i += len(cands)
    return out


def logistic():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))


class Pairwise:
    """A linear ranker fitted on differences (the right claim minus each wrong one of the same tweet:
    a logistic RankSVM), then Platt-scaled on its own scores so that thresholds are probabilities."""

    def fit(self, X, y, groups):
        from sklearn.linear_model import LogisticRegression

        self.mean, self.scale = X.mean(axis=0), X.std(axis=0) + 1e-9
        Z = (X - self.mean) / self.scale
        diffs = []
        for g in np.unique(groups):
            rows = np.where(groups == g)[0]
            pos, neg = rows[y[rows] == 1], rows[y[rows] == 0]
            diffs += [Z[p] - Z[n] for p in pos for n in neg]
        D = np.array(diffs)
        ranker = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
        ranker.fit(np.vstack([D, -D]), np.r_[np.ones(len(D)), np.zeros(len(D))])
        self.w = ranker.coef_[0]
        raw = Z @ self.w
        platt = LogisticRegression(C=1e6, max_iter=2000).fit(raw.reshape(-1, 1), y)
        self.a, self.b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        return self

    def predict_proba(self, X):
        z = self.a * (((X - self.mean) / self.scale) @ self.w) + self.b
        p = 1 / (1 + np.exp(-z))
        return np.c_[1 - p, p]

    def raw_weights(self) -> tuple[np.ndarray, float]:
        """Weights on the unscaled signals and a bias: what claims.matching.index.Reranker reads."""
        weights = self.a * self.w / self.scale
        return weights, float(self.b - np.sum(self.a * self.w * self.mean / self.scale))


def cross_val_pairwise(X, y, groups) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for fit, held in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        out[held] = Pairwise().fit(X[fit], y[fit], groups[fit]).predict_proba(X[held])[:, 1]
    return out


def gbm():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0)


def export_trees(model, names, X) -> dict:
    """The fitted trees as JSON rows [feature, threshold, left, right, value] (feature None: a leaf),
    checked against the library's own predictions."""
    forest = []
    for (predictor,) in model._predictors:
        forest.append(
            [
                [
                    None if node["is_leaf"] else names[int(node["feature_idx"])],
                    float(node["num_threshold"]),
                    int(node["left"]),
                    int(node["right"]),
                    float(node["value"]),
                ]
                for node in predictor.nodes
            ]
        )
    baseline = float(np.ravel(model._baseline_prediction)[0])
    mine = [baseline + sum(_walk(tree, row, names) for tree in forest) for row in X]
    theirs = model.decision_function(X)
    assert np.allclose(mine, theirs, atol=1e-6), "exported trees disagree with the fitted model"
    return {"baseline": baseline, "trees": forest}


def _walk(tree, row, names) -> float:
    node = tree[0]
    while node[0] is not None:
        node = tree[node[2] if row[names.index(node[0])] <= node[1] else node[3]]
    return node[4]


def cross_val(make, X, y, groups) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for fit, held in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        model = make().fit(X[fit], y[fit])
        out[held] = model.predict_proba(X[held])[:, 1]
    return out


def cross_fitted_adapter(rset, encoder: Encoder, limit: int | None):
    """Each train tweet's adapted vector by an adapter fitted on the other folds (so the re-ranker
    learns from the adapted cosine of tweets it was not fitted on, as in use), and the adapter fitted
    on every train tweet (what ships)."""
    from sklearn.model_selection import KFold

    docs = encoder.embed(documents(rset), "query")
    row = {c: i for i, c in enumerate(rset.corpus_ids)}
    q = encoder.embed(rset.query_texts[:limit], "query")
    targets = np.array([row[sorted(rset.relevant[qid])[0]] for qid in rset.query_ids[:limit]])
    out = np.zeros_like(q)
    for fit, held in KFold(n_splits=FOLDS).split(q):
        out[held] = adapters.apply(q[held], matching_adapter.fit(q[fit], targets[fit], docs))
    return out, matching_adapter.fit(q, targets, docs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=None, help="the first N train tweets (default: all)")
    parser.add_argument(
        "--pool", type=int, default=10, help="candidates per tweet from each of BM25 and cosine"
    )
    parser.add_argument("--bm25-only", action="store_true", help="BM25's top --pool only (cheaper)")
    parser.add_argument("--write", action="store_true", help="write claims/matching/model.json")
    parser.add_argument("--gbm", action="store_true", help="also compare gradient-boosted trees")
    parser.add_argument(
        "--adapter", action="store_true", help="fit the query adapter too (else none: acosine = cosine)"
    )
    args = parser.parse_args()
    rset = data.ct20("train")
    encoder = Encoder(CACHE)
    fitted_adapter = None
    if args.bm25_only:
        pools = pool_features(rset, encoder, args.pool, limit=args.queries)
    else:
        if args.adapter:
            adapted, fitted_adapter = cross_fitted_adapter(rset, encoder, args.queries)
        else:
            adapted = encoder.embed(rset.query_texts[: args.queries], "query")
        pools = index_pools(rset, encoder, args.pool, limit=args.queries, adapted=adapted)
    shape = f"BM25 top {args.pool}" if args.bm25_only else f"BM25 and cosine top {args.pool}"
    X, groups, ids = table(pools)
    X_all = X
    y = np.array([doc in rset.relevant[q] for q, doc in ids], dtype=int)
    col = {name: i for i, name in enumerate(FEATURES)}
    compared = {
        "bm25": figures(pools, rset.relevant, X[:, col["bm25"]]),
        "cosine": figures(pools, rset.relevant, X[:, col["cosine"]]),
        "adapted_cosine": figures(pools, rset.relevant, X[:, col["acosine"]]),
    }
    fused = reciprocal_rank_fusion(pools, X[:, col["bm25"]], X[:, col["cosine"]])
    compared["rrf"] = figures(pools, rset.relevant, fused)
    cv_all = cross_val(logistic, X, y, groups)
    compared["logistic"] = figures(pools, rset.relevant, cv_all)
    # cosine_gap is measured against the best of the pool here, against the best of every claim in
    # the product: it ships only if it earns its keep.
    names = tuple(n for n in FEATURES if n != "cosine_gap")
    X_nogap = X[:, [col[n] for n in names]]
    cv_nogap = cross_val(logistic, X_nogap, y, groups)
    compared["logistic_without_cosine_gap"] = figures(pools, rset.relevant, cv_nogap)
    cv_pairwise = cross_val_pairwise(X, y, groups)
    compared["pairwise"] = figures(pools, rset.relevant, cv_pairwise)
    if args.gbm:
        cv_gbm = cross_val(gbm, X, y, groups)
        compared["gbm"] = figures(pools, rset.relevant, cv_gbm)
    if compared["logistic"]["map@5"] - compared["logistic_without_cosine_gap"]["map@5"] >= 0.01:
        names, cv_logistic = FEATURES, cv_all
    else:
        X, cv_logistic = X_nogap, cv_nogap
    for name, fig in compared.items():
        print(
            f"train, {len(pools)} tweets, {shape}, {name:28s}: MAP@5 {fig['map@5']:.3f}"
            f"  success@1 {fig['success@1']:.3f}  ({FOLDS}-fold by tweet where fitted)"
        )

    # Linking: the cosine of each tweet's top candidate (by the held-out ranking), mapped to 0–1 by
    # sigmoid(SCALE * (cosine - CENTRE)); suggest where those are ≥ 80% right, auto-link where ≥ 99%
    # (with a floor: a 300-tweet sample says little about the last percent).
    top_cosine, top_right, i = [], [], 0
    for qid, cands in pools:
        if cands:
            j = int(np.argmax(cv_logistic[i : i + len(cands)]))
            top_cosine.append(cands[j][1]["cosine"])
            top_right.append(cands[j][0] in rset.relevant[qid])
        i += len(cands)
    top_cosine, top_right = np.array(top_cosine), np.array(top_right, dtype=float)
    suggest_cos = max(threshold_for_precision(top_cosine, top_right, 0.80) or AUTOLINK_FLOOR, SUGGEST_FLOOR)
    auto_cos = max(threshold_for_precision(top_cosine, top_right, 0.99) or AUTOLINK_FLOOR, AUTOLINK_FLOOR)
    suggest, autolink = _link(suggest_cos), _link(auto_cos)
    print(
        f"linking: suggest at cosine {suggest_cos:.3f} ({suggest:.4f}),"
        f" auto-link at {auto_cos:.3f} ({autolink:.4f})"
    )

    model = logistic().fit(X, y)
    scaler, lr = model[0], model[1]
    weights = lr.coef_[0] / scaler.scale_
    bias = float(lr.intercept_[0] - np.sum(lr.coef_[0] * scaler.mean_ / scaler.scale_))
    payload = {
        "features": list(names),
        "weights": {name: round(float(w), 6) for name, w in zip(names, weights)},
        "bias": round(bias, 6),
        "link": {"weights": {"cosine": SCALE}, "bias": -SCALE * CENTRE},
        "suggest": round(float(suggest), 4),
        "autolink": round(float(autolink), 4),
        "suggest_cosine": round(float(suggest_cos), 4),
        "autolink_cosine": round(float(auto_cos), 4),
        "fitted_on": f"CheckThat! 2020 task 2 English train ({len(pools)} tweets, "
        f"{shape} each); "
        "dev never read",
        "train": {name: fig for name, fig in compared.items()},
        "note": "ranking: logistic regression over every signal, train figures by tweet-grouped 5-fold; "
        "linking: the cosine of each tweet's top candidate, thresholds at top-1 precision "
        "0.80 (floor cosine 0.888) and 0.99 "
        "(auto-link floor cosine 0.95), and no disagreement on numbers or names",
    }
    if args.gbm and compared["gbm"]["map@5"] > compared["logistic"]["map@5"]:
        payload["trees"] = export_trees(gbm().fit(X_all, y), FEATURES, X_all)
        payload["note"] = payload["note"].replace(
            "ranking: logistic regression",
            "ranking: gradient-boosted trees (the logistic weights are kept as a fallback)",
        )
    if args.write:
        if fitted_adapter is not None:
            np.savez(adapters.ADAPTER_FILE, A=fitted_adapter[0], B=fitted_adapter[1])
            payload["adapter"] = f"{adapters.ADAPTER_FILE.name}: rank {matching_adapter.RANK}, cross-fitted"
        else:
            adapters.ADAPTER_FILE.unlink(missing_ok=True)
        adapters.load.cache_clear()
        trees = payload.pop("trees", None)
        text = json.dumps(payload, indent=1)
        if trees:  # one line per tree
            rows = ",\n".join(json.dumps(tree, separators=(",", ":")) for tree in trees["trees"])
            text = (
                text[:-2] + f',\n "trees": {{"baseline": {trees["baseline"]!r}, "trees": [\n{rows}\n]}}\n}}'
            )
        MODEL_FILE.write_text(text + "\n", encoding="utf-8")
        Reranker.load()  # the file loads
        print(f"wrote {MODEL_FILE.relative_to(REPO)}")
    else:
        print(json.dumps(payload["weights"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
