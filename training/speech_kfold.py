#!/usr/bin/env python3
"""Article-grouped k-fold check of speech.py's two constants on the train articles (not part of the runtime).

    python -m training.speech_kfold [--folds 5] [--seeds 0,1,2]

``_LONG`` (tokens past which a sentence reads as the writer's) and ``_MAX_GAP`` (sentences kept between a quote
and a later first-person sentence) were set by hand from GUIDELINES.md and the train errors. This script
scores every pair of a small grid on each train article (``training.speaker_errors --fast``: cached parses,
no check-worthiness), then, per fold, picks the pair with the most right speakers less false speakers on the
other folds (ties: the smaller gap, then the shorter length) and scores it on the held-out articles. The
out-of-fold speaker accuracy per language is what the constants are worth on articles they were not set on.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LONGS = (20, 25, 30, 40)
GAPS = (1, 2, 3, 8)
SETS = ("fr_train", "en_train")


def per_article(name: str) -> dict[tuple[int, int], dict[str, tuple[int, int, int]]]:
    """(long, gap) -> doc_id -> (right speakers, gold quotes, narration items given a speaker)."""
    from claims.extraction import speech
    from training import speaker_errors as se

    sa = se.scorer()
    texts = {a["doc_id"]: a["text"] for a in se.articles(name)}
    golds = se.gold(name)
    out = {}
    saved = speech._LONG, speech._MAX_GAP
    try:
        for long_, gap in itertools.product(LONGS, GAPS):
            speech._LONG, speech._MAX_GAP = long_, gap
            preds = se.fast_predictions(name)
            res = {}
            for g in golds:
                text, pc = texts[g["doc_id"]], preds.get(g["doc_id"], [])
                spans = sa.gold_spans(text, g["claims"])
                m = sa.match(spans, [(int(p["start"]), int(p["end"])) for p in pc])
                ok = total = false = 0
                for gi, item in enumerate(g["claims"]):
                    pi = m.get(gi)
                    if pi is None or not item["checkworthy"]:
                        continue
                    pred = pc[pi].get("speaker")
                    if not item.get("speaker"):
                        false += bool(pred)
                    elif "quote" in item["types"]:
                        total += 1
                        ok += se.speaker_right(item["speaker"], pred)
                res[g["doc_id"]] = (ok, total, false)
            out[(long_, gap)] = res
    finally:
        speech._LONG, speech._MAX_GAP = saved
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", default="0,1,2")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    scores = {name: per_article(name) for name in SETS}
    combos = sorted(scores[SETS[0]])
    for name in SETS:
        for c in combos:
            v = scores[name][c].values()
            print(
                f"{name} long={c[0]} gap={c[1]}: {sum(x[0] for x in v)}/{sum(x[1] for x in v)} right,"
                f" {sum(x[2] for x in v)} narration given a speaker"
            )
    docs = [(name, d) for name in SETS for d in scores[name][combos[0]]]
    for seed in map(int, args.seeds.split(",")):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        folds = [shuffled[i :: args.folds] for i in range(args.folds)]
        oof = {name: [0, 0, 0] for name in SETS}
        chosen = []
        for held in folds:
            rest = [x for x in docs if x not in set(held)]

            def fit(c, rest=rest):
                ok = sum(scores[n][c][d][0] for n, d in rest)
                false = sum(scores[n][c][d][2] for n, d in rest)
                return ok - false, ok, -c[1], -c[0]

            best = max(combos, key=fit)
            chosen.append(best)
            for n, d in held:
                for i, x in enumerate(scores[n][best][d]):
                    oof[n][i] += x
        figures = ", ".join(f"{n} {v[0]}/{v[1]} = {v[0] / v[1]:.3f} (false {v[2]})" for n, v in oof.items())
        print(f"seed {seed}: chosen {chosen}; out of fold: {figures}")


if __name__ == "__main__":
    main()
