"""More candidates for ``training.cw_candidates`` (issue 11), registered in its ``VARIANTS`` on import:
a kNN label average over e5 neighbours, and context features (title overlap, neighbouring items, length)."""

import re as _re

import numpy as np
from sklearn.linear_model import LogisticRegression

from training import cw_data
from training import train_cw as T
from training.cw_candidates import V, ctx_base, design, report, run


def knn_run(lang, data, k=20, both=True, mode="feat", temp=None):
    """kNN label-average over e5 neighbours (train rows of both languages, never the item's own article)
    as one more context column of the linear model."""
    other = "en" if lang == "fr" else "fr"
    rows, (prepped, block, emb), dev, (dprep, dblock, demb) = data[lang]
    pool_E, pool_y, pool_g = [emb], [np.asarray([r["label"] for r in rows])], [[r["group"] for r in rows]]
    if both:
        orows, (_p, _b, oemb), _d, _f = data[other]
        pool_E.append(oemb)
        pool_y.append(np.asarray([r["label"] for r in orows]))
        pool_g.append([r["group"] for r in orows])
    PE, Py, Pg = np.vstack(pool_E), np.concatenate(pool_y), np.asarray(sum(pool_g, []))

    def knn(Q, qg, allowed):
        S = Q @ PE.T
        S[:, ~allowed] = -9
        S[qg[:, None] == Pg[None, :]] = -9
        idx = np.argpartition(-S, k, axis=1)[:, :k]
        if temp:
            w = np.exp(np.take_along_axis(S, idx, 1) / temp)
            return (w * Py[idx]).sum(1) / w.sum(1)
        return Py[idx].mean(1)

    y = np.asarray([r["label"] for r in rows])
    dy = np.asarray([r["label"] for r in dev])
    g = np.asarray([r["group"] for r in rows])
    orig = np.asarray([r["side"] == "original" for r in rows])
    ctx, dctx = ctx_base(rows, emb, lang), ctx_base(dev, demb, lang)
    lg = np.zeros(len(rows))
    for tr, te in T.folds(rows):
        allowed = ~np.isin(Pg, list(set(g[te])))
        kn = np.zeros(len(rows))
        kn[tr] = knn(emb[tr], g[tr], allowed)
        kn[te] = knn(emb[te], g[te], allowed)
        C2 = np.hstack([ctx, kn[:, None]])
        if mode == "feat":
            X, st = design(None, prepped, block, emb, C2, tr)
            lr = LogisticRegression(C=0.1, max_iter=5000).fit(X, y[tr])
            lg[te] = lr.decision_function(design(None, prepped, block, emb, C2, te, st)[0])
        else:
            lg[te] = kn[te]
    thr, slope = T.calibrate(y[orig], lg[orig])
    prob = T.cross_fitted(rows, y, lg, orig)
    allowed = np.ones(len(PE), bool)
    kn = knn(emb, g, allowed)
    dkn = knn(demb, np.asarray([r["group"] for r in dev]), allowed)
    if mode == "feat":
        C2, dC2 = np.hstack([ctx, kn[:, None]]), np.hstack([dctx, dkn[:, None]])
        X, st = design(None, prepped, block, emb, C2, np.arange(len(rows)))
        lr = LogisticRegression(C=0.1, max_iter=5000).fit(X, y)
        dl = lr.decision_function(design(None, dprep, dblock, demb, dC2, np.arange(len(dev)), st)[0])
    else:
        dl = dkn
    return report(y, lg, prob, orig, thr, slope, dy, dl)


V.update(
    {
        "knn_only": lambda lg, d: knn_run(lg, d, mode="only"),
        "knn20": lambda lg, d: knn_run(lg, d),
        "knn20_own": lambda lg, d: knn_run(lg, d, both=False),
        "knn50": lambda lg, d: knn_run(lg, d, k=50),
    }
)


_WORD = _re.compile(r"[^\W\d_]{4,}", _re.UNICODE)
_DOCS = None


def doc_texts():
    global _DOCS
    if _DOCS is None:
        _DOCS = {}
        for art, _g in cw_data.SETS.values():
            for d in cw_data._load(cw_data.ARTICLES / art):
                _DOCS[(d["doc_id"], "original", d["lang"])] = d["text"]
        for art in cw_data._load(cw_data.NEWS_TRAIN):
            for lang in ("fr", "en"):
                if art["origlang"] == lang:
                    continue
                text = ""
                for i, s in enumerate(art["sentences"]):
                    if i:
                        text += "\n" if i == 1 else " "
                    text += s[lang]
                _DOCS[(art["doc_id"], "translated", lang)] = text
    return _DOCS


def words(t):
    return {w.lower() for w in _WORD.findall(t)}


def ctx_plus(rows, emb, lang, parts=("title", "nb", "len")):
    base = ctx_base(rows, emb, lang)
    D = doc_texts()
    extra = []
    groups = {}
    for i, r in enumerate(rows):
        groups.setdefault((r["group"], r["side"]), []).append(i)
    nb = np.zeros((len(rows), 4))
    for idx in groups.values():
        for k, i in enumerate(idx):
            if k > 0:
                nb[i, 0] = emb[i] @ emb[idx[k - 1]]
            if k + 1 < len(idx):
                nb[i, 1] = emb[i] @ emb[idx[k + 1]]
            others = [emb[i] @ emb[j] for j in idx if j != i]
            nb[i, 2] = max(others) if others else 0.0
            nb[i, 3] = np.log1p(k)
    for r in rows:
        text = D[(r["group"], r["side"], lang)]
        title = text.split("\n", 1)[0]
        tw, iw = words(title), words(r["text"])
        f = []
        if "title" in parts:
            f += [
                len(tw & iw) / max(len(tw), 1),
                len(tw & iw) / max(len(iw), 1),
                float(r["start"] < len(title) + 1),
            ]
        if "len" in parts:
            f += [np.log1p(len(r["text"])), float(bool(_re.search(r"\d", r["text"])))]
        extra.append(f)
    out = [base, np.asarray(extra)]
    if "nb" in parts:
        out.append(nb)
    return np.hstack(out)


V.update(
    {
        "ctxplus": lambda lg, d: run(lg, d, ctx_plus),
        "ctx_title": lambda lg, d: run(lg, d, lambda r, e, g: ctx_plus(r, e, g, ("title",))),
        "ctx_nb": lambda lg, d: run(lg, d, lambda r, e, g: ctx_plus(r, e, g, ("nb",))),
        "ctx_len": lambda lg, d: run(lg, d, lambda r, e, g: ctx_plus(r, e, g, ("len",))),
    }
)
