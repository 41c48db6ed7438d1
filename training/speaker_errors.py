#!/usr/bin/env python3
"""List quote-speaker errors per failure class, on the dev and train article sets (not part of the runtime).

    python -m training.speaker_errors [--sets fr_train,en_train] [--preds DIR | --fast]
                                      [--by where|name] [--class CLASS] [--context] [--limit N] [--quiet]
                                      [--false-speakers]

Where the predictions come from:

- default: ``pred_<set>.jsonl`` in ``--preds`` (``bench/results/tmp``, as ``bench/eval.py`` leaves them);
- ``--run``: made afresh with ``python -m claims.extraction extract --jsonl`` into ``--preds``;
- ``--fast``: the engine's analysis run in this process on spaCy parses cached in ``var/speaker_parses``
  (parsed once; the check-worthiness scorer is skipped, which speakers do not depend on). Seconds instead of
  minutes, for working on attribution rules.

The predictions are matched to the gold items as ``score_articles.py`` does; every matched check-worthy gold
quote whose predicted speaker lacks the gold speaker's last name is an error, put in one rough class.

``--by where`` (default) says where the quote stands:

- ``none``: no speaker predicted for a quote with marks;
- ``pronoun``: a pronoun or clitic was predicted ("il", "-elle", "she");
- ``unquoted`` / ``unquoted/other``: the gold item has no quotation marks around it (marks lost, interview
  answer, reported speech), no speaker or another one predicted;
- ``other``: another mention was predicted for a marked quote (which mention is the speaker).

``--by name`` says how the predicted name differs from the gold one:

- ``none``, ``pronoun`` as above;
- ``partial``: the prediction shares a word with the gold name (a fragment, a date glued on);
- ``acronym``: gold or prediction holds an acronym (the fullest name the article offers);
- ``description``: the prediction is a description ("un porte-parole", "the company");
- ``other``: another named speaker.

``--false-speakers`` also lists the check-worthy items with a speaker matched to a gold item without one
(narration given a speaker), which the score does not see.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CLAIMTRACK_SHARED") or (REPO.parent / "shared")).resolve() / "eval"
PARSES = REPO / "var" / "speaker_parses"
SETS = ("seed", "fr_dev", "en_dev", "fr_train", "en_train")
PRONOUNS = frozenset(
    "il elle ils elles on je nous vous lui he she they it we i you celui-ci celle-ci".split()
    + ["ce dernier", "cette dernière"]
)
MARKS = '«»“”"„'


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def scorer():
    spec = importlib.util.spec_from_file_location("score_articles", EVAL / "score_articles.py")
    sa = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sa)
    return sa


def articles(name: str) -> list[dict]:
    return load(EVAL / "articles" / f"{name}.jsonl")


def gold(name: str) -> list[dict]:
    return load(EVAL / "articles" / f"gold_{name}.jsonl")


# -- predictions ------------------------------------------------------------------------------------
def parsed_docs(name: str) -> dict:
    """doc_id -> the engine's ``_Doc`` (tokens and entities copied out of spaCy), cached on disk."""
    from claims.extraction import languages
    from claims.extraction import nlp as _nlp
    from claims.extraction.document import _add_doc, _Doc
    from claims.extraction.normalize import for_tokenizer, normalize

    path = PARSES / f"{name}.pkl"
    raw = pickle.loads(path.read_bytes()) if path.exists() else None
    if raw and not all(hasattr(t, "cond") for v in list(raw.values())[:1] for t in v[3][:1]):
        raw = None  # parsed before tokens carried tense and mood: parse again
    if raw is None:
        raw = {}
        for a in articles(name):
            spec = languages.get(a.get("lang"))
            d = _Doc(text=a["text"], norm=normalize(a["text"]), spec=spec)
            tok_text = for_tokenizer(d.norm)
            pieces = [(s, tok_text[s:e]) for s, e in _nlp.chunks(tok_text) if tok_text[s:e].strip()]
            for (off, _), sdoc in zip(pieces, _nlp.pipe(spec.code, (p[1] for p in pieces))):
                _add_doc(d, sdoc, off)
            raw[a["doc_id"]] = (spec.code, d.text, d.norm, d.toks, d.ents)
        PARSES.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(raw))
    return {
        doc_id: _Doc(text=t, norm=n, spec=languages.get(code), toks=list(toks), ents=list(ents))
        for doc_id, (code, t, n, toks, ents) in raw.items()
    }


def fast_predictions(name: str) -> dict[str, list[dict]]:
    """doc_id -> predicted items (start, end, speaker, types) from the engine's analysis alone."""
    from claims.extraction.engine import _analyse

    out = {}
    for doc_id, d in parsed_docs(name).items():
        out[doc_id] = [
            {"start": it.start, "end": it.end, "speaker": it.speaker, "types": it.types} for it in _analyse(d)
        ]
    return out


def cli_predictions(name: str, preds: Path, run: bool) -> dict[str, list[dict]]:
    path = preds / f"pred_{name}.jsonl"
    if run:
        preds.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as out:
            cmd = [sys.executable, "-m", "claims.extraction", "extract", "--jsonl"]
            subprocess.run(cmd + [str(EVAL / "articles" / f"{name}.jsonl")], stdout=out, check=True, cwd=REPO)
    return {p["doc_id"]: p["claims"] for p in load(path)}


# -- classes ----------------------------------------------------------------------------------------
def class_where(text: str, gs: int, ge: int, pred: str | None) -> str:
    if pred and (pred.lower().strip() in PRONOUNS or pred.startswith("-")):
        return "pronoun"
    base = "other" if pred else "none"
    marked = any(c in MARKS for c in text[max(0, gs - 3) : gs] + text[ge : ge + 3])
    if marked:
        return base
    return "unquoted" if base == "none" else "unquoted/other"


def class_name(gold_sp: str, pred: str | None) -> str:
    if not pred:
        return "none"
    p = pred.lower().strip()
    if p.startswith("-") or p in PRONOUNS:
        return "pronoun"
    gw = {w.lower() for w in re.findall(r"\w+", gold_sp) if len(w) > 2}
    pw = {w.lower() for w in re.findall(r"\w+", pred) if len(w) > 2}
    if re.search(r"\b[A-Z]{2,}\b", gold_sp + " " + pred):
        return "acronym"
    if gw & pw:
        return "partial"
    if not any(c.isupper() for c in pred):
        return "description"
    return "other"


def speaker_right(gold_sp: str, pred: str | None) -> bool:
    """The score's test (GUIDELINES.md): the prediction contains the gold speaker's last name."""
    return gold_sp.split()[-1].lower() in str(pred or "").lower()


def errors(name: str, preds: dict[str, list[dict]], by: str = "where"):
    """(right, total, [(class, doc_id, gold speaker, predicted, item text, context before)], false speakers)."""
    sa = scorer()
    texts = {a["doc_id"]: a["text"] for a in articles(name)}
    ok = total = 0
    rows, false_sp = [], []
    for g in gold(name):
        text = texts[g["doc_id"]]
        pc = preds.get(g["doc_id"], [])
        spans = sa.gold_spans(text, g["claims"])
        m = sa.match(spans, [(int(p["start"]), int(p["end"])) for p in pc])
        for gi, item in enumerate(g["claims"]):
            pi = m.get(gi)
            if pi is None or not item["checkworthy"]:
                continue
            pred = pc[pi].get("speaker")
            if not item.get("speaker"):
                if pred:
                    false_sp.append((g["doc_id"], pred, item["text"]))
                continue
            if "quote" not in item["types"]:
                continue
            total += 1
            if speaker_right(item["speaker"], pred):
                ok += 1
                continue
            gs, ge = spans[gi]
            ls = text.rfind("\n", 0, gs) + 1
            ctx = text[max(ls, gs - 200) : gs].replace("\n", " / ")
            cls = class_where(text, gs, ge, pred) if by == "where" else class_name(item["speaker"], pred)
            rows.append((cls, g["doc_id"], item["speaker"], pred, item["text"], ctx))
    return ok, total, rows, false_sp


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--preds", default=str(REPO / "bench" / "results" / "tmp"), help="pred_<set>.jsonl here")
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--run", action="store_true", help="run the CLI into --preds first")
    how.add_argument("--fast", action="store_true", help="the engine's analysis on cached parses")
    ap.add_argument("--by", choices=("where", "name"), default="where", help="how errors are classed")
    ap.add_argument("--class", dest="cls", default="", help="print only classes matching this regex")
    ap.add_argument("--context", action="store_true", help="print the paragraph before each item")
    ap.add_argument("--limit", type=int, default=0, help="print at most N errors per set (0: all)")
    ap.add_argument("--quiet", action="store_true", help="counts only")
    ap.add_argument("--false-speakers", action="store_true", help="list narration given a speaker")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    for name in args.sets.split(","):
        if name not in SETS:
            raise SystemExit(f"unknown set {name!r}; known: {', '.join(SETS)}")
        preds = fast_predictions(name) if args.fast else cli_predictions(name, Path(args.preds), args.run)
        ok, total, rows, false_sp = errors(name, preds, args.by)
        counts = Counter(r[0] for r in rows)
        acc = f"{ok / total:.3f}" if total else "-"
        print(
            f"\n=== {name}: {ok}/{total} right ({acc}); errors {dict(counts.most_common())};"
            f" narration given a speaker: {len(false_sp)}"
        )
        if args.quiet:
            continue
        shown = 0
        for cls, doc, gsp, psp, t, ctx in sorted(rows, key=lambda r: r[0]):
            if (args.cls and not re.match(args.cls, cls)) or (args.limit and shown >= args.limit):
                continue
            shown += 1
            print(f"  [{cls}] {doc}: gold={gsp!r} pred={psp!r}\n      :: {t[:160]}")
            if args.context:
                print(f"      before: …{ctx}")
        if args.false_speakers:
            print(f"--- narration given a speaker ({len(false_sp)})")
            for doc, psp, t in false_sp:
                print(f"  {doc}: pred={psp!r} :: {t[:140]}")


if __name__ == "__main__":
    main()
