"""python -m claims.matching search --corpus CORPUS.tsv --top K < QUERIES.tsv

CORPUS.tsv: a header ``id<TAB>text`` with an optional third column ``title``; QUERIES.tsv: a header
``id<TAB>text``. Fields are tab-separated with no quoting (texts may hold quote marks). Prints
``query_id<TAB>corpus_id<TAB>rank<TAB>score``, best first, at most K lines per query.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


class InputError(Exception):
    pass


def read_tsv(lines, *, name: str, max_cols: int) -> list[list[str]]:
    """Rows of a headered TSV split on tabs only (no quoting); a row may have fewer columns."""
    rows = []
    header = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if header is None:
            header = [h.strip().lower() for h in line.split("\t")]
            if header[:2] != ["id", "text"]:
                raise InputError(
                    f"{name}: the first line must be the header 'id<TAB>text' (got {line[:60]!r})"
                )
            continue
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise InputError(f"{name}, line {number}: expected 'id<TAB>text', found no tab")
        rows.append(cells[:max_cols])
    if header is None:
        raise InputError(f"{name} is empty: expected a header 'id<TAB>text'")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims.matching", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    search = sub.add_parser("search", help="rank corpus items for each query read on stdin")
    search.add_argument("--corpus", required=True, type=Path, help="TSV: id<TAB>text[<TAB>title]")
    search.add_argument("--top", type=int, default=5, help="at most this many lines per query (default 5)")
    search.add_argument(
        "--cache",
        default=os.environ.get("CLAIMTRACK_MATCHING_CACHE", ""),
        help="directory for cached embeddings (default: none; $CLAIMTRACK_MATCHING_CACHE)",
    )
    args = parser.parse_args(argv)
    if args.top < 1:
        parser.error("--top must be at least 1")
    try:
        with open(args.corpus, encoding="utf-8", errors="replace") as handle:
            corpus = read_tsv(handle, name=str(args.corpus), max_cols=3)
        queries = read_tsv(sys.stdin, name="stdin", max_cols=2)
    except (OSError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    from claims.matching.encoder import Encoder
    from claims.matching.index import MatchIndex

    index = MatchIndex(
        [row[0] for row in corpus],
        [row[1] for row in corpus],
        [row[2] if len(row) > 2 else "" for row in corpus],
        encoder=Encoder(args.cache or None),
    )
    results = index.search_many([row[1] for row in queries], top=args.top)
    out = sys.stdout
    for (query_id, _text), matches in zip(queries, results):
        for rank, match in enumerate(matches, start=1):
            out.write(f"{query_id}\t{match.id}\t{rank}\t{match.score:.6f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
