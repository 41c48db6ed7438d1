"""Labelled engine items for the news check-worthiness model.

Runs the extraction engine on the labelled articles and records, for every item it extracts, exactly what
the scorer sees at run time (the text it scores and the engine's hints) with a label:

* original side (``articles/{fr,en}_train.jsonl``, ``*_dev.jsonl``): 1 when the item matches a
  check-worthy gold item by the scorer's own rule (``score_articles.match``: overlap >= half the shorter
  span), else 0 (an unmatched or not-check-worthy item counts against precision);
  ``gold_types`` holds the matched gold item's types (check-worthy or not), None when unmatched;
* translated side (``news_train/wmt14_news_train.jsonl``): the professional translation of each train
  article, rebuilt as an article; an item takes the label of the sentence holding most of it (``cw`` → 1).

Every row carries ``group`` = the article id, shared by an article and its translation, so article-grouped
folds never split a story between the fitted and the scored side.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED") or (REPO.parent / "shared")).resolve()
if not SHARED.exists():  # a worktree under /work/wt/<name>
    SHARED = (REPO.parent.parent / "shared").resolve()
EVAL = SHARED / "eval"
ARTICLES = EVAL / "articles"
NEWS_TRAIN = EVAL / "news_train" / "wmt14_news_train.jsonl"

SETS = {
    "fr_train": ("fr_train.jsonl", "gold_fr_train.jsonl"),
    "en_train": ("en_train.jsonl", "gold_en_train.jsonl"),
    "fr_dev": ("fr_dev.jsonl", "gold_fr_dev.jsonl"),
    "en_dev": ("en_dev.jsonl", "gold_en_dev.jsonl"),
    "seed": ("seed.jsonl", "gold_seed.jsonl"),
}


def _scorer_module():
    spec = importlib.util.spec_from_file_location("score_articles", EVAL / "score_articles.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_engine(texts: list[str], lang: str):
    """(extractions, per-item scorer inputs) for texts of one language; the scorer is bypassed."""
    from claims.extraction import engine

    seen: list[tuple[str, dict]] = []

    def collect(batch, _lang, hints):
        seen.extend(zip(batch, hints))
        return [0.0] * len(batch)

    original = engine._scorer
    engine._scorer = lambda: (collect, 0.5)
    try:
        exts = engine.extract_many(texts, [lang] * len(texts))
    finally:
        engine._scorer = original
    n = sum(len(e.claims) for e in exts)
    assert n == len(seen), (n, len(seen))
    return exts, seen


def _rows(docs, exts, seen, labels_for, side: str) -> list[dict]:
    rows, k = [], 0
    for doc, ext in zip(docs, exts):
        spans = [(c.start, c.end) for c in ext.claims]
        labels, gold_types = labels_for(doc, spans)
        for j, c in enumerate(ext.claims):
            text, hint = seen[k]
            k += 1
            rows.append(
                {
                    "group": doc["doc_id"],
                    "lang": doc["lang"],
                    "side": side,
                    "start": c.start,
                    "end": c.end,
                    "text": text,
                    "hint": hint,
                    "label": labels[j],
                    "gold_types": gold_types[j],
                    "pred_types": list(c.types),
                }
            )
    return rows


def article_rows(name: str) -> list[dict]:
    art_file, gold_file = SETS[name]
    sa = _scorer_module()
    docs = _load(ARTICLES / art_file)
    gold = {g["doc_id"]: g for g in _load(ARTICLES / gold_file)}
    lang = docs[0]["lang"]
    exts, seen = run_engine([d["text"] for d in docs], lang)

    def labels_for(doc, spans):
        g = gold[doc["doc_id"]]["claims"]
        m = sa.match(sa.gold_spans(doc["text"], g), spans)
        inv = {pi: gi for gi, pi in m.items()}
        labels = [int(bool(pi in inv and g[inv[pi]]["checkworthy"])) for pi in range(len(spans))]
        types = [g[inv[pi]]["types"] if pi in inv else None for pi in range(len(spans))]
        return labels, types

    return _rows(docs, exts, seen, labels_for, "original")


def translated_rows(lang: str) -> list[dict]:
    """Items of the train articles whose original is in the other language, from their translation."""
    docs = []
    for art in _load(NEWS_TRAIN):
        if art["origlang"] == lang:
            continue
        text, sent_spans = "", []
        for i, s in enumerate(art["sentences"]):
            if i:
                text += "\n" if i == 1 else " "
            sent_spans.append((len(text), len(text) + len(s[lang]), s["label"]))
            text += s[lang]
        docs.append({"doc_id": art["doc_id"], "lang": lang, "text": text, "sent": sent_spans})
    exts, seen = run_engine([d["text"] for d in docs], lang)

    def labels_for(doc, spans):
        labels = []
        for a, b in spans:
            best = max(doc["sent"], key=lambda s: min(b, s[1]) - max(a, s[0]))
            labels.append(int(best[2] == "cw"))
        return labels, [None] * len(spans)

    return _rows(docs, exts, seen, labels_for, "translated")


def engine_fingerprint() -> str:
    """A hash of the extraction engine's code: items (their spans and hints) built by another engine are stale."""
    digest = hashlib.sha1()
    root = REPO / "claims" / "extraction"
    for path in sorted(root.rglob("*.py")):
        if "tests" not in path.relative_to(root).parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build(out_dir: Path) -> dict[str, Path]:
    """Build the missing item files; all of them again when the engine changed since they were built."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp, fingerprint = out_dir / "engine.sha1", engine_fingerprint()
    if not stamp.exists() or stamp.read_text().strip() != fingerprint:
        for old in out_dir.glob("items_*.jsonl"):
            old.unlink()
    paths = {}
    jobs = [(n, lambda n=n: article_rows(n)) for n in SETS] + [
        (f"{lg}_translated", lambda lg=lg: translated_rows(lg)) for lg in ("fr", "en")
    ]
    for name, fn in jobs:
        p = out_dir / f"items_{name}.jsonl"
        if not p.exists():
            rows = fn()
            with open(p, "w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            print(f"{name}: {len(rows)} items, {sum(r['label'] for r in rows)} check-worthy", flush=True)
        paths[name] = p
    stamp.write_text(fingerprint + "\n")
    return paths


def load_items(out_dir: Path, names) -> list[dict]:
    rows = []
    for n in names:
        rows += _load(out_dir / f"items_{n}.jsonl")
    return rows


if __name__ == "__main__":
    build(REPO / "var" / "cw_items")
