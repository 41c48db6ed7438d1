#!/usr/bin/env python3
"""List quote-speaker errors per failure class, to drive work on attribution (not part of the runtime).

    python training/speaker_errors.py PRED_DIR [--sets fr_train,en_train] [--class CLASS] [--context]

PRED_DIR holds ``pred_<set>.jsonl`` as ``bench/eval.py`` leaves them in ``bench/results/tmp``. Each gold quote
(check-worthy, with a speaker) matched by a prediction whose speaker lacks the gold speaker's last name is put
in one rough class:

- ``none``: no speaker predicted;
- ``pronoun``: a pronoun or clitic was predicted;
- ``unquoted``: the gold item has no quotation marks around it in the article (marks lost, interview answer,
  continuation of an earlier quote);
- ``continued``: marked, but the quote's sentence has no attribution of its own (a quote running on);
- ``other-speaker``: another name was predicted for a marked, attributed quote (which mention is the speaker);
- also ``false-speaker``: predictions with a speaker matched to a gold item without one (narration given a
  speaker), counted apart since the score does not see them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))

from score_articles import gold_spans, load, match  # noqa: E402  (from ../shared/eval, found through sys.path)

PRONOUNS = {
    "il",
    "elle",
    "ils",
    "elles",
    "he",
    "she",
    "they",
    "it",
    "on",
    "we",
    "nous",
    "i",
    "je",
    "-il",
    "-elle",
    "-t-il",
    "-t-elle",
    "-ils",
    "-elles",
}
MARKS = '«»“”"„'


def classify(text, gs, ge, pred_sp, ctx_sent):
    if not pred_sp:
        base = "none"
    elif pred_sp.lower().strip() in PRONOUNS or pred_sp.startswith("-"):
        return "pronoun"
    else:
        base = "other-speaker"
    before = text[max(0, gs - 3) : gs]
    after = text[ge : ge + 3]
    marked = any(c in MARKS for c in before) or any(c in MARKS for c in after)
    if not marked:
        return "unquoted" if base == "none" else "unquoted/" + base
    return base


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pred_dir")
    ap.add_argument("--sets", default="fr_train,en_train,seed,fr_dev,en_dev")
    ap.add_argument("--cls", default="")
    ap.add_argument("--context", action="store_true")
    args = ap.parse_args()
    for name in args.sets.split(","):
        arts = {a["doc_id"]: a for a in load(EVAL / "articles" / f"{name}.jsonl")}
        gold = load(EVAL / "articles" / f"gold_{name}.jsonl")
        preds = {p["doc_id"]: p for p in load(Path(args.pred_dir) / f"pred_{name}.jsonl")}
        counts, total, rows, false_sp = Counter(), 0, defaultdict(list), []
        for g in gold:
            text = arts[g["doc_id"]]["text"]
            pc = preds.get(g["doc_id"], {}).get("claims", [])
            gsp = gold_spans(text, g["claims"])
            m = match(gsp, [(p["start"], p["end"]) for p in pc])
            for gi, item in enumerate(g["claims"]):
                pi = m.get(gi)
                if pi is None:
                    continue
                p = pc[pi]
                if not item.get("speaker") and p.get("speaker") and item["checkworthy"]:
                    false_sp.append((g["doc_id"], p["speaker"], item["text"][:110]))
                if not item["checkworthy"] or "quote" not in item["types"] or not item.get("speaker"):
                    continue
                total += 1
                last = item["speaker"].split()[-1].lower()
                if last in str(p.get("speaker") or "").lower():
                    continue
                gs, ge = gsp[gi]
                ls = text.rfind("\n", 0, gs) + 1
                c = classify(text, gs, ge, p.get("speaker"), text[ls:gs])
                counts[c] += 1
                ctx = text[max(ls, gs - 160) : gs].replace("\n", " / ") if args.context else ""
                rows[c].append((g["doc_id"], item["speaker"], p.get("speaker"), item["text"][:140], ctx))
        bad = sum(counts.values())
        print(
            f"\n=== {name}: {total - bad}/{total} right ({(total - bad) / max(total, 1):.3f}); errors {dict(counts)};"
            f" narration given a speaker: {len(false_sp)}"
        )
        for c, rs in sorted(rows.items()):
            if args.cls and not re.match(args.cls, c):
                continue
            print(f"--- {c} ({len(rs)})")
            for doc, gsp_, psp, t, ctx in rs:
                print(f"  [{doc}] gold={gsp_!r} pred={psp!r} :: {t}")
                if ctx:
                    print(f"      before: …{ctx}")
        if args.cls == "false":
            for doc, psp, t in false_sp:
                print(f"  [{doc}] pred={psp!r} :: {t}")


if __name__ == "__main__":
    main()
