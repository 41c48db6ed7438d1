"""Candidates for the news stage of the check-worthiness scorer, measured side by side (issue 11).

    python -m training.cw_candidates [--seed=N] [--lang=fr|en] base blend_hgb150 ctx_title knn20 joint ...   (names: ``VARIANTS``)

Each variant is measured the same way, per language, on the engine's items (``training/cw_data.py``):

* train: article-grouped 5-fold (``train_cw.folds``: an article and its translation in the same fold) out-of-fold
  logits of the original-side items -> ``oofP@R.8`` (precision at recall 0.80 of the out-of-fold ranking),
  cross-fitted thresholded P/R, Brier and the share of scores >= 0.99 (``train_cw.cross_fitted``);
* dev (seed + fr_dev, en_dev; item level: an item is positive when it matches a check-worthy gold item):
  the model fitted on every train item, with the threshold and Platt slope of the train folds -> ``dev P/R``,
  and ``devP@R.8`` (ranking only: no threshold is taken from dev).

Nothing is fitted or tuned on dev.  The shipped model is ``base`` (``train_cw.CONFIG``); the figures of every
variant are in docs/extraction.md ("Candidates measured for issue 11").  Features are cached in
``var/cw_candidates.pkl`` (rebuilt when the engine's code changes; delete it when the debate model changes).
"""

import json
import pickle
import sys

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from claims.extraction import checkworthiness as cw
from claims.extraction import cw_news
from training import cw_data
from training import train_cw as T

cw._load()["news"] = {}
CACHE = T.REPO / "var" / "cw_candidates.pkl"
DEV = {"fr": ["seed", "fr_dev"], "en": ["en_dev"]}


def build():
    fingerprint = cw_data.engine_fingerprint()  # features of items from another engine are stale
    if CACHE.exists():
        cached = pickle.loads(CACHE.read_bytes())
        if cached.get("engine") == fingerprint:
            return cached["data"]
    cw_data.build(T.ITEMS)
    out = {}
    for lang in ("fr", "en"):
        rows = cw_data.load_items(T.ITEMS, [f"{lang}_train", f"{lang}_translated"])
        dev = cw_data.load_items(T.ITEMS, DEV[lang])
        cfg = {**T.CONFIG, "context": False}
        out[lang] = (rows, T.features(rows, lang, cfg), dev, T.features(dev, lang, cfg))
        print(lang, len(rows), len(dev), flush=True)
    CACHE.write_bytes(pickle.dumps({"engine": fingerprint, "data": out}))
    return out


def p_at_r(y, s, r=0.80):
    o = np.argsort(-s)
    tp = np.cumsum(y[o])
    k = int(np.searchsorted(tp, np.ceil(r * y.sum())))
    return tp[k] / (k + 1)


def report(y, lg, prob, orig, thr, slope, dy, dl):
    """A variant's figures: out-of-fold ranking and thresholded P/R on train, then dev scored with the
    train folds' threshold and slope (nothing taken from dev)."""
    dprob = 1 / (1 + np.exp(-slope * cw_news.compress(dl - thr, T.COMPRESS)))
    tp, trr, _ = T.pr_at(y[orig], prob[orig], 0.5)
    dp, dr, _ = T.pr_at(dy, dprob, 0.5)
    return {
        "oofP@R.8": round(p_at_r(y[orig], lg[orig]), 3),
        "tr P/R": (round(tp, 3), round(trr, 3)),
        "brier": round(float(np.mean((prob[orig] - y[orig]) ** 2)), 4),
        "ge99": round(float(np.mean(prob[orig] >= 0.99)), 4),
        "devP@R.8": round(p_at_r(dy, dl), 3),
        "dev P/R": (round(dp, 3), round(dr, 3)),
        "dev_ge99": round(float(np.mean(dprob >= 0.99)), 4),
    }


def zfit(M):
    m, s = M.mean(0), M.std(0)
    s[s < 1e-9] = 1
    return m, s


def design(fitrows, prepped, block, emb, ctx, idx, state=None, cfg=None):
    """Linear design [tfidf | z(block) | emb*w | z(ctx)]; state fitted on idx when None."""
    cfg = cfg or {}
    if state is None:
        vec = TfidfVectorizer(dtype=np.float32, **T.TFIDF).fit([prepped[i] for i in idx])
        state = {"vec": vec, "b": zfit(block[idx]), "c": zfit(ctx[idx]) if ctx.shape[1] else None}
    parts = [state["vec"].transform([prepped[i] for i in idx])]
    m, s = state["b"]
    parts.append(sparse.csr_matrix(np.clip((block[idx] - m) / s, -3, 3)))
    parts.append(sparse.csr_matrix(emb[idx] * cfg.get("w", 10.0)))
    if state["c"] is not None:
        m, s = state["c"]
        parts.append(sparse.csr_matrix(np.clip((ctx[idx] - m) / s, -3, 3)))
    return sparse.hstack(parts).tocsr(), state


def groups_of(rows):
    return np.asarray([r["group"] for r in rows])


def run(lang, data, ctx_fn, head="linear", cfg=None, aug=None):
    cfg = cfg or {}
    rows, (prepped, block, emb), dev, (dprep, dblock, demb) = data[lang]
    ctx, dctx = ctx_fn(rows, emb, lang), ctx_fn(dev, demb, lang)
    y = np.asarray([r["label"] for r in rows])
    dy = np.asarray([r["label"] for r in dev])
    orig = np.asarray([r["side"] == "original" for r in rows])
    g = groups_of(rows)
    lg = np.zeros(len(rows))
    for tr, te in T.folds(rows):
        lg[te] = fit_predict(
            rows,
            prepped,
            block,
            emb,
            ctx,
            y,
            tr,
            (prepped, block, emb, ctx),
            te,
            head,
            cfg,
            aug,
            lang,
            set(g[te]),
        )
    thr, slope = T.calibrate(y[orig], lg[orig])
    prob = T.cross_fitted(rows, y, lg, orig)
    tr = np.arange(len(rows))
    dl = fit_predict(
        rows,
        prepped,
        block,
        emb,
        ctx,
        y,
        tr,
        (dprep, dblock, demb, dctx),
        np.arange(len(dev)),
        head,
        cfg,
        aug,
        lang,
        set(),
    )
    return report(y, lg, prob, orig, thr, slope, dy, dl)


def fit_predict(rows, prepped, block, emb, ctx, y, tr, test, te, head, cfg, aug, lang, test_groups):
    tprep, tblock, temb, tctx = test
    keep = tr
    if head in ("linear", "blend"):
        X, st = design(rows, prepped, block, emb, ctx, keep, cfg=cfg)
        lr = LogisticRegression(C=cfg.get("C", 0.1), max_iter=5000).fit(X, y[keep])
        Xt, _ = design(None, tprep, tblock, temb, tctx, te, st, cfg)
        z = lr.decision_function(Xt)
        if head == "linear":
            return z
    # dense non-linear head on [z(block) | emb | z(ctx)] (+ augmentation rows of the other language)
    c0 = 1 if cfg.get("nodebate") else 0
    D = np.hstack([block[:, c0:], emb, ctx])
    Dt = np.hstack([tblock[:, c0:], temb, tctx])[te]
    Xh, yh = D[keep], y[keep]
    if aug is not None:
        Xa, ya, ga = aug[lang]
        ok = np.asarray([gg not in test_groups for gg in ga])
        Xh, yh = np.vstack([Xh, Xa[ok]]), np.concatenate([yh, ya[ok]])
    zh = nonlinear(Xh, yh, Dt, cfg)
    if head == "blend":
        return cfg.get("a", 0.5) * z + (1 - cfg.get("a", 0.5)) * zh
    return zh


def nonlinear(X, y, Xt, cfg):
    kind = cfg.get("nl", "hgb")
    m, s = zfit(X)
    X, Xt = (X - m) / s, (Xt - m) / s
    if kind == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        clf = HistGradientBoostingClassifier(
            max_iter=cfg.get("iters", 300),
            learning_rate=0.05,
            max_leaf_nodes=15,
            min_samples_leaf=20,
            l2_regularization=1.0,
            max_features=cfg.get("mf", 0.3),
            random_state=0,
        ).fit(X, y)
    elif kind == "mlp":
        from sklearn.neural_network import MLPClassifier

        clf = MLPClassifier(
            hidden_layer_sizes=(cfg.get("h", 64),),
            alpha=cfg.get("alpha", 1.0),
            max_iter=400,
            early_stopping=False,
            random_state=0,
        ).fit(X, y)
        p = np.clip(clf.predict_proba(Xt)[:, 1], 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))
    elif kind == "lr":
        clf = LogisticRegression(C=cfg.get("Ch", 0.05), max_iter=5000).fit(X, y)
    return clf.decision_function(Xt)


def ctx_base(rows, emb, lang):
    return cw_news.context_features([r["group"] for r in rows], emb)


def ctx_none(rows, emb, lang):
    return np.zeros((len(rows), 0))


VARIANTS = V = {
    "base": lambda lg, d: run(lg, d, ctx_base),
    "noctx": lambda lg, d: run(lg, d, ctx_none),
    "hgb": lambda lg, d: run(lg, d, ctx_base, "hgb"),
    "mlp": lambda lg, d: run(lg, d, ctx_base, "mlp", {"nl": "mlp"}),
    "blend_hgb": lambda lg, d: run(lg, d, ctx_base, "blend", {"nl": "hgb"}),
    "blend_mlp": lambda lg, d: run(lg, d, ctx_base, "blend", {"nl": "mlp"}),
}


def make_aug(data, ctx_fn):
    aug = {}
    for lang, other in (("fr", "en"), ("en", "fr")):
        rows, (prepped, block, emb), _d, _df = data[other]
        ctx = ctx_fn(rows, emb, other)
        aug[lang] = (
            np.hstack([block[:, 1:], emb, ctx]),
            np.asarray([r["label"] for r in rows]),
            [r["group"] for r in rows],
        )
    return aug


_AUG = {}


def aug_of(d, fn=None):
    fn = fn or ctx_base
    if fn not in _AUG:
        _AUG[fn] = make_aug(d, fn)
    return _AUG[fn]


V.update(
    {
        "lrhead_aug": lambda lg, d: run(lg, d, ctx_base, "lr", {"nl": "lr", "nodebate": True}, aug_of(d)),
        "lrhead_noaug": lambda lg, d: run(lg, d, ctx_base, "lr", {"nl": "lr", "nodebate": True}),
        "blend_lr_aug": lambda lg, d: run(
            lg, d, ctx_base, "blend", {"nl": "lr", "nodebate": True}, aug_of(d)
        ),
        "blend_mlp_aug": lambda lg, d: run(
            lg, d, ctx_base, "blend", {"nl": "mlp", "nodebate": True}, aug_of(d)
        ),
    }
)


def joint(lang, data, ctx_fn=None, wa=1.0, C=0.1, split_debate=True):
    ctx_fn = ctx_fn or ctx_base
    other = "en" if lang == "fr" else "fr"
    rows, (prepped, block, emb), dev, (dprep, dblock, demb) = data[lang]
    orows, (oprep, oblock, oemb), _d, _f = data[other]
    ctx, dctx, octx = ctx_fn(rows, emb, lang), ctx_fn(dev, demb, lang), ctx_fn(orows, oemb, other)
    n, m = len(rows), len(orows)

    def split(b, own):
        z = np.zeros((len(b), 1))
        if not split_debate:
            return b
        return np.hstack([b[:, :1], z, b[:, 1:]]) if own else np.hstack([z, b[:, :1], b[:, 1:]])

    P = list(prepped) + list(oprep)
    B = np.vstack([split(block, True), split(oblock, False)])
    Em = np.vstack([emb, oemb])
    Cx = np.vstack([ctx, octx])
    y = np.asarray([r["label"] for r in rows] + [r["label"] for r in orows])
    sw = np.r_[np.ones(n), np.full(m, wa)]
    g = np.asarray([r["group"] for r in rows] + [r["group"] for r in orows])
    dy = np.asarray([r["label"] for r in dev])
    orig = np.asarray([r["side"] == "original" for r in rows])
    lg = np.zeros(n)

    def fitpred(tr, tP, tB, tE, tC):
        X, st = design(None, P, B, Em, Cx, tr)
        lr = LogisticRegression(C=C, max_iter=5000).fit(X, y[tr], sample_weight=sw[tr])
        return lr.decision_function(design(None, tP, tB, tE, tC, np.arange(len(tP)), st)[0])

    for _tr, te in T.folds(rows):
        tg = set(g[te])
        tr = np.asarray([i for i in range(n + m) if g[i] not in tg])
        lg[te] = fitpred(tr, [prepped[i] for i in te], split(block[te], True), emb[te], ctx[te])
    yl = y[:n]
    thr, slope = T.calibrate(yl[orig], lg[orig])
    prob = T.cross_fitted(rows, yl, lg, orig)
    dl = fitpred(np.arange(n + m), dprep, split(dblock, True), demb, dctx)
    return report(yl, lg, prob, orig, thr, slope, dy, dl)


V.update(
    {
        "joint": lambda lg, d: joint(lg, d),
        "joint_w05": lambda lg, d: joint(lg, d, wa=0.5),
        "joint_C03": lambda lg, d: joint(lg, d, C=0.3),
    }
)


V.update(
    {
        "hgb150": lambda lg, d: run(lg, d, ctx_base, "hgb", {"nl": "hgb", "iters": 150}),
        "blend_hgb150": lambda lg, d: run(lg, d, ctx_base, "blend", {"nl": "hgb", "iters": 150}),
    }
)


def reseed(seed: int) -> None:
    """Use another article-grouped 5-fold split (``GroupKFold(shuffle=True, random_state=seed)``; 0 = train_cw's own split):
    a difference between variants that does not survive a second split is fold noise."""
    if not seed:
        return
    from sklearn.model_selection import GroupKFold

    def folds(rows):
        g = np.asarray([r["group"] for r in rows])
        return list(GroupKFold(n_splits=T.FOLDS, shuffle=True, random_state=seed).split(g, g, g))

    T.folds = folds


def main(argv=None):
    data = build()
    names = list(argv if argv is not None else sys.argv[1:])
    langs = ("fr", "en")
    while names and names[0].startswith("--"):
        opt, _, val = names.pop(0).partition("=")
        if opt == "--seed":
            reseed(int(val))
        elif opt == "--lang":
            langs = (val,)
    for name in names:
        for lang in langs:
            print(name, lang, json.dumps(V[name](lang, data)), flush=True)


# More candidates (kNN label average, context features), registered in V on import.
from training import cw_candidates_more  # noqa: E402, F401

if __name__ == "__main__":
    from training.cw_candidates import main as _main  # the registry filled by cw_candidates_more

    _main()
