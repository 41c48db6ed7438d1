"""Command line interface.

python -m claims.extraction extract [--lang LANG] [--jsonl] [FILE ...]
python -m claims.extraction score [--lang LANG]   < sentences.txt   (prints SCORE<TAB>DECISION)
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict


def _claim_dict(c) -> dict:
    d = asdict(c)
    for q in d["quantities"]:
        q.pop("start", None)
        q.pop("end", None)
    return d


def _out(ext, doc_id=None) -> str:
    obj = {}
    if doc_id is not None:
        obj["doc_id"] = doc_id
    obj.update(
        {
            "language": ext.language,
            "extractor_version": ext.extractor_version,
            "claims": [_claim_dict(c) for c in ext.claims],
        }
    )
    return json.dumps(obj, ensure_ascii=False)


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def cmd_extract(args) -> int:
    from . import extract_many

    out = sys.stdout
    if args.jsonl:
        sources = args.files or ["-"]
        batch_ids, batch_texts, batch_langs = [], [], []

        def flush():
            if batch_texts:
                for doc_id, ext in zip(batch_ids, extract_many(batch_texts, batch_langs)):
                    out.write(_out(ext, doc_id) + "\n")
                out.flush()
                batch_ids.clear(), batch_texts.clear(), batch_langs.clear()

        for src in sources:
            fh = sys.stdin if src == "-" else open(src, encoding="utf-8", errors="replace")  # noqa: SIM115
            try:
                for line in fh:
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        rec = {"doc_id": None, "text": line}
                    if not isinstance(rec, dict):
                        rec = {"doc_id": None, "text": str(rec)}
                    batch_ids.append(rec.get("doc_id"))
                    batch_texts.append(str(rec.get("text") or ""))
                    batch_langs.append(args.lang or rec.get("lang"))
                    if len(batch_texts) >= 64:
                        flush()
            finally:
                if fh is not sys.stdin:
                    fh.close()
        flush()
        return 0
    texts = [_read(p) for p in args.files] if args.files else [sys.stdin.read()]
    for ext in extract_many(texts, [args.lang] * len(texts)):
        out.write(_out(ext) + "\n")
    return 0


def cmd_score(args) -> int:
    from . import detect_language
    from .engine import _FALLBACK_THRESHOLD, _fallback_score_texts

    lines = [line.rstrip("\n") for line in sys.stdin]
    lang = args.lang or detect_language(" ".join(lines[:200]))
    try:
        from . import checkworthiness

        scores = checkworthiness.score_texts(lines, lang, None)
        threshold = float(checkworthiness.THRESHOLD)
    except ImportError:
        scores = _fallback_score_texts(lines, lang, [{} for _ in lines])
        threshold = _FALLBACK_THRESHOLD
    w = sys.stdout.write
    for s in scores:
        s = max(0.0, min(1.0, float(s)))
        w(f"{s:.6f}\t{int(s >= threshold)}\n")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m claims.extraction")
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="extract claims from documents")
    e.add_argument("--lang", default=None)
    e.add_argument("--jsonl", action="store_true", help='input lines are {"doc_id", "text", "lang"?}')
    e.add_argument("files", nargs="*")
    s = sub.add_parser("score", help="score one sentence per stdin line")
    s.add_argument("--lang", default=None)
    args = ap.parse_args(argv)
    return cmd_extract(args) if args.cmd == "extract" else cmd_score(args)


if __name__ == "__main__":
    sys.exit(main())
