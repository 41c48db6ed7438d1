#!/usr/bin/env python3
"""List quote-speaker errors per failure class, on the dev and train article sets.

    python training/speaker_name_errors.py [--sets fr_dev,fr_train,...] [--run] [--class CLASS] [--limit N]

Reads the predictions ``bench/eval.py`` keeps in ``bench/results/tmp/pred_<set>.jsonl`` (``--run`` makes them
afresh with ``python -m claims.extraction extract --jsonl``), matches them to the gold items the way
``score_articles.py`` does and, for every matched gold quote whose predicted speaker does not contain the gold
speaker's last name, prints the gold and predicted speakers and a rough class:

- ``none``: no speaker predicted;
- ``pronoun``: a pronoun or clitic was given ("il", "-elle", "she");
- ``partial``: the prediction shares a word with the gold name (a surname, a fragment, a date glued on);
- ``acronym``: gold or prediction is an acronym of the other, or one holds an acronym;
- ``description``: the prediction is a description ("un porte-parole", "the company");
- ``other``: another named speaker (often an attribution error).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
SETS = {
    "seed": ("seed.jsonl", "gold_seed.jsonl"),
    "fr_dev": ("fr_dev.jsonl", "gold_fr_dev.jsonl"),
    "en_dev": ("en_dev.jsonl", "gold_en_dev.jsonl"),
    "fr_train": ("fr_train.jsonl", "gold_fr_train.jsonl"),
    "en_train": ("en_train.jsonl", "gold_en_train.jsonl"),
}
PRONOUNS = {
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "je",
    "nous",
    "vous",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "lui",
    "celui-ci",
    "celle-ci",
    "ce dernier",
    "cette dernière",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def classify(gold: str, pred: str | None) -> str:
    if not pred:
        return "none"
    p = pred.lower().strip()
    if p.startswith("-") or p in PRONOUNS:
        return "pronoun"
    gw = {w.lower() for w in re.findall(r"\w+", gold) if len(w) > 2}
    pw = {w.lower() for w in re.findall(r"\w+", pred) if len(w) > 2}
    if re.search(r"\b[A-Z]{2,}\b", gold + " " + pred):
        return "acronym"
    if gw & pw:
        return "partial"
    if not any(c.isupper() for c in pred):
        return "description"
    return "other"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument(
        "--run", action="store_true", help="run the extractor instead of reading bench/results/tmp"
    )
    ap.add_argument("--preds", default=str(REPO / "bench" / "results" / "tmp"))
    ap.add_argument("--class", dest="cls", help="print only this class")
    ap.add_argument("--limit", type=int, default=0, help="print at most N errors per set (0: all)")
    ap.add_argument("--quiet", action="store_true", help="counts only")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score_articles", EVAL / "score_articles.py")
    sa = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sa)
    for name in args.sets.split(","):
        art_file, gold_file = SETS[name]
        pred_path = Path(args.preds) / f"pred_{name}.jsonl"
        if args.run:
            with open(pred_path, "wb") as out:
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "claims.extraction",
                        "extract",
                        "--jsonl",
                        str(EVAL / "articles" / art_file),
                    ],
                    stdout=out,
                    check=True,
                    cwd=REPO,
                )
        texts = {a["doc_id"]: a["text"] for a in load(EVAL / "articles" / art_file)}
        preds = {p["doc_id"]: p["claims"] for p in load(pred_path)}
        counts, total, ok, shown = Counter(), 0, 0, 0
        lines = []
        for g in load(EVAL / "articles" / gold_file):
            text = texts[g["doc_id"]]
            pc = preds.get(g["doc_id"], [])
            m = sa.match(sa.gold_spans(text, g["claims"]), [(int(p["start"]), int(p["end"])) for p in pc])
            for gi, item in enumerate(g["claims"]):
                if not item["checkworthy"] or "quote" not in item["types"] or not item.get("speaker"):
                    continue
                pi = m.get(gi)
                if pi is None:
                    continue
                total += 1
                pred = pc[pi].get("speaker")
                if item["speaker"].split()[-1].lower() in str(pred or "").lower():
                    ok += 1
                    continue
                cls = classify(item["speaker"], pred)
                counts[cls] += 1
                if args.quiet or (args.cls and cls != args.cls) or (args.limit and shown >= args.limit):
                    continue
                shown += 1
                lines.append(
                    f"  [{cls}] {g['doc_id']}: gold={item['speaker']!r} pred={pred!r}\n"
                    f"      {item['text'][:160]!r}"
                )
        acc = round(ok / total, 3) if total else None
        print(f"{name}: {ok}/{total} = {acc}  errors by class: {dict(counts.most_common())}")
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
