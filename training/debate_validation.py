"""How ``training/train_debate.py`` scores a configuration without touching a reported file: the
F1-optimal threshold, debate-grouped cross-validation, forward-chaining validation and its
matched-random control, each fold fitted in parallel."""

from __future__ import annotations

import os

import numpy as np

from training.debate_model import SEED, _fit

N_JOBS = int(os.environ.get("CW_TRAIN_JOBS", "2"))
FORWARD_FROM = 1992  # first debate year scored by the forward-chaining validation


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
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
    }


def _fit_predict(texts, y, tr, tests, cfg, lang):
    pred, _ = _fit([texts[i] for i in tr], y[tr], cfg, lang)
    return [pred(t) if len(t) else np.zeros(0) for t in tests]


def _parallel(jobs):
    from joblib import Parallel, delayed

    n = max(1, min(N_JOBS, len(jobs)))
    return Parallel(n_jobs=n)(delayed(_fit_predict)(*j) for j in jobs)


def cross_validate(texts, y, groups, cfg, folds=5, lang="en", dev=None):
    """Out-of-fold logits, GroupKFold by debate.  ``dev`` = (texts, groups): extra sentences scored by the
    fold model that did not see their debate (debate-disjoint scores for the expert-labelled set)."""
    from sklearn.model_selection import GroupKFold

    splits = list(GroupKFold(folds).split(texts, y, groups))
    jobs, dev_idx = [], []
    for tr, te in splits:
        tests = [[texts[i] for i in te]]
        if dev is not None:
            held = set(groups[te])
            di = np.asarray([i for i, g in enumerate(dev[1]) if g in held], dtype=int)
            dev_idx.append(di)
            tests.append([dev[0][i] for i in di])
        jobs.append((texts, y, tr, tests, cfg, lang))
    oof = np.zeros(len(y))
    dev_oof = np.full(len(dev[0]), np.nan) if dev is not None else None
    for k, ((_, te), res) in enumerate(zip(splits, _parallel(jobs))):
        oof[te] = res[0]
        if dev is not None:
            dev_oof[dev_idx[k]] = res[1]
    return oof, dev_oof


def matched_random(texts, y, years, groups, cfg, lang="en", start=FORWARD_FROM):
    """Control for ``rolling_origin``: for every target year Y, train on randomly chosen debates of the
    OTHER years (past and future) totalling as many sentences as the years before Y, and score Y.  The
    difference between the forward and this threshold is the effect of time alone (not of training size)."""
    rng = np.random.RandomState(SEED)
    targets = sorted(yr for yr in set(years.tolist()) if yr >= start)
    files = sorted(set(groups.tolist()))
    jobs, idx = [], []
    for yr in targets:
        need = int((years < yr).sum())
        other = [f for f in files if int(f[:4]) != yr]
        rng.shuffle(other)
        chosen, count = [], 0
        for f in other:
            if count >= need:
                break
            chosen.append(f)
            count += int((groups == f).sum())
        tr = np.where(np.isin(groups, chosen))[0]
        te = np.where(years == yr)[0]
        idx.append(te)
        jobs.append((texts, y, tr, [[texts[i] for i in te]], cfg, lang))
    out = np.full(len(y), np.nan)
    for k, res in enumerate(_parallel(jobs)):
        out[idx[k]] = res[0]
    return out


def rolling_origin(texts, y, years, cfg, lang="en", start=FORWARD_FROM, dev=None):
    """Forward-chaining validation: for every debate year Y >= start, train on the debates of the years
    before Y only and score year Y -- the situation of the shipped model, which is trained on past
    debates and applied to later text.  Returns logits (NaN before ``start``) and, with ``dev`` =
    (texts, years), the same for the extra sentences."""
    targets = sorted(yr for yr in set(years.tolist()) if yr >= start)
    jobs, idx, dev_idx = [], [], []
    for yr in targets:
        tr = np.where(years < yr)[0]
        te = np.where(years == yr)[0]
        tests = [[texts[i] for i in te]]
        if dev is not None:
            di = np.where(dev[1] == yr)[0]
            dev_idx.append(di)
            tests.append([dev[0][i] for i in di])
        idx.append(te)
        jobs.append((texts, y, tr, tests, cfg, lang))
    fwd = np.full(len(y), np.nan)
    dev_fwd = np.full(len(dev[0]), np.nan) if dev is not None else None
    for k, res in enumerate(_parallel(jobs)):
        fwd[idx[k]] = res[0]
        if dev is not None and len(dev_idx[k]):
            dev_fwd[dev_idx[k]] = res[1]
    return fwd, dev_fwd


def _summary(y, logits, thr):
    from sklearn.metrics import average_precision_score

    ok = ~np.isnan(logits)
    y, logits = y[ok], logits[ok]
    best, f1, p, r = best_threshold(y, logits)
    at = metrics(y, logits, thr)
    return {
        "n": int(ok.sum()),
        "avg_precision": round(float(average_precision_score(y, logits)), 4),
        "best_f1": round(f1, 4),
        "best_f1_threshold_logit": round(best, 4),
        "at_shipped_threshold": at,
    }
